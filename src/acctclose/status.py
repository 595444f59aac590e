"""Where the closure stands, from the record alone: no facts are read, nothing is called.

The checklist is the last check's items together with every item the owner decided;
an item the owner never decided that the last check no longer reports is `resolved`.
The verdict (and so the exit code) is the last check's; with no check recorded it is
unknown, and the exit code is 4 (incomplete): fail closed, never ready by default. A
closure that failed after the last check exits 3 (blocked) until the account is checked
again: the guide says it fails on new overdue payments, which that check did not see.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from acctclose.closure_steps import next_step
from acctclose.report import EXIT_CODES, Verdict
from acctclose.rules import all_specs
from acctclose.state import State
from acctclose.statements import describe

STATUS_SCHEMA_VERSION = 1
EXIT_NO_CHECK = EXIT_CODES[Verdict.INCOMPLETE]


def failed_since_last_check(state: State) -> bool:
    """Closure failed (new overdue payments, says the guide) after the last check was made."""
    check, failed_at = state.last_check, state.closure.result_at
    if state.stage != "failed":
        return False
    return check is None or failed_at is None or check.at <= failed_at


def exit_code(state: State) -> int:
    if failed_since_last_check(state):
        return EXIT_CODES[Verdict.BLOCKED]  # that check's verdict is out of date
    if state.last_check is None:
        return EXIT_NO_CHECK
    return EXIT_CODES[Verdict(state.last_check.verdict)]


def _day(moment: datetime | None) -> str | None:
    return None if moment is None else moment.date().isoformat()


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def checklist_items(state: State) -> list[dict[str, Any]]:
    reported = state.last_check.findings if state.last_check else []
    in_check = {finding["id"] for finding in reported}
    steps = {spec.id: spec.step for spec in all_specs()}
    items = []
    for finding in reported:
        record = state.items.get(finding["id"])
        items.append(
            {
                "id": finding["id"],
                "step": finding.get("step", steps.get(finding["id"])),
                "severity": finding["severity"],
                "title": finding["title"],
                "action": finding.get("action"),
                "status": record.status if record else "open",
                "at": _time(record.at) if record else None,
                "note": record.note if record else None,
                "in_last_check": True,
            }
        )
    others = [item_id for item_id in state.items if item_id not in in_check]
    for item_id in sorted(others, key=lambda item_id: (steps.get(item_id, 9), item_id)):
        record = state.items[item_id]
        items.append(
            {
                "id": item_id,
                "step": steps.get(item_id),
                "severity": None,
                "title": None,
                "action": None,
                "status": "resolved" if record.status == "open" else record.status,
                "at": _time(record.at),
                "note": record.note,
                "in_last_check": False,
            }
        )
    return items


def timeline(state: State, today: date) -> list[dict[str, Any]]:
    """Dated milestones, past and expected, in date order."""
    entries: list[dict[str, Any]] = [
        {"date": _day(state.created_at), "what": "preparation started", "kind": "past"}
    ]
    check = state.last_check
    if check is not None:
        entries.append(
            {"date": _day(check.at), "what": f"last check: {check.verdict}", "kind": "past"}
        )
        earliest, latest = check.timeline.get("earliest_close"), check.timeline.get("latest_close")
        if earliest and state.stage == "preparing":
            span = earliest if earliest == latest else f"{earliest} to {latest}"
            entries.append(
                {
                    "date": earliest,
                    "what": f"closure can be initiated {span} (estimate of the last check)",
                    "kind": "expected",
                }
            )
    closure = state.closure
    if closure.initiated_at:
        entries.append(
            {"date": _day(closure.initiated_at), "what": "closure initiated", "kind": "past"}
        )
    if closure.cool_down_started_at:
        entries.append(
            {
                "date": _day(closure.cool_down_started_at),
                "what": "cool-down started",
                "kind": "past",
            }
        )
    if state.cool_down_ends:
        ended = state.cool_down_ends <= today
        entries.append(
            {
                "date": state.cool_down_ends.isoformat(),
                "what": "cool-down ends",
                "kind": "past" if ended else "expected",
            }
        )
    if closure.result_at:
        entries.append(
            {"date": _day(closure.result_at), "what": f"closure {closure.result}", "kind": "past"}
        )
    return sorted(entries, key=lambda entry: entry["date"] or "")


def cool_down(state: State, today: date) -> dict[str, Any]:
    ends = state.cool_down_ends
    return {
        "ends": ends.isoformat() if ends else None,
        "days_left": max((ends - today).days, 0) if ends else None,
    }


def status_document(state: State, today: date) -> dict[str, Any]:
    items = checklist_items(state)
    statuses = [item["status"] for item in items]
    check = state.last_check
    return {
        "schema_version": STATUS_SCHEMA_VERSION,
        "account": {"id": state.account_id, "site": state.site},
        "stage": state.stage,
        "verdict": check.verdict if check else None,
        "checklist": {
            "done": statuses.count("done"),
            "waived": statuses.count("waived"),
            "open": statuses.count("open"),
            "resolved": statuses.count("resolved"),
            "items": items,
        },
        "last_check": None
        if check is None
        else {
            "at": _time(check.at),
            "source": check.source,
            "verdict": check.verdict,
            "counts": check.counts,
            "blockers": [f for f in check.findings if f["severity"] == "must_process"],
            "unknown": [f for f in check.findings if f["severity"] == "unknown"],
        },
        "statements": {
            key: {"value": record.value, "text": describe(record.value), "at": _time(record.at)}
            for key, record in state.statements.items()
        },
        "timeline": timeline(state, today),
        "cool_down": cool_down(state, today),
        "next_step": next_step(state),
        "closure": {
            "initiated_at": _time(state.closure.initiated_at),
            "result": state.closure.result,
            "steps": [
                {"id": step.id, "at": _time(step.at), "outcome": step.outcome}
                for step in state.closure.steps
            ],
        },
        "events": {
            "count": len(state.events),
            "recent": [
                {"at": _time(event.at), "command": event.command, "change": event.change}
                for event in state.events[-5:]
            ],
        },
    }
