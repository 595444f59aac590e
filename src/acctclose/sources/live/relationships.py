"""The account's multi-account relationships: its Resource Directory role (Resource Manager) and
its finance trusteeship and financial management roles (BSS QueryRelationList).

The enterprise multi-account super-administrator role has no API: it stays unknown here and
comes from the owner's statement.
"""

from __future__ import annotations

from typing import Any

from acctclose.inventory import Relationships
from acctclose.sources.live.billing import bss_body
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_page_number
from acctclose.sources.live.retry import CallFailed, ResponseError, Unreadable

AREA = "relationships"
NOT_IN_DIRECTORY = frozenset({"ResourceDirectoryNotInUse", "EntityNotExists.ResourceDirectory"})
RELATION_PAGE_SIZE = 100
_KEYS = {
    "FinancialTrusteeship": "finance_trusteeship",
    "FinancialManagement": "financial_management",
}


def read_relationships(ctx: LiveContext) -> Relationships:
    directory = finance = None
    try:
        directory = read_resource_directory(ctx)
    except Unreadable as error:
        ctx.note(AREA, error.reason)
    try:
        finance = read_finance(ctx)
    except Unreadable as error:
        ctx.note(AREA, error.reason)
    return Relationships(
        resource_directory=directory,
        finance_trusteeship=finance["finance_trusteeship"] if finance else None,
        financial_management=finance["financial_management"] if finance else None,
    )


def read_resource_directory(ctx: LiveContext) -> str:
    api = "GetResourceDirectory"
    manager = ctx.clients.resource_manager()
    try:
        body = ctx.call("resourcemanager", api, manager.get_resource_directory)
    except CallFailed as error:
        if error.code in NOT_IN_DIRECTORY:
            return "none"
        raise
    directory = body.get("ResourceDirectory") or {}
    master = str(directory.get("MasterAccountId") or "").strip()
    if not master:
        raise ResponseError("resourcemanager", api, "no MasterAccountId")
    return "management" if master == ctx.account_id else "member"


def read_finance(ctx: LiveContext) -> dict[str, str]:
    """RELATED relations only. An entry for this account gives its own AccountType; an entry
    for the other party gives the opposite role (a MEMBER listed means this account manages)."""
    from alibabacloud_bssopenapi20171214.models import QueryRelationListRequest

    api = "QueryRelationList"
    bss = ctx.clients.bss()

    def page(number: int) -> tuple[list[dict[str, Any]], int]:
        request = QueryRelationListRequest(
            user_id=int(ctx.account_id),
            status_list=["RELATED"],
            page_num=number,
            page_size=RELATION_PAGE_SIZE,
        )
        data = bss_body(ctx, api, lambda: bss.query_relation_list(request))
        relations = data.get("FinancialRelationInfoList") or []
        if not isinstance(relations, list):
            raise ResponseError("bss", api, "FinancialRelationInfoList is not a list")
        return relations, int(data.get("TotalCount") or 0)

    roles = {"finance_trusteeship": "none", "financial_management": "none"}
    for relation in by_page_number(ctx, "bss", api, page, RELATION_PAGE_SIZE):
        key = _KEYS.get(str(relation.get("RelationType")))
        if key is None or relation.get("State") not in (None, "RELATED"):
            continue
        account_type = str(relation.get("AccountType") or "").upper()
        if account_type not in ("MASTER", "MEMBER"):
            raise ResponseError("bss", api, f"AccountType {relation.get('AccountType')!r}")
        is_self = str(relation.get("AccountId") or "") == ctx.account_id
        manages = (account_type == "MASTER") == is_self
        if roles[key] != "admin":  # managing one relationship outweighs belonging to another
            roles[key] = "admin" if manages else "member"
    return roles
