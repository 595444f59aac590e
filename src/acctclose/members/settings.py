"""How member deletion paces itself: polling schedules, timeouts, concurrency, the call rate."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from acctclose.errors import AcctcloseError
from acctclose.sources.live.settings import LiveSettings

POLL_ENV = "ACCTCLOSE_POLL_SECONDS"  # the first poll's delay; later ones grow from it
MEMBER_TIMEOUT_ENV = "ACCTCLOSE_MEMBER_TIMEOUT_SECONDS"
RATE_ENV = "ACCTCLOSE_MEMBER_RATE"  # calls per second (tests and private endpoints)

# Resource Manager publishes no per-API flow control for these calls; 10 calls/s across all
# workers stays well clear of the 20/s that other Alibaba Cloud list APIs document.
DEFAULT_RATE = 10.0
DEFAULT_CONCURRENCY = 16


@dataclass(frozen=True, slots=True)
class PollTiming:
    """Delays between polls: `first`, then growing by `factor` up to `cap`; stop at `timeout`.

    A check takes seconds to minutes, so the first poll waits a little instead of asking at
    once; growing delays keep a slow check from eating the call budget other members need."""

    first: float = 2.0
    factor: float = 1.5
    cap: float = 15.0
    timeout: float = 600.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay
            delay = min(self.cap, delay * self.factor)

    def scaled(self, first: float) -> PollTiming:
        ratio = first / self.first if self.first else 1.0
        return replace(self, first=first, cap=max(first, self.cap * ratio))


@dataclass(frozen=True, slots=True)
class MemberSettings:
    live: LiveSettings = field(default_factory=LiveSettings)
    concurrency: int = DEFAULT_CONCURRENCY  # members worked on side by side
    rate: float = DEFAULT_RATE  # API calls per second, all workers together
    check_poll: PollTiming = field(default_factory=PollTiming)
    # Deletion runs longer than a check; after a silence-period answer nobody polls on.
    deletion_poll: PollTiming = field(
        default_factory=lambda: PollTiming(first=5.0, factor=1.5, cap=30.0, timeout=1800.0)
    )

    @classmethod
    def from_environment(
        cls,
        *,
        site: str | None = None,
        concurrency: int | None = None,
        rate: float | None = None,
        timeout: float | None = None,
    ) -> MemberSettings:
        settings = cls(live=LiveSettings.from_environment(site=site))
        if concurrency is not None:
            if concurrency < 1:
                raise AcctcloseError(f"--concurrency: expected 1 or more, got {concurrency}")
            settings = replace(settings, concurrency=concurrency)
        if rate is None and os.environ.get(RATE_ENV):
            rate = _seconds(RATE_ENV, os.environ[RATE_ENV])
        if rate is not None:
            if not rate > 0:
                raise AcctcloseError(f"--rate: expected calls per second above 0, got {rate}")
            settings = replace(settings, rate=rate)
        if os.environ.get(POLL_ENV):
            first = _seconds(POLL_ENV, os.environ[POLL_ENV])
            settings = replace(
                settings,
                check_poll=settings.check_poll.scaled(first),
                deletion_poll=settings.deletion_poll.scaled(first),
            )
        if timeout is None and os.environ.get(MEMBER_TIMEOUT_ENV):
            timeout = _seconds(MEMBER_TIMEOUT_ENV, os.environ[MEMBER_TIMEOUT_ENV])
        if timeout is not None:
            if not timeout > 0:
                raise AcctcloseError(f"--timeout: expected seconds above 0, got {timeout}")
            settings = replace(
                settings,
                check_poll=replace(settings.check_poll, timeout=timeout),
                deletion_poll=replace(settings.deletion_poll, timeout=timeout),
            )
        return settings


def _seconds(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise AcctcloseError(f"{name}: expected seconds, got {text!r}") from None
    if not value >= 0:
        raise AcctcloseError(f"{name}: expected seconds, got {text!r}")
    return value
