"""Deleting one member: read where it stands, submit DeleteAccount once with exactly the
abandoned check ids, then poll GetAccountDeletionStatus until it ends."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from acctclose.members.api import PRODUCT, DirectoryApi
from acctclose.members.model import CheckItem, DeletionStatus
from acctclose.members.settings import PollTiming
from acctclose.sources.live.retry import THROTTLING_CODES, CallFailed, ResponseError

NO_CHECK_YET = "EntityNotExists.CheckAccount"
SILENCE_PERIOD = "1"  # DeletionType: deleted only after a silence period


def read_status(api: DirectoryApi, member_id: str) -> DeletionStatus | None:
    """The member's deletion status; None when no check or deletion was ever started."""
    from alibabacloud_resourcemanager20200331.models import GetAccountDeletionStatusRequest

    request = GetAccountDeletionStatusRequest(account_id=member_id)
    manager = api.manager()
    try:
        body = api.call(
            "GetAccountDeletionStatus", lambda: manager.get_account_deletion_status(request)
        )
    except CallFailed as error:
        if error.code == NO_CHECK_YET:
            return None
        raise
    return parse_status(body)


def submit(api: DirectoryApi, member_id: str, abandon: Sequence[str]) -> str | None:
    """DeleteAccount, the one irreversible call, made so that it is accepted at most once.

    It is never retried blindly: a call that timed out or met a 5xx may have been accepted.
    After any failure the status is read again; a deletion under way means it was accepted.
    Only a throttled call, which the server refused before doing anything, is sent again.
    Returns DeletionType ("0" direct, "1" after a silence period) when known."""
    from alibabacloud_resourcemanager20200331.models import DeleteAccountRequest

    request = DeleteAccountRequest(account_id=member_id, abandonable_check_id=list(abandon) or None)
    manager = api.manager()
    for attempt in range(max(1, api.policy.max_attempts)):
        try:
            body = api.call("DeleteAccount", lambda: manager.delete_account(request), attempts=1)
        except CallFailed as error:
            status = read_status(api, member_id)
            if status is not None and (
                status.status in ("Deleting", "Success") or status.deletion_type is not None
            ):
                return status.deletion_type  # accepted after all
            if error.code not in THROTTLING_CODES or attempt + 1 >= api.policy.max_attempts:
                raise
            api.wait(api.policy.backoff(attempt))
            continue
        value = body.get("DeletionType")
        return None if value is None else str(value)
    raise AssertionError("unreachable")


def poll_deletion(
    api: DirectoryApi,
    member_id: str,
    timing: PollTiming,
    on_status: Callable[[DeletionStatus], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> DeletionStatus | None:
    """Until Success, DeleteFailed or CheckFailed; or until a silence period is reported
    (deletion then waits days, nobody polls that long); or until the timeout: the last seen."""
    deadline = clock() + timing.timeout
    last: DeletionStatus | None = None
    for delay in timing.delays():
        api.wait(max(0.0, min(delay, deadline - clock())))
        last = read_status(api, member_id)
        if last is not None and on_status is not None:
            on_status(last)
        if last is not None and (last.final or last.deletion_type == SILENCE_PERIOD):
            return last
        if clock() >= deadline:
            return last
    raise AssertionError("unreachable: delays() never ends")


def parse_status(body: dict[str, Any]) -> DeletionStatus:
    api = "GetAccountDeletionStatus"
    raw = body.get("RdAccountDeletionStatus")
    if not isinstance(raw, dict) or not raw.get("Status"):
        raise ResponseError(PRODUCT, api, "no RdAccountDeletionStatus.Status")
    reasons = raw.get("FailReasonList") or []
    if not isinstance(reasons, list):
        raise ResponseError(PRODUCT, api, "FailReasonList is not a list")
    deletion_type = raw.get("DeletionType")
    return DeletionStatus(
        status=str(raw["Status"]),
        deletion_type=None if deletion_type in (None, "") else str(deletion_type),
        create_time=raw.get("CreateTime"),
        deletion_time=raw.get("DeletionTime"),
        fail_reasons=tuple(
            CheckItem("", str(r.get("Name") or ""), str(r.get("Description") or ""))
            for r in reasons
            if isinstance(r, dict)
        ),
    )
