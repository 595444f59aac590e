"""Everything deployed, from Resource Center: counted per region, then searched region by region
side by side, every call paced under the documented 20 requests per second."""

from __future__ import annotations

import time
from typing import Any

from acctclose.inventory import Resource
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_token
from acctclose.sources.live.retry import ResponseError, Unreadable

AREA = "resources"
PRODUCT = "resourcecenter"
PAGE_SIZE = 100  # SearchResources' maximum
_POLL_SECONDS = 3.0

DISABLED = (
    "Resource Center is not enabled for this account (GetResourceCenterServiceStatus: "
    "ServiceStatus Disabled). Enable it in the console (Resource Management › Resource Center "
    "› Enable Resource Center) or re-run with --enable-resource-center, then check again"
)
SCANNING = (
    "Resource Center is still building its first inventory (GetResourceCenterServiceStatus: "
    "InitialStatus {status}); re-run the check in a few minutes"
)


def read_resources(ctx: LiveContext) -> tuple[Resource, ...]:
    rc = ctx.clients.resource_center()
    _ensure_enabled(ctx, rc)
    regions, total = _regions(ctx, rc)
    ctx.progress.advance(AREA, 0, total=total)
    per_region = ctx.map(lambda region: _search(ctx, rc, region), regions, executor=ctx.regions)
    return tuple(resource for found in per_region for resource in found)


def _status(ctx: LiveContext, rc: Any) -> tuple[str, str]:
    body = ctx.call(
        PRODUCT,
        "GetResourceCenterServiceStatus",
        rc.get_resource_center_service_status,
        limited=True,
    )
    return str(body.get("ServiceStatus") or ""), str(body.get("InitialStatus") or "Finished")


def _ensure_enabled(ctx: LiveContext, rc: Any) -> None:
    service, initial = _status(ctx, rc)
    if service != "Enabled":
        if not ctx.clients.settings.enable_resource_center:
            raise Unreadable(DISABLED)
        # The one write the live source makes, and only because the owner asked for it.
        ctx.call(PRODUCT, "EnableResourceCenter", rc.enable_resource_center, limited=True)
        service, initial = _status(ctx, rc)
    deadline = time.monotonic() + ctx.clients.settings.resource_center_wait
    while (service != "Enabled" or initial != "Finished") and time.monotonic() < deadline:
        if not ctx.clients.settings.enable_resource_center:
            break
        ctx.policy.sleep(_POLL_SECONDS)
        service, initial = _status(ctx, rc)
    if service != "Enabled":
        raise Unreadable(DISABLED)
    if initial != "Finished":
        raise Unreadable(SCANNING.format(status=initial))


def _regions(ctx: LiveContext, rc: Any) -> tuple[list[str | None], int]:
    """Regions holding resources; [None] (one unfiltered search) if the counts lack names."""
    from alibabacloud_resourcecenter20221201.models import GetResourceCountsRequest

    api = "GetResourceCounts"
    request = GetResourceCountsRequest(group_by_key="RegionId")
    body = ctx.call(PRODUCT, api, lambda: rc.get_resource_counts(request), limited=True)
    groups = body.get("ResourceCounts") or []
    if not isinstance(groups, list):
        raise ResponseError(PRODUCT, api, "ResourceCounts is not a list")
    regions: list[str | None] = []
    total = 0
    for group in groups:
        count = int(group.get("Count") or 0)
        total += count
        if count > 0:
            regions.append(group.get("GroupName") or None)
    if None in regions:
        return [None], total
    # Largest first, so the longest chain of pages starts earliest.
    counts = {str(group.get("GroupName")): int(group.get("Count") or 0) for group in groups}
    regions.sort(key=lambda region: -counts.get(str(region), 0))
    return regions, total


def _search(ctx: LiveContext, rc: Any, region: str | None) -> list[Resource]:
    from alibabacloud_resourcecenter20221201.models import (
        SearchResourcesRequest,
        SearchResourcesRequestFilter,
    )

    api = "SearchResources"
    filters = (
        [SearchResourcesRequestFilter(key="RegionId", match_type="Equals", value=[region])]
        if region
        else None
    )

    def page(token: str | None) -> tuple[list[Resource], str | None]:
        request = SearchResourcesRequest(filter=filters, max_results=PAGE_SIZE, next_token=token)
        body = ctx.call(PRODUCT, api, lambda: rc.search_resources(request), limited=True)
        found = body.get("Resources") or []
        if not isinstance(found, list):
            raise ResponseError(PRODUCT, api, "Resources is not a list")
        return [_resource(item, region, api) for item in found], body.get("NextToken") or None

    return by_token(PRODUCT, api, page, on_page=lambda n: ctx.progress.advance(AREA, n))


def _resource(item: dict[str, Any], region: str | None, api: str) -> Resource:
    resource_id = str(item.get("ResourceId") or "").strip()
    resource_type = str(item.get("ResourceType") or "").strip()
    if not resource_id or not resource_type:
        raise ResponseError(PRODUCT, api, "a resource without ResourceId or ResourceType")
    # Global resources (such as OSS buckets listed without a region) keep a readable region.
    where = str(item.get("RegionId") or region or "global")
    return Resource(resource_id, resource_type, where, item.get("ResourceName") or None)
