"""The scripted form of `prepare`: statements and item decisions given as flags.

    --state KEY=VALUE      a statement (icp_filings=none, partner="Acme", enterprise=none)
    --done ID[=NOTE]       an item done, with an optional note
    --waive ID=REASON      an item waived; the reason is required
    --later ID[=NOTE]      an item (re)opened: left for later

Everything is checked before anything is written, so a typo changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acctclose import statements
from acctclose.checklist import known_item_ids
from acctclose.errors import AcctcloseError


@dataclass(frozen=True, slots=True)
class Decision:
    item_id: str
    status: str  # done | waived | open
    note: str | None


@dataclass(frozen=True, slots=True)
class ScriptedAnswers:
    statements: dict[str, Any]
    decisions: list[Decision]

    @property
    def empty(self) -> bool:
        return not self.statements and not self.decisions


def parse_flags(
    states: list[str], done: list[str], waive: list[str], later: list[str]
) -> ScriptedAnswers:
    stated: dict[str, Any] = {}
    for text in states:
        name, sep, value = text.partition("=")
        if not sep:
            raise AcctcloseError(f"--state {text!r}: expected KEY=VALUE, e.g. icp_filings=none")
        try:
            spec = statements.spec_for(name)
            stated[spec.key] = statements.parse_text(spec, value)
        except ValueError as error:
            raise AcctcloseError(f"--state {text!r}: {error}") from None
    known = known_item_ids()
    decisions: list[Decision] = []
    seen: dict[str, str] = {}
    for flag, status, texts in (
        ("--done", "done", done),
        ("--waive", "waived", waive),
        ("--later", "open", later),
    ):
        for text in texts:
            item_id, _, note = (part.strip() for part in text.partition("="))
            if item_id not in known:
                raise AcctcloseError(
                    f"{flag} {text!r}: no checklist item {item_id!r} "
                    f"(items: {', '.join(sorted(known))})"
                )
            if status == "waived" and not note:
                raise AcctcloseError(f"{flag} {text!r}: a reason is required, as ID=REASON")
            if item_id in seen:
                raise AcctcloseError(f"{item_id} is given twice ({seen[item_id]} and {flag})")
            seen[item_id] = flag
            decisions.append(Decision(item_id, status, note or None))
    return ScriptedAnswers(stated, decisions)
