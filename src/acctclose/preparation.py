"""Preparing for closure as library calls: statements, then the checklist in the order of work.

Every question goes through the prompt seam and every answer is written to the record
at once, so a run stopped anywhere (Ctrl-C included) resumes where it left off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.markup import escape

from acctclose import statements
from acctclose.check import build_report
from acctclose.checklist import Item, evidence_lines, items_from
from acctclose.inventory import Inventory
from acctclose.prompts import Choice, Prompter
from acctclose.report import STEPS, Report
from acctclose.state import State
from acctclose.state_store import Session


@dataclass(frozen=True, slots=True)
class Assessment:
    report: Report
    overlay: statements.Overlay


def assess(
    inventory: Inventory,
    state: State | None,
    *,
    source: str,
    today: date | None = None,
    fx_rates: Mapping[str, Decimal] | None = None,
) -> Assessment:
    """The check with the owner's statements laid over the facts."""
    overlay = statements.apply_statements(inventory, state.statement_values() if state else {})
    report = build_report(overlay.inventory, source=source, today=today, fx_rates=fx_rates)
    return Assessment(report, overlay)


# Statements


def ask_statements(
    prompter: Prompter, session: Session, inventory: Inventory, out: Console
) -> bool:
    """Ask for each fact the source left unknown and no statement covers. False = stop."""
    missing = [
        key for key in statements.unknown_keys(inventory) if key not in session.state.statements
    ]
    if not missing:
        return True
    out.print("\n[bold]Facts only you can state[/bold] (no API reports them):")
    for key in missing:
        spec = statements.BY_KEY[key]
        out.print(f"[dim]{escape(spec.hint)}[/dim]")
        value = _ask_statement(prompter, spec)
        if value is _STOP:
            return False
        if value is _SKIP:
            continue
        record_statement(session, key, value)
    return True


_SKIP = object()
_STOP = object()


def _ask_statement(prompter: Prompter, spec: statements.StatementSpec) -> Any:
    key = f"statement:{spec.key}"
    later = [Choice("later", "I'll find out and answer later"), Choice("stop", "Stop here")]
    if spec.kind == statements.CHOICE_KIND:
        options = [Choice(value, value) for value in spec.choices]
        answer = prompter.select(key, spec.question, [*options, *later], default="none")
    elif spec.kind == statements.BOOL_KIND:
        options = [Choice("yes", "yes"), Choice("no", "no")]
        answer = prompter.select(key, spec.question, [*options, *later], default="later")
    else:
        # Free text: only an empty answer means later (a partner may well be called "Stop").
        text = prompter.text(
            key, f"{spec.question} (none, a value, or empty to answer later)", default=""
        ).strip()
        return statements.parse_text(spec, text) if text else _SKIP
    if answer == "later":
        return _SKIP
    if answer == "stop":
        return _STOP
    return statements.parse_text(spec, answer)


# The checklist

_ITEM_CHOICES = [
    Choice("done", "Done"),
    Choice("waive", "Waive it (with a reason)"),
    Choice("later", "Leave it for later"),
    Choice("stop", "Stop here (resume later with acctclose prepare)"),
]

RAM_WARNING = (
    "RAM identities go last. Delete the identity acctclose reads with (the RAM user or role "
    "in your credentials) after every other one: from then on acctclose cannot read the "
    "account, its live checks end, and you continue in the console. Your record is kept."
)
FORCE_BILLING = (
    "Force billing comes last: once every other item is handled and re-checked, press Force "
    "billing in the closure check, wait 1-10 minutes, pay or abandon the bill, then re-check."
)


def walk_items(prompter: Prompter, session: Session, items: Sequence[Item], out: Console) -> bool:
    """Ask about each undecided item in the order of work. False when the owner stopped."""
    shown_step = 0
    for item in items:
        if item.decided:
            continue
        if item.step != shown_step:
            shown_step = item.step
            out.print(f"\n[bold underline]{item.step}. {escape(STEPS[item.step])}[/]")
            if item.step == 3:
                out.print(f"[yellow]Warning:[/] {escape(RAM_WARNING)}")
            if item.step == 4:
                out.print(f"[yellow]Note:[/] {escape(FORCE_BILLING)}")
        show_item(item, out)
        answer = prompter.select(f"item:{item.id}", "Mark it:", _ITEM_CHOICES, default="later")
        if answer == "stop":
            return False
        if answer == "done":
            note = prompter.text(f"item:{item.id}:note", "Note (optional):", default="")
            record_item(session, item.id, "done", note)
        elif answer == "waive":
            reason = prompter.text(
                f"item:{item.id}:reason",
                "Why waive it?",
                validate=lambda text: None if text.strip() else "a reason is needed",
            )
            record_item(session, item.id, "waived", reason)
        elif item.record is None:
            record_item(session, item.id, "open", None)  # seen and left for later
    return True


def show_item(item: Item, out: Console) -> None:
    out.print(
        f"\n[bold]{escape(item.title)}[/]  [dim]{item.id} · {item.severity.replace('_', ' ')}[/]"
    )
    out.print(f"  [bold]The guide asks:[/] {escape(item.guide)}")
    out.print(f"  [bold]Where:[/] {escape(item.action)}")
    key = statements.FINDING_KEYS.get(item.id)
    if item.severity == "unknown" and key:
        spec = statements.BY_KEY[key]
        values = "|".join(spec.choices) if spec.choices else "none|…"
        out.print(f"  [bold]Or state it:[/] acctclose prepare --state {key}={escape(values)}")
    for line in evidence_lines(item.evidence):
        out.print(f"  [dim]{escape(line)}[/]")


def record_item(session: Session, item_id: str, status: str, note: str | None) -> None:
    text = (note or "").strip() or None
    session.change(lambda state, now, cmd: state.set_item(item_id, status, text, now, cmd))


def record_statement(session: Session, key: str, value: Any, note: str | None = None) -> None:
    session.change(lambda state, now, cmd: state.set_statement(key, value, note, now, cmd))


def record_check(session: Session, report: Report) -> None:
    session.change(lambda state, now, cmd: state.set_last_check(report, now, cmd))


def checklist_for(assessment: Assessment, state: State) -> list[Item]:
    return items_from(assessment.report.findings, state)
