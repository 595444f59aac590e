"""Reading the Resource Directory: who is calling, the directory, its members, its delegated
administrators. Reads only; the one switch (member deletion on) is `enable_member_deletion`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from acctclose.members.api import PRODUCT, DirectoryApi
from acctclose.members.model import Member
from acctclose.sources.live.identity import CALLERS
from acctclose.sources.live.retry import CallFailed, ResponseError

PAGE_SIZE = 100  # the documented maximum of ListAccounts and ListDelegatedAdministrators
NOT_IN_DIRECTORY = frozenset({"ResourceDirectoryNotInUse", "EntityNotExists.ResourceDirectory"})


class NotInDirectory(Exception):
    """The caller's account is not in a resource directory."""


@dataclass(frozen=True, slots=True)
class Caller:
    account_id: str
    kind: str | None  # account | ram_user | assumed_role (None: a type not documented)
    arn: str | None


@dataclass(frozen=True, slots=True)
class Directory:
    directory_id: str
    master_account_id: str
    member_deletion: str  # Enabled | Disabled (as GetResourceDirectory reports it)

    @property
    def deletion_enabled(self) -> bool:
        return self.member_deletion == "Enabled"


def read_caller(api: DirectoryApi) -> Caller:
    sts = api.clients.sts()
    body = api.call("GetCallerIdentity", sts.get_caller_identity, product="sts")
    account_id = str(body.get("AccountId") or "").strip()
    if not account_id.isdigit():
        raise ResponseError("sts", "GetCallerIdentity", "no numeric AccountId")
    return Caller(account_id, CALLERS.get(str(body.get("IdentityType"))), body.get("Arn"))


def read_directory(api: DirectoryApi) -> Directory:
    manager = api.manager()
    try:
        body = api.call("GetResourceDirectory", manager.get_resource_directory)
    except CallFailed as error:
        if error.code in NOT_IN_DIRECTORY:
            raise NotInDirectory() from None
        raise
    raw = body.get("ResourceDirectory") or {}
    master = str(raw.get("MasterAccountId") or "").strip()
    if not master:
        raise ResponseError(PRODUCT, "GetResourceDirectory", "no MasterAccountId")
    return Directory(
        directory_id=str(raw.get("ResourceDirectoryId") or ""),
        master_account_id=master,
        member_deletion=str(raw.get("MemberDeletionStatus") or "Disabled"),
    )


def list_members(api: DirectoryApi) -> list[Member]:
    from alibabacloud_resourcemanager20200331.models import ListAccountsRequest

    manager = api.manager()

    def page(number: int) -> tuple[list[dict[str, Any]], int]:
        request = ListAccountsRequest(page_number=number, page_size=PAGE_SIZE)
        body = api.call("ListAccounts", lambda: manager.list_accounts(request))
        return _accounts(body, "ListAccounts"), int(body.get("TotalCount") or 0)

    return [
        Member(
            account_id=str(raw.get("AccountId") or ""),
            display_name=str(raw.get("DisplayName") or ""),
            type=str(raw.get("Type") or ""),
            status=str(raw.get("Status") or ""),
        )
        for raw in _all_pages("ListAccounts", page)
    ]


def delegated_administrators(api: DirectoryApi) -> dict[str, list[str]]:
    """Account ID -> the services it is a delegated administrator for."""
    from alibabacloud_resourcemanager20200331.models import ListDelegatedAdministratorsRequest

    manager = api.manager()

    def page(number: int) -> tuple[list[dict[str, Any]], int]:
        request = ListDelegatedAdministratorsRequest(page_number=number, page_size=PAGE_SIZE)
        body = api.call(
            "ListDelegatedAdministrators", lambda: manager.list_delegated_administrators(request)
        )
        return _accounts(body, "ListDelegatedAdministrators"), int(body.get("TotalCount") or 0)

    admins: dict[str, list[str]] = {}
    for raw in _all_pages("ListDelegatedAdministrators", page):
        account = str(raw.get("AccountId") or "")
        admins.setdefault(account, []).append(str(raw.get("ServicePrincipal") or "a service"))
    return admins


def enable_member_deletion(api: DirectoryApi) -> str:
    """SetMemberDeletionPermission Status=Enabled (a change: the CLI asks first)."""
    from alibabacloud_resourcemanager20200331.models import SetMemberDeletionPermissionRequest

    manager = api.manager()
    request = SetMemberDeletionPermissionRequest(status="Enabled")
    body = api.call(
        "SetMemberDeletionPermission", lambda: manager.set_member_deletion_permission(request)
    )
    return str(body.get("MemberDeletionStatus") or "")


def _accounts(body: dict[str, Any], api: str) -> list[dict[str, Any]]:
    accounts = (body.get("Accounts") or {}).get("Account") or []
    if not isinstance(accounts, list):
        raise ResponseError(PRODUCT, api, "Accounts.Account is not a list")
    return accounts


def _all_pages(api: str, page: Any) -> list[dict[str, Any]]:
    first, total = page(1)
    items = list(first)
    for number in range(2, math.ceil(total / PAGE_SIZE) + 1):
        items.extend(page(number)[0])
    if len(items) < total:
        # Fail closed: a member missing from the listing could be wrongly refused or missed.
        raise ResponseError(PRODUCT, api, f"{len(items)} accounts listed of {total}")
    return items
