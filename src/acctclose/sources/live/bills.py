"""Bill items for `prepare --export`: BSS QuerySettleBill, every page of one billing cycle."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from acctclose.credentials import resolve_credentials
from acctclose.errors import AcctcloseError
from acctclose.sources import SourceOptions
from acctclose.sources.live.billing import bss_body
from acctclose.sources.live.clients import Clients
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_token
from acctclose.sources.live.retry import RateLimiter, RetryPolicy, Unreadable
from acctclose.sources.live.settings import LiveSettings

API = "QuerySettleBill"
MAX_RESULTS = 300  # the documented maximum page size


class LiveBillSource:
    """Reads bills with the same credentials, endpoints and retries as the live check."""

    def __init__(self, ctx: LiveContext) -> None:
        self._ctx = ctx

    def bill_rows(self, cycle: str) -> list[Mapping[str, object]]:
        from alibabacloud_bssopenapi20171214.models import QuerySettleBillRequest

        bss = self._ctx.clients.bss()

        def page(token: str | None) -> tuple[list[Mapping[str, object]], str | None]:
            request = QuerySettleBillRequest(
                billing_cycle=cycle, max_results=MAX_RESULTS, next_token=token
            )
            data = bss_body(self._ctx, API, lambda: bss.query_settle_bill(request))
            items = (data.get("Items") or {}).get("Item") or []
            return list(items), data.get("NextToken") or None

        try:
            return list(by_token("bss", API, page))
        except Unreadable as error:
            raise AcctcloseError(f"bills of {cycle}: {error.reason}") from None


def open_bill_source(options: SourceOptions) -> LiveBillSource:
    settings = LiveSettings.from_environment(site=options.site)
    resolved = resolve_credentials(options.profile)
    # Bills are read one page after another: the executors are never given work.
    idle = ThreadPoolExecutor(1, thread_name_prefix="bills")
    ctx = LiveContext(
        clients=Clients(settings, resolved.client),
        policy=RetryPolicy(
            max_attempts=settings.max_attempts,
            base=settings.backoff_base,
            cap=settings.backoff_cap,
        ),
        pages=idle,
        regions=idle,
        resource_center_limiter=RateLimiter(settings.resource_center_rate),
        now=datetime.now(UTC),
    )
    return LiveBillSource(ctx)
