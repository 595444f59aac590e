"""What every live read shares: the clients, the retry policy, the page workers, the notes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from acctclose.sources.live.clients import Clients
from acctclose.sources.live.progress import NoProgress, ProgressSink
from acctclose.sources.live.retry import (
    RateLimiter,
    ResponseError,
    RetryPolicy,
    Unreadable,
    call_api,
)

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class LiveContext:
    clients: Clients
    policy: RetryPolicy
    pages: Executor  # page-level work; areas run on a pool of their own
    regions: Executor  # Resource Center searches, so their pacing never holds up other pages
    resource_center_limiter: RateLimiter
    now: datetime
    progress: ProgressSink = field(default_factory=NoProgress)
    account_id: str = ""
    retries: int = 0
    stop: threading.Event = field(default_factory=threading.Event)  # set on Ctrl-C
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _reasons: dict[str, list[str]] = field(default_factory=dict)

    def call(
        self, product: str, api: str, fn: Callable[[], Any], *, limited: bool = False
    ) -> dict[str, Any]:
        """One API call with retries; the response body as the documented field names."""
        if self.stop.is_set():
            raise Unreadable("interrupted")
        limiter = self.resource_center_limiter if limited else None
        response = call_api(product, api, fn, self.policy, limiter=limiter, on_retry=self._retried)
        body = getattr(response, "body", None)
        if body is None:
            raise ResponseError(product, api, "no body")
        mapped = body.to_map()
        if not isinstance(mapped, dict):
            raise ResponseError(product, api, "body is not an object")
        return mapped

    def map(
        self, fn: Callable[[T], R], items: Iterable[T], *, executor: Executor | None = None
    ) -> list[R]:
        """Run fn over items on the page workers, results in order; the first error is raised."""
        futures = [(executor or self.pages).submit(fn, item) for item in items]
        try:
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()

    def note(self, area: str, reason: str) -> None:
        """Record why a fact of `area` stays unknown."""
        with self._lock:
            reasons = self._reasons.setdefault(area, [])
            if reason not in reasons:
                reasons.append(reason)

    def reasons(self) -> dict[str, str]:
        with self._lock:
            return {area: "; ".join(reasons) for area, reasons in self._reasons.items()}

    def _retried(self, api: str) -> None:
        with self._lock:
            self.retries += 1
