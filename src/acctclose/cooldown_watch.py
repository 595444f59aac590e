"""Watching the cool-down for the one thing that makes closure fail: a new unpaid bill.

The guide: closure fails, and the account is restored, "typically caused by billing delays
that generate new overdue payments during cool-down". So during the cool-down the
outstanding amount is read again at an interval, through the live source's billing read
(BSS QueryBillOverview over the past year, and a negative balance as arrears). Any unpaid
amount is reported at once with what to do. Reads only: nothing is ever changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from acctclose.money import format_amount

if TYPE_CHECKING:  # the SDK-backed modules load only when a watch actually reads
    from acctclose.credentials import ResolvedCredentials
    from acctclose.sources.live.settings import LiveSettings

WHAT_TO_DO = (
    "Pay it now (log on as the account: Expenses and Costs › Fee Hub); otherwise the closure "
    "fails when the cool-down ends and the account is restored, and you start again."
)


@dataclass(frozen=True, slots=True)
class Reading:
    at: datetime
    outstanding: Decimal | None  # None: could not be read (see `problem`)
    currency: str | None = None
    problem: str | None = None

    @property
    def unpaid(self) -> bool:
        return self.outstanding is not None and self.outstanding > 0

    def describe(self) -> str:
        stamp = self.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.outstanding is None:
            return f"{stamp}  could not read the outstanding amount ({self.problem})"
        amount = format_amount(self.outstanding, self.currency or "CNY")
        if self.unpaid:
            return f"{stamp}  UNPAID BILL: {amount} outstanding. {WHAT_TO_DO}"
        return f"{stamp}  no unpaid bills ({amount} outstanding)"


@dataclass(frozen=True, slots=True)
class WatchEnd:
    """Why the watch stopped, and the last reading."""

    reason: str  # unpaid | checks_done | cool_down_over | stopped
    last: Reading | None


Reader = Callable[[], Reading]


def watch(
    read: Reader,
    *,
    interval: float,
    on_reading: Callable[[Reading], None],
    stop_on_unpaid: bool,
    checks: int | None = None,
    ends: date | None = None,
    still_cooling: Callable[[], bool] = lambda: True,
    wait: Callable[[float], bool] | None = None,
    today: Callable[[], date] = lambda: datetime.now(UTC).date(),
) -> WatchEnd:
    """Read, report, wait `interval` seconds, again. Stops at the first unpaid bill when
    `stop_on_unpaid` (scripts), after `checks` readings, once the cool-down's end date has
    passed, or when the record no longer says cooling_down (the result was recorded).
    `wait(seconds)` returns True to stop early (a threading.Event's wait, for tests)."""
    pause = wait or threading.Event().wait
    last: Reading | None = None
    count = 0
    while True:
        last = read()
        count += 1
        on_reading(last)
        if last.unpaid and stop_on_unpaid:
            return WatchEnd("unpaid", last)
        if checks is not None and count >= checks:
            return WatchEnd("checks_done", last)
        if ends is not None and today() > ends:
            return WatchEnd("cool_down_over", last)
        if pause(interval) or not still_cooling():
            return WatchEnd("stopped", last)


def live_reader(
    settings: LiveSettings, credentials: ResolvedCredentials, account_id: str
) -> Reader:
    """Reads the outstanding amount through the live billing read, one reading per call.
    The credentials must belong to `account_id`: another account's bills prove nothing."""
    from acctclose.errors import AcctcloseError
    from acctclose.sources.live.billing import read_balance, read_bills
    from acctclose.sources.live.clients import Clients
    from acctclose.sources.live.context import LiveContext
    from acctclose.sources.live.identity import read_caller
    from acctclose.sources.live.retry import RateLimiter, RetryPolicy, Unreadable

    clients = Clients(settings, credentials.client)
    policy = RetryPolicy(
        max_attempts=settings.max_attempts, base=settings.backoff_base, cap=settings.backoff_cap
    )
    pool = ThreadPoolExecutor(max(1, settings.concurrency), thread_name_prefix="watch")

    def context(now: datetime) -> LiveContext:
        return LiveContext(
            clients=clients,
            policy=policy,
            pages=pool,
            regions=pool,
            resource_center_limiter=RateLimiter(settings.resource_center_rate),
            now=now,
        )

    try:
        caller = read_caller(context(datetime.now(UTC)))
    except Unreadable as error:
        raise AcctcloseError(
            f"cannot read the caller's identity with the credentials from {credentials.source} "
            f"({error.reason})"
        ) from None
    if caller.account_id != account_id:
        raise AcctcloseError(
            f"the credentials from {credentials.source} belong to account {caller.account_id}, "
            f"not {account_id}: its bills say nothing about this closure"
        )

    def read() -> Reading:
        now = datetime.now(UTC).replace(microsecond=0)
        ctx = context(now)
        try:
            bills = read_bills(ctx)
            balance = read_balance(ctx)
        except Unreadable as error:
            return Reading(now, None, problem=error.reason)
        currencies = set(bills.currencies) | {balance.currency}
        if len(currencies) > 1:
            return Reading(now, None, problem=f"amounts in {', '.join(sorted(currencies))}")
        # Unpaid bills and a negative balance describe the same debt: take the larger.
        outstanding = max(bills.outstanding, balance.arrears)
        return Reading(now, outstanding, balance.currency)

    return read
