"""The deletion check of one member: CheckAccountDelete starts it, GetAccountDeletionCheckResult
is polled (growing delays, a timeout) until `PreCheckComplete`. Nothing is changed."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from acctclose.members.api import PRODUCT, DirectoryApi
from acctclose.members.model import CheckItem, CheckResult
from acctclose.members.settings import PollTiming
from acctclose.sources.live.retry import ResponseError, Unreadable


class CheckTimeout(Unreadable):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"the deletion check was still running after {seconds:g} s")


def start_check(api: DirectoryApi, member_id: str) -> None:
    from alibabacloud_resourcemanager20200331.models import CheckAccountDeleteRequest

    request = CheckAccountDeleteRequest(account_id=member_id)
    manager = api.manager()
    api.call("CheckAccountDelete", lambda: manager.check_account_delete(request))


def poll_check(
    api: DirectoryApi,
    member_id: str,
    timing: PollTiming,
    clock: Callable[[], float] = time.monotonic,
) -> CheckResult:
    """Poll until complete; CheckTimeout once `timing.timeout` has passed (at least one poll)."""
    from alibabacloud_resourcemanager20200331.models import GetAccountDeletionCheckResultRequest

    request = GetAccountDeletionCheckResultRequest(account_id=member_id)
    manager = api.manager()
    deadline = clock() + timing.timeout
    for delay in timing.delays():
        api.wait(max(0.0, min(delay, deadline - clock())))
        body = api.call(
            "GetAccountDeletionCheckResult",
            lambda: manager.get_account_deletion_check_result(request),
        )
        result = parse_check_result(body)
        if result is not None:
            return result
        if clock() >= deadline:
            raise CheckTimeout(timing.timeout)
    raise AssertionError("unreachable: delays() never ends")


def run_check(api: DirectoryApi, member_id: str, timing: PollTiming) -> CheckResult:
    start_check(api, member_id)
    return poll_check(api, member_id, timing)


def parse_check_result(body: dict[str, Any]) -> CheckResult | None:
    """The result once complete; None while `PreChecking`."""
    api = "GetAccountDeletionCheckResult"
    info = body.get("AccountDeletionCheckResultInfo")
    if not isinstance(info, dict):
        raise ResponseError(PRODUCT, api, "no AccountDeletionCheckResultInfo")
    status = info.get("Status")
    if status == "PreChecking":
        return None
    if status != "PreCheckComplete":
        raise ResponseError(PRODUCT, api, f"Status {status!r}")
    allow = str(info.get("AllowDelete")).lower()
    if allow not in ("true", "false"):
        raise ResponseError(PRODUCT, api, f"AllowDelete {info.get('AllowDelete')!r}")
    not_allowed = _items(info.get("NotAllowReason"), api)
    if allow == "false" and not not_allowed:
        # Fail closed: a refusal without a reason still blocks.
        not_allowed = (CheckItem("unknown", "unknown", "deletion not allowed, no reason given"),)
    return CheckResult(
        allow_delete=allow == "true" and not not_allowed,
        not_allowed=not_allowed,
        abandonable=_items(info.get("AbandonableChecks"), api),
    )


def _items(value: Any, api: str) -> tuple[CheckItem, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ResponseError(PRODUCT, api, "a check list is not a list")
    items = []
    for raw in value:
        if not isinstance(raw, dict) or not raw.get("CheckId"):
            raise ResponseError(PRODUCT, api, "a check without CheckId")
        items.append(
            CheckItem(
                check_id=str(raw["CheckId"]),
                name=str(raw.get("CheckName") or ""),
                description=str(raw.get("Description") or ""),
            )
        )
    return tuple(items)


def findings(result: CheckResult, member_id: str) -> list[dict[str, Any]]:
    """The check as report findings: NotAllowReason must be processed, AbandonableChecks are
    renounceable (abandon them at close, or resolve them), each with its check id."""
    found: list[dict[str, Any]] = []
    for item in result.not_allowed:
        found.append(
            {
                "id": f"member.not_allowed.{item.check_id}",
                "check_id": item.check_id,
                "severity": "must_process",
                "title": f"{item.name}: {item.description}" if item.name else item.description,
                "action": f"Process it in member {member_id}, then check again.",
            }
        )
    for item in result.abandonable:
        found.append(
            {
                "id": f"member.abandonable.{item.check_id}",
                "check_id": item.check_id,
                "severity": "renounceable",
                "title": f"{item.name}: {item.description}" if item.name else item.description,
                "action": (
                    f"Resolve it, or abandon it when deleting: acctclose close --member "
                    f"{member_id} --abandon {item.check_id}"
                ),
            }
        )
    return found
