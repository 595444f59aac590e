"""What acctclose expects the console's closure check to show, and whether closing may start.

The wizard's preconditions rest on one of two things: a fresh check (live, or an inventory
file for a rehearsal) that nothing must be processed, or, once the RAM identities are gone
and acctclose can no longer read the account, the owner's word that the console's own
Closure Check is clean. In the second case the prediction comes from the last check kept
in the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from acctclose.inventory import Inventory
from acctclose.report import Report, Severity, Verdict
from acctclose.state import State


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    action: str | None = None
    details: tuple[str, ...] = ()  # each resource or amount, for the list of what is forfeited


@dataclass(frozen=True, slots=True)
class Prediction:
    basis: str  # what it rests on, said to the owner and kept in the record
    must_process: tuple[Item, ...]
    renounceable: tuple[Item, ...]
    unknown: tuple[Item, ...]
    identity_verified: bool | None
    # Must-process at the last check, and processed since (the console's clean check says so).
    settled: tuple[Item, ...] = ()

    @property
    def verdict(self) -> Verdict:
        if self.must_process:
            return Verdict.BLOCKED
        if self.unknown:
            return Verdict.INCOMPLETE
        return Verdict.READY


def from_report(report: Report, inventory: Inventory) -> Prediction:
    """A fresh check's prediction; renounceable resources listed one by one."""

    def items(severity: Severity) -> tuple[Item, ...]:
        return tuple(
            Item(f.id, f.title, f.what_to_do, _details(f.id, inventory))
            for f in report.of_severity(severity)
        )

    return Prediction(
        basis=f"a fresh check ({report.source} source)",
        must_process=items(Severity.MUST_PROCESS),
        renounceable=items(Severity.RENOUNCEABLE),
        unknown=items(Severity.UNKNOWN),
        identity_verified=inventory.account.identity_verified,
    )


def from_record(state: State) -> Prediction:
    """The last check kept in the record, for when the account can no longer be read."""
    check = state.last_check
    statement = state.statements.get("identity_verified")
    verified = statement.value if statement and isinstance(statement.value, bool) else None
    if check is None:
        return Prediction("no check recorded", (), (), (), verified)

    def items(severity: str) -> tuple[Item, ...]:
        return tuple(
            Item(str(f["id"]), str(f["title"]), f.get("action"))
            for f in check.findings
            if f.get("severity") == severity
        )

    # The owner's word that the console's check is clean comes after that check: what it
    # listed as must-process (typically the RAM identities, deleted last) has been processed.
    return Prediction(
        basis=f"the last check recorded ({check.source} source, {check.at:%Y-%m-%d})",
        must_process=(),
        renounceable=items("renounceable"),
        unknown=(),
        identity_verified=verified,
        settled=items("must_process"),
    )


def _details(finding_id: str, inventory: Inventory) -> tuple[str, ...]:
    if finding_id != "resources.release" or inventory.resources is None:
        return ()
    subscribed = {sub.id for sub in inventory.subscriptions or ()}
    return tuple(
        f"{resource.id} ({resource.type}, {resource.region})"
        for resource in inventory.resources
        if resource.id not in subscribed
    )
