"""The Resource Manager calls of member deletion, through the live source's clients, retry
policy and rate limiter (no second retry loop): one place that knows how to call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from acctclose.credentials import ResolvedCredentials, resolve_credentials
from acctclose.members.settings import MemberSettings
from acctclose.sources.live.clients import Clients
from acctclose.sources.live.retry import (
    RateLimiter,
    ResponseError,
    RetryPolicy,
    Unreadable,
    call_api,
)

PRODUCT = "resourcemanager"


class Interrupted(Unreadable):
    """Ctrl-C: no new calls are made."""

    def __init__(self) -> None:
        super().__init__("interrupted")


class DirectoryApi:
    """Calls Resource Manager (and STS for the caller) with retries, at a bounded rate."""

    def __init__(
        self,
        clients: Clients,
        policy: RetryPolicy,
        limiter: RateLimiter,
        stop: threading.Event | None = None,
    ) -> None:
        self.clients = clients
        self.policy = policy
        self.limiter = limiter
        self.stop = stop or threading.Event()
        self.retries = 0
        self._lock = threading.Lock()
        self._calls: dict[str, int] = {}

    @classmethod
    def connect(
        cls,
        settings: MemberSettings,
        *,
        profile: str | None = None,
        credentials: ResolvedCredentials | None = None,
        policy: RetryPolicy | None = None,
    ) -> DirectoryApi:
        live = settings.live
        resolved = credentials or resolve_credentials(profile)
        policy = policy or RetryPolicy(
            max_attempts=live.max_attempts, base=live.backoff_base, cap=live.backoff_cap
        )
        # Every worker may hold a connection; the live clients size their pool from this.
        live = replace(live, concurrency=max(live.concurrency, settings.concurrency))
        return cls(Clients(live, resolved.client), policy, RateLimiter(settings.rate))

    def manager(self) -> Any:
        return self.clients.resource_manager()

    def call(
        self,
        api: str,
        fn: Callable[[], Any],
        *,
        product: str = PRODUCT,
        attempts: int | None = None,
    ) -> dict[str, Any]:
        """One call with retries at the shared rate; the body as documented field names.
        `attempts=1` for a call that must not be repeated without looking first."""
        if self.stop.is_set():
            raise Interrupted()
        with self._lock:
            self._calls[api] = self._calls.get(api, 0) + 1
        policy = self.policy if attempts is None else replace(self.policy, max_attempts=attempts)
        response = call_api(product, api, fn, policy, limiter=self.limiter, on_retry=self._retried)
        body = getattr(response, "body", None)
        mapped = body.to_map() if body is not None else None
        if not isinstance(mapped, dict):
            raise ResponseError(product, api, "no body")
        return mapped

    def wait(self, seconds: float) -> None:
        """Sleep between polls; Ctrl-C (the stop event) ends the wait at once."""
        if self.stop.wait(seconds):
            raise Interrupted()

    def calls(self) -> dict[str, int]:
        with self._lock:
            return dict(self._calls)

    def _retried(self, api: str) -> None:
        with self._lock:
            self.retries += 1
