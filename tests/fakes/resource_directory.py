"""Resource Directory member deletion on the fake Alibaba Cloud server (issue 6).

Importing this module registers the member actions into the shared `HANDLERS` table:
ListAccounts, ListDelegatedAdministrators, SetMemberDeletionPermission, CheckAccountDelete,
GetAccountDeletionCheckResult, DeleteAccount, GetAccountDeletionStatus, and a
GetResourceDirectory that reports the attached directory (it falls back to the plain
handler when a test attached none, so other tests see no change).

Time is simulated by counting polls: a check stays `PreChecking` for `check_polls` polls of
its result, then completes; a deletion goes Checking -> Deleting for `delete_polls` polls,
then ends. The benchmark uses `check_seconds` instead: a check completes that many real
seconds after CheckAccountDelete.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes import alibaba_cloud
from tests.fakes.alibaba_cloud import ApiError, FakeAlibabaCloud, Params, handles

MASTER_ID = "1000000000000001"


def check(check_id: str, name: str = "", description: str = "") -> dict[str, str]:
    return {
        "CheckId": check_id,
        "CheckName": name or check_id,
        "Description": description or f"{check_id} needs attention",
    }


@dataclass
class FakeMember:
    account_id: str
    display_name: str = ""
    type: str = "ResourceAccount"
    status: str = "CreateSuccess"
    not_allowed: list[dict[str, str]] = field(default_factory=list)
    abandonable: list[dict[str, str]] = field(default_factory=list)
    check_polls: int = 3  # result polls answered PreChecking before the result
    check_seconds: float | None = None  # or: complete this long after CheckAccountDelete
    delete_result: str = "Success"  # Success | DeleteFailed | CheckFailed
    deletion_type: str = "0"  # "1": a silence period (stays Deleting)
    delete_polls: int = 2
    fail_reasons: list[dict[str, str]] = field(default_factory=list)
    # What happened, for the test to read.
    checks_started: int = 0
    result_polls: int = 0
    check_started_at: float | None = None
    deletions: list[list[str]] = field(default_factory=list)  # abandon ids of each DeleteAccount
    status_polls: int = 0


@dataclass
class FakeDirectory:
    master_id: str = MASTER_ID
    directory_id: str = "rd-abc123"
    member_deletion: str = "Enabled"
    members: dict[str, FakeMember] = field(default_factory=dict)
    delegated: dict[str, str] = field(default_factory=dict)  # account -> service principal
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, member: FakeMember) -> FakeMember:
        self.members[member.account_id] = member
        return member


def attach(fake: FakeAlibabaCloud, directory: FakeDirectory) -> FakeDirectory:
    """Serve `directory` from `fake`; the caller's account becomes the management account
    unless the test set another one."""
    fake.directory = directory  # type: ignore[attr-defined]
    fake.account.directory_master = directory.master_id
    return directory


def _directory(fake: FakeAlibabaCloud) -> FakeDirectory:
    directory = getattr(fake, "directory", None)
    if directory is None:
        raise ApiError(404, "EntityNotExists.ResourceDirectory", "No resource directory.")
    return directory


def _caller_is_master(fake: FakeAlibabaCloud, directory: FakeDirectory) -> None:
    if fake.account.account_id != directory.master_id:
        raise ApiError(403, "MemberAccountAccessDenied", "The member account is not allowed.")


def _member(directory: FakeDirectory, params: Params) -> FakeMember:
    member = directory.members.get(params.get("AccountId", ""))
    if member is None:
        raise ApiError(
            404, "EntityNotExists.Account", "This resource directory account does not exist."
        )
    return member


_plain_get_resource_directory = alibaba_cloud.HANDLERS["GetResourceDirectory"]


@handles("GetResourceDirectory")
def get_resource_directory(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = getattr(fake, "directory", None)
    if directory is None:
        return _plain_get_resource_directory(fake, params)
    return {
        "ResourceDirectory": {
            "ResourceDirectoryId": directory.directory_id,
            "MasterAccountId": directory.master_id,
            "MasterAccountName": "owner@example.com",
            "RootFolderId": "r-abc123",
            "MemberDeletionStatus": directory.member_deletion,
        }
    }


def _paged(items: list[dict[str, Any]], params: Params) -> dict[str, Any]:
    number = int(params.get("PageNumber") or 1)
    size = int(params.get("PageSize") or 10)
    if not 1 <= size <= 100:
        raise ApiError(400, "InvalidParameter.PageSize", "PageSize must be 1-100")
    start = (number - 1) * size
    return {
        "PageNumber": number,
        "PageSize": size,
        "TotalCount": len(items),
        "Accounts": {"Account": items[start : start + size]},
    }


@handles("ListAccounts")
def list_accounts(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    accounts = [
        {
            "AccountId": member.account_id,
            "DisplayName": member.display_name or f"member-{member.account_id[-4:]}",
            "Type": member.type,
            "Status": member.status,
            "FolderId": "fd-root",
            "JoinMethod": "invited" if member.type == "CloudAccount" else "created",
        }
        for member in directory.members.values()
    ]
    return _paged(accounts, params)


@handles("ListDelegatedAdministrators")
def list_delegated_administrators(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    accounts = [
        {"AccountId": account, "ServicePrincipal": principal, "DisplayName": account}
        for account, principal in directory.delegated.items()
    ]
    return _paged(accounts, params)


@handles("SetMemberDeletionPermission")
def set_member_deletion_permission(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    _caller_is_master(fake, directory)
    status = params.get("Status")
    if status not in ("Enabled", "Disabled"):
        raise ApiError(400, "InvalidParameter.Status", "The specified Status is invalid.")
    directory.member_deletion = status
    return {
        "MemberDeletionStatus": status,
        "ManagementAccountId": directory.master_id,
        "ResourceDirectoryId": directory.directory_id,
    }


@handles("CheckAccountDelete")
def check_account_delete(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    _caller_is_master(fake, directory)
    member = _member(directory, params)
    if member.type != "ResourceAccount":
        raise ApiError(409, "AccountTypeOrStatusMismatch", "The account type does not match.")
    with directory.lock:
        member.checks_started += 1
        member.result_polls = 0
        member.check_started_at = time.monotonic()
    return {}


def _check_complete(member: FakeMember) -> bool:
    if member.check_seconds is not None:
        assert member.check_started_at is not None
        return time.monotonic() - member.check_started_at >= member.check_seconds
    return member.result_polls > member.check_polls


@handles("GetAccountDeletionCheckResult")
def get_account_deletion_check_result(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    member = _member(directory, params)
    with directory.lock:
        if not member.checks_started:
            raise ApiError(
                409, "EntityNotExists.CheckAccount", "There is no check task for this account"
            )
        member.result_polls += 1
        complete = _check_complete(member)
    if not complete:
        return {"AccountDeletionCheckResultInfo": {"Status": "PreChecking"}}
    info: dict[str, Any] = {
        "Status": "PreCheckComplete",
        "AllowDelete": "false" if member.not_allowed else "true",
        "AbandonableChecks": member.abandonable,
    }
    if member.not_allowed:
        info["NotAllowReason"] = member.not_allowed
    return {"AccountDeletionCheckResultInfo": info}


@handles("DeleteAccount")
def delete_account(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    _caller_is_master(fake, directory)
    if directory.member_deletion != "Enabled":
        raise ApiError(403, "MemberDeletionNotEnabled", "Member deletion is not enabled.")
    member = _member(directory, params)
    if member.type != "ResourceAccount":
        raise ApiError(409, "AccountTypeOrStatusMismatch", "The account type does not match.")
    if not member.checks_started:
        raise ApiError(
            409, "EntityNotExists.CheckAccount", "There is no check task for this account"
        )
    abandoned = json.loads(params["AbandonableCheckId"]) if params.get("AbandonableCheckId") else []
    if member.not_allowed:
        raise ApiError(409, "AccountDeletion.CheckNotPassed", "The deletion check did not pass.")
    if sorted(abandoned) != sorted(c["CheckId"] for c in member.abandonable):
        raise ApiError(400, "InvalidParameter.AbandonableCheckId", "Not every check abandoned.")
    with directory.lock:
        member.deletions.append(abandoned)
        member.status_polls = 0
    return {"DeletionType": member.deletion_type}


@handles("GetAccountDeletionStatus")
def get_account_deletion_status(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    directory = _directory(fake)
    member = _member(directory, params)
    with directory.lock:
        if not member.deletions and not member.checks_started:
            raise ApiError(
                409, "EntityNotExists.CheckAccount", "There is no check task for this account"
            )
        member.status_polls += 1
        polls = member.status_polls
    status: dict[str, Any] = {
        "AccountId": member.account_id,
        "CreateTime": "2026-11-27T09:00:00+08:00",
    }
    if not member.deletions:
        status["Status"] = "Checking"  # a check was started, nothing submitted
    elif member.deletion_type == "1" or polls <= member.delete_polls:
        status.update(Status="Deleting", DeletionType=member.deletion_type)
    else:
        status.update(Status=member.delete_result, DeletionType=member.deletion_type)
        if member.delete_result == "Success":
            status["DeletionTime"] = "2026-11-27T09:05:00+08:00"
        else:
            status["FailReasonList"] = member.fail_reasons or [
                {"Name": "Others", "Description": "This account has a payer account."}
            ]
    return {"RdAccountDeletionStatus": status}
