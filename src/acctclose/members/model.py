"""What member deletion works with: members, check results, deletion status, outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RESOURCE_ACCOUNT = "ResourceAccount"

# GetAccountDeletionStatus: the statuses after which nothing more will happen by itself.
FINAL_STATUSES = frozenset({"Success", "DeleteFailed", "CheckFailed"})

# A member's outcome in a run (the report's `outcome`, the record's `status`).
# check: allowed | blocked | incomplete
# close: deleted | already_deleted | deleting | silence_period | delete_failed | check_failed
#        | blocked | not_abandoned | not_confirmed | incomplete
SUCCESSFUL = frozenset({"deleted", "already_deleted"})
PENDING = frozenset({"deleting", "silence_period"})


@dataclass(frozen=True, slots=True)
class Member:
    account_id: str
    display_name: str
    type: str  # ResourceAccount | CloudAccount
    status: str


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One item of a deletion check: CheckId, CheckName (the product), Description."""

    check_id: str
    name: str
    description: str

    def to_json(self) -> dict[str, str]:
        return {"check_id": self.check_id, "name": self.name, "description": self.description}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """GetAccountDeletionCheckResult once `PreCheckComplete`."""

    allow_delete: bool
    not_allowed: tuple[CheckItem, ...]  # must be processed
    abandonable: tuple[CheckItem, ...]  # may be abandoned (the console's "Renounceable")


@dataclass(frozen=True, slots=True)
class DeletionStatus:
    """GetAccountDeletionStatus's RdAccountDeletionStatus."""

    status: str  # Checking | Deleting | Success | CheckFailed | DeleteFailed
    deletion_type: str | None = None  # "0" direct, "1" after a silence period
    create_time: str | None = None
    deletion_time: str | None = None
    fail_reasons: tuple[CheckItem, ...] = ()

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES


@dataclass(slots=True)
class MemberOutcome:
    """One member's line in the report: where it ended, and why."""

    account_id: str
    display_name: str | None = None
    outcome: str = "incomplete"
    detail: str = ""
    check: CheckResult | None = None
    abandoned: tuple[str, ...] = ()
    deletion: DeletionStatus | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
