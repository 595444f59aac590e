"""The preparation checklist: the report's findings of steps 1-4 with the owner's decisions.

An item is a finding id. Its status comes from the record (done, waived, open); the
finding says what the guide asks, where in the console, and the evidence. Marking an
item done never changes the verdict: only the facts (and the owner's statements) do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from acctclose.report import Finding
from acctclose.rules import all_specs
from acctclose.state import CHECKLIST_STEPS, ItemRecord, State


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    step: int
    area: str
    severity: str
    title: str
    guide: str  # what the closure guide asks (the finding's summary)
    action: str  # what to do and where in the console
    evidence: dict[str, Any]
    record: ItemRecord | None

    @property
    def status(self) -> str:
        return self.record.status if self.record else "open"

    @property
    def decided(self) -> bool:
        return self.status in ("done", "waived")


def known_item_ids() -> set[str]:
    """Every finding id that can be a checklist item (to catch typos in scripts)."""
    return {spec.id for spec in all_specs() if spec.step in CHECKLIST_STEPS}


def items_from(findings: Iterable[Finding], state: State | None) -> list[Item]:
    """The checklist in the order of work (the report's order)."""
    records = state.items if state else {}
    return [
        Item(
            id=finding.id,
            step=finding.step,
            area=finding.area,
            severity=str(finding.severity),
            title=finding.title,
            guide=finding.spec.summary,
            action=finding.what_to_do,
            evidence=finding.evidence,
            record=records.get(finding.id),
        )
        for finding in findings
        if finding.step in CHECKLIST_STEPS
    ]


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    waived: int
    open: int

    @property
    def total(self) -> int:
        return self.done + self.waived + self.open


def progress(statuses: Sequence[str]) -> Progress:
    return Progress(
        done=statuses.count("done"), waived=statuses.count("waived"), open=statuses.count("open")
    )


def evidence_lines(evidence: dict[str, Any], limit: int = 6) -> list[str]:
    """A few readable lines of a finding's evidence (the full evidence is in the report)."""
    lines: list[str] = []
    for key, value in evidence.items():
        if key == "sample" and isinstance(value, list):
            for entry in value[:3]:
                lines.append(f"- {_entry_text(entry)}")
            if len(value) > 3:
                lines.append(f"- … and {len(value) - 3} more in the report")
        elif isinstance(value, dict):
            top = ", ".join(f"{k}: {v}" for k, v in list(value.items())[:4])
            lines.append(f"{key}: {top}")
        elif value is not None:
            lines.append(f"{key}: {value}")
    return lines[:limit]


def _entry_text(entry: object) -> str:
    if isinstance(entry, dict):
        return ", ".join(f"{k} {v}" for k, v in entry.items() if v is not None)
    return str(entry)
