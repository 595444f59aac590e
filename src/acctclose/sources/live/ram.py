"""RAM identities left in the account, from the RAM API; each kind is read on its own, so one
missing permission leaves only that kind unknown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from acctclose.inventory import Ram
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_token
from acctclose.sources.live.retry import ResponseError, Unreadable

AREA = "ram"
MAX_ITEMS = 1000  # RAM's page size limit


def read_ram(ctx: LiveContext) -> Ram:
    readers: dict[str, Callable[[LiveContext], tuple[str, ...]]] = {
        "users": _users,
        "groups": _groups,
        "roles": _roles,
        "policies": _policies,
        "mfa_devices": _mfa_devices,
    }

    def read(kind: str) -> tuple[str, ...] | None:
        try:
            names = readers[kind](ctx)
        except Unreadable as error:
            ctx.note(AREA, error.reason)
            return None
        ctx.progress.advance(AREA, 1)
        return names

    results = ctx.map(read, list(readers))
    return Ram(**dict(zip(readers, results, strict=True)))


def _listing(
    ctx: LiveContext,
    api: str,
    call: Callable[[str | None], Any],
    path: tuple[str, str],
    field: str,
    keep: Callable[[dict[str, Any]], bool] = lambda item: True,
) -> tuple[str, ...]:
    def page(marker: str | None) -> tuple[list[str], str | None]:
        body = ctx.call("ram", api, lambda: call(marker))
        items = (body.get(path[0]) or {}).get(path[1]) or []
        if not isinstance(items, list):
            raise ResponseError("ram", api, f"{path[0]}.{path[1]} is not a list")
        names = []
        for item in items:
            name = str(item.get(field) or "").strip()
            if not name:
                raise ResponseError("ram", api, f"an entry without {field}")
            if keep(item):
                names.append(name)
        truncated = body.get("IsTruncated") in (True, "true")
        return names, (body.get("Marker") or None) if truncated else None

    return tuple(by_token("ram", api, page))


def _users(ctx: LiveContext) -> tuple[str, ...]:
    from alibabacloud_ram20150501.models import ListUsersRequest

    ram = ctx.clients.ram()
    return _listing(
        ctx,
        "ListUsers",
        lambda marker: ram.list_users(ListUsersRequest(marker=marker, max_items=MAX_ITEMS)),
        ("Users", "User"),
        "UserName",
    )


def _groups(ctx: LiveContext) -> tuple[str, ...]:
    from alibabacloud_ram20150501.models import ListGroupsRequest

    ram = ctx.clients.ram()
    return _listing(
        ctx,
        "ListGroups",
        lambda marker: ram.list_groups(ListGroupsRequest(marker=marker, max_items=MAX_ITEMS)),
        ("Groups", "Group"),
        "GroupName",
    )


def is_service_linked(role: dict[str, Any]) -> bool:
    """Service-linked roles belong to the services that made them; closure does not ask."""
    arn = str(role.get("Arn") or "").lower()
    return "/aliyun-service-role/" in arn or str(role.get("RoleName") or "").startswith(
        "AliyunServiceRoleFor"
    )


def _roles(ctx: LiveContext) -> tuple[str, ...]:
    from alibabacloud_ram20150501.models import ListRolesRequest

    ram = ctx.clients.ram()
    return _listing(
        ctx,
        "ListRoles",
        lambda marker: ram.list_roles(ListRolesRequest(marker=marker, max_items=MAX_ITEMS)),
        ("Roles", "Role"),
        "RoleName",
        keep=lambda role: not is_service_linked(role),
    )


def _policies(ctx: LiveContext) -> tuple[str, ...]:
    from alibabacloud_ram20150501.models import ListPoliciesRequest

    ram = ctx.clients.ram()
    return _listing(
        ctx,
        "ListPolicies",
        lambda marker: ram.list_policies(
            ListPoliciesRequest(policy_type="Custom", marker=marker, max_items=MAX_ITEMS)
        ),
        ("Policies", "Policy"),
        "PolicyName",
        keep=lambda policy: policy.get("PolicyType") in (None, "Custom"),
    )


def _mfa_devices(ctx: LiveContext) -> tuple[str, ...]:
    ram = ctx.clients.ram()
    # The SDK's ListVirtualMFADevices takes no paging parameters: one call lists them all.
    return _listing(
        ctx,
        "ListVirtualMFADevices",
        lambda marker: ram.list_virtual_mfadevices(),
        ("VirtualMFADevices", "VirtualMFADevice"),
        "SerialNumber",
    )
