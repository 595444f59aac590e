"""The live source: read every area side by side into the facts model, failing closed.

The caller's identity is read first (it gives the account ID, and a credentials problem
should stop everything with one clear line). Every other area then runs on its own; an area
that still fails after retries leaves its facts unknown and says why.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from acctclose.credentials import ResolvedCredentials, resolve_credentials
from acctclose.errors import AcctcloseError
from acctclose.inventory import Account, Billing, Inventory, Ram, Relationships
from acctclose.sources.live.billing import read_billing, read_subscriptions
from acctclose.sources.live.clients import Clients
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.domains import read_domains
from acctclose.sources.live.identity import read_caller
from acctclose.sources.live.progress import NoProgress, ProgressSink, RichProgress
from acctclose.sources.live.ram import read_ram
from acctclose.sources.live.relationships import read_relationships
from acctclose.sources.live.resources import read_resources
from acctclose.sources.live.retry import RateLimiter, RetryPolicy, Unreadable
from acctclose.sources.live.settings import LiveSettings

AREAS: dict[str, Callable[[LiveContext], Any]] = {
    "resources": read_resources,  # the longest (rate-limited) read starts first
    "billing": read_billing,
    "subscriptions": read_subscriptions,
    "domains": read_domains,
    "ram": read_ram,
    "relationships": read_relationships,
}


def read_live(
    settings: LiveSettings,
    *,
    profile: str | None = None,
    credentials: ResolvedCredentials | None = None,
    show_progress: bool = False,
    policy: RetryPolicy | None = None,
    now: datetime | None = None,
) -> tuple[Inventory, LiveContext]:
    """The account's facts, and the context (retry count, reasons) the read used."""
    resolved = credentials or resolve_credentials(profile)
    policy = policy or RetryPolicy(
        max_attempts=settings.max_attempts, base=settings.backoff_base, cap=settings.backoff_cap
    )
    progress: ProgressSink = RichProgress() if show_progress else NoProgress()
    workers = max(1, settings.concurrency)
    with (
        progress if isinstance(progress, RichProgress) else contextlib.nullcontext(),
        ThreadPoolExecutor(min(workers, len(AREAS)), thread_name_prefix="area") as areas,
        ThreadPoolExecutor(workers, thread_name_prefix="page") as pages,
        ThreadPoolExecutor(workers, thread_name_prefix="region") as regions,
    ):
        ctx = LiveContext(
            clients=Clients(settings, resolved.client),
            policy=policy,
            pages=pages,
            regions=regions,
            resource_center_limiter=RateLimiter(settings.resource_center_rate),
            now=now or datetime.now(UTC),
            progress=progress,
        )
        progress.start("identity", 1)
        try:
            caller = read_caller(ctx)
        except Unreadable as error:
            raise AcctcloseError(
                f"cannot read the caller's identity with the credentials from {resolved.source} "
                f"({error.reason})"
            ) from None
        progress.finish("identity", True)
        ctx.account_id = caller.account_id
        futures = {area: areas.submit(_read_area, ctx, area, read) for area, read in AREAS.items()}
        try:
            results = {area: future.result() for area, future in futures.items()}
        except BaseException:  # Ctrl-C: no new calls; the pools wait only for calls in flight
            ctx.stop.set()
            for pool in (areas, pages, regions):
                pool.shutdown(wait=False, cancel_futures=True)
            raise
    inventory = Inventory(
        account=Account(id=caller.account_id, site=settings.site, caller=caller.caller),  # type: ignore[arg-type]
        billing=results["billing"] or Billing(),
        subscriptions=results["subscriptions"],
        resources=results["resources"],
        domains=results["domains"],
        ram=results["ram"] or Ram(),
        relationships=results["relationships"] or Relationships(),
        unknown_reasons=ctx.reasons(),
    )
    return inventory, ctx


def _read_area(ctx: LiveContext, area: str, read: Callable[[LiveContext], Any]) -> Any:
    ctx.progress.start(area)
    try:
        result = read(ctx)
    except Unreadable as error:
        ctx.note(area, error.reason)
        result = None
    except Exception as error:  # a response shape nobody documented: unknown, never a crash
        ctx.note(area, f"unexpected {type(error).__name__} while reading")
        result = None
    ctx.progress.finish(area, area not in ctx.reasons())
    return result
