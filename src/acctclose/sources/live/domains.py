"""Domain names held by the account: the Domain product, or Domain (international) by site."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from acctclose.inventory import Domain
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_page_number
from acctclose.sources.live.retry import ResponseError

AREA = "domains"
PAGE_SIZE = 100
BEIJING = timezone(timedelta(hours=8))


def read_domains(ctx: LiveContext) -> tuple[Domain, ...]:
    international = ctx.clients.settings.site == "international"
    if international:
        from alibabacloud_domain_intl20171218.models import QueryDomainListRequest
    else:
        from alibabacloud_domain20180129.models import (
            QueryDomainListRequest,
        )
    api = "QueryDomainList"
    client = ctx.clients.domain()

    def page(number: int) -> tuple[list[dict[str, Any]], int]:
        request = QueryDomainListRequest(page_num=number, page_size=PAGE_SIZE)
        body = ctx.call("domain", api, lambda: client.query_domain_list(request))
        found = (body.get("Data") or {}).get("Domain") or []
        if not isinstance(found, list):
            raise ResponseError("domain", api, "Data.Domain is not a list")
        ctx.progress.advance(AREA, len(found), total=int(body.get("TotalItemNum") or 0))
        return found, int(body.get("TotalItemNum") or 0)

    return tuple(_domain(item, api) for item in by_page_number(ctx, "domain", api, page, PAGE_SIZE))


def _domain(item: dict[str, Any], api: str) -> Domain:
    name = str(item.get("DomainName") or "").strip()
    if not name:
        raise ResponseError("domain", api, "a domain without DomainName")
    return Domain(name, _expires(item))


def _expires(item: dict[str, Any]) -> date | None:
    text = item.get("ExpirationDate")
    if isinstance(text, str) and text.strip():
        try:
            return datetime.fromisoformat(text.strip()).date()  # "2017-11-02 04:00:45"
        except ValueError:
            pass
    millis = item.get("ExpirationDateLong")
    if isinstance(millis, int | float) and not isinstance(millis, bool) and millis > 0:
        # Registry dates are shown in Beijing time in the console.
        return datetime.fromtimestamp(millis / 1000, BEIJING).date()
    return None
