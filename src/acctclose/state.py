"""The owner's record of one account: progress, statements, the last check, the closure.

Facts (the inventory), judgement (the report) and progress (this record) stay apart:
the record only says what the owner did, decided and stated, and when. Every change
appends an event; events are never rewritten or removed. No secret is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from acctclose.report import Report, Severity

SCHEMA_VERSION = 1
STAGES: tuple[str, ...] = ("preparing", "initiated", "cooling_down", "closed", "failed")
ITEM_STATUSES: tuple[str, ...] = ("done", "waived", "open")
# The order of work's steps 1-4 are the preparation checklist; step 5 is closing itself.
CHECKLIST_STEPS: frozenset[int] = frozenset({1, 2, 3, 4})


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(slots=True)
class ItemRecord:
    """A checklist item (a finding id): done, waived (with the reason) or open, and when."""

    status: str
    at: datetime
    note: str | None = None


@dataclass(slots=True)
class StatementRecord:
    """A fact stated by the owner, in the form statements.validate accepts."""

    value: Any
    at: datetime
    note: str | None = None


@dataclass(slots=True)
class CheckSummary:
    """What the last check said: enough for `status` without reading the facts again."""

    at: datetime
    source: str
    verdict: str
    counts: dict[str, int]
    findings: list[dict[str, Any]]  # {id, severity, step, title, action}: the checklist's items
    timeline: dict[str, Any]  # {earliest_close, latest_close, basis}


@dataclass(slots=True)
class ClosureStep:
    """One step of the closure wizard (issue 5), as it happened."""

    id: str
    at: datetime
    outcome: str
    note: str | None = None


@dataclass(slots=True)
class ClosureRecord:
    """Where the close wizard writes: when closure was initiated, its steps, the result."""

    initiated_at: datetime | None = None
    cool_down_started_at: datetime | None = None
    result: str | None = None  # closed | failed
    result_at: datetime | None = None
    steps: list[ClosureStep] = field(default_factory=list)


@dataclass(slots=True)
class MemberRecord:
    """A Resource Directory member's deletion progress (issue 6), as last seen by acctclose.

    `status` is the outcome vocabulary of docs/members.md (checking, allowed, blocked,
    submitted, deleting, silence_period, deleted, already_deleted, delete_failed, ...)."""

    status: str
    at: datetime
    display_name: str | None = None
    blocking: list[str] = field(default_factory=list)  # NotAllowReason check ids
    abandonable: list[str] = field(default_factory=list)  # AbandonableChecks check ids
    abandoned: list[str] = field(default_factory=list)  # the ids sent with DeleteAccount
    deletion_type: str | None = None  # "0" direct, "1" after a silence period
    submitted_at: datetime | None = None  # when DeleteAccount was accepted
    note: str | None = None


@dataclass(slots=True)
class Event:
    at: datetime
    command: str
    change: str


@dataclass(slots=True)
class State:
    account_id: str
    site: str | None
    stage: str
    created_at: datetime
    updated_at: datetime
    cool_down_ends: date | None = None
    items: dict[str, ItemRecord] = field(default_factory=dict)
    statements: dict[str, StatementRecord] = field(default_factory=dict)
    last_check: CheckSummary | None = None
    closure: ClosureRecord = field(default_factory=ClosureRecord)
    events: list[Event] = field(default_factory=list)
    members: dict[str, MemberRecord] = field(default_factory=dict)  # issue 6: RD members

    @classmethod
    def new(cls, account_id: str, site: str | None, now: datetime) -> State:
        return cls(
            account_id=account_id, site=site, stage="preparing", created_at=now, updated_at=now
        )

    def statement_values(self) -> dict[str, Any]:
        return {key: record.value for key, record in self.statements.items()}

    def item_status(self, item_id: str) -> str:
        record = self.items.get(item_id)
        return record.status if record else "open"

    # Changes: each one says what changed in the event log.

    def log(self, now: datetime, command: str, change: str) -> None:
        self.events.append(Event(now, command, change))
        self.updated_at = now

    def set_item(
        self, item_id: str, status: str, note: str | None, now: datetime, command: str
    ) -> None:
        if status not in ITEM_STATUSES:
            raise ValueError(f"item status must be one of {', '.join(ITEM_STATUSES)}")
        if status == "waived" and not (note and note.strip()):
            raise ValueError(f"waiving {item_id} needs a reason")
        self.items[item_id] = ItemRecord(status, now, note or None)
        reason = f" ({note})" if note else ""
        self.log(now, command, f"item {item_id}: {status}{reason}")

    def set_statement(
        self, key: str, value: Any, note: str | None, now: datetime, command: str
    ) -> None:
        from acctclose.statements import describe

        self.statements[key] = StatementRecord(value, now, note or None)
        self.log(now, command, f"statement {key} = {describe(value)}")

    def set_stage(self, stage: str, now: datetime, command: str) -> None:
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}")
        if stage != self.stage:
            self.log(now, command, f"stage: {self.stage} -> {stage}")
            self.stage = stage

    def set_cool_down_end(self, ends: date, now: datetime, command: str) -> None:
        self.cool_down_ends = ends
        self.log(now, command, f"cool-down ends {ends.isoformat()}")

    # The close wizard's part of the record (issue 5): its steps, then the stages they lead to.

    def add_closure_step(
        self, step_id: str, outcome: str, note: str | None, now: datetime, command: str
    ) -> None:
        self.closure.steps.append(ClosureStep(step_id, now, outcome, note or None))
        self.log(now, command, f"closure step {step_id}: {outcome}")

    def mark_initiated(self, now: datetime, command: str) -> None:
        self.closure.initiated_at = now
        self.set_stage("initiated", now, command)

    def mark_cooling_down(self, ends: date | None, now: datetime, command: str) -> None:
        self.closure.cool_down_started_at = now
        self.set_stage("cooling_down", now, command)
        if ends is not None:
            self.set_cool_down_end(ends, now, command)

    def mark_result(self, result: str, now: datetime, command: str) -> None:
        """closed, or failed (the guide: the account is restored; settle and start again)."""
        if result not in ("closed", "failed"):
            raise ValueError("the result of a closure is closed or failed")
        self.closure.result = result
        self.closure.result_at = now
        self.set_stage(result, now, command)

    def set_member(self, member_id: str, record: MemberRecord, command: str) -> None:
        """A member's progress (issue 6); the event says where it stands now."""
        self.members[member_id] = record
        note = f" ({record.note})" if record.note else ""
        self.log(record.at, command, f"member {member_id}: {record.status}{note}")

    def set_last_check(self, report: Report, now: datetime, command: str) -> None:
        self.last_check = summarize(report, now)
        self.log(now, command, f"check: {report.verdict}")


def summarize(report: Report, now: datetime) -> CheckSummary:
    counts = {str(severity): len(report.of_severity(severity)) for severity in Severity}
    return CheckSummary(
        at=now,
        source=report.source,
        verdict=str(report.verdict),
        counts=counts,
        findings=[
            {
                "id": finding.id,
                "severity": str(finding.severity),
                "step": finding.step,
                "title": finding.title,
                "action": finding.what_to_do,
            }
            for finding in report.findings
            if finding.step in CHECKLIST_STEPS
        ],
        timeline={
            "earliest_close": report.timeline.earliest_close,
            "latest_close": report.timeline.latest_close,
            "basis": list(report.timeline.basis),
        },
    )
