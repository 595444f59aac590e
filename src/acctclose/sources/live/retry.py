"""Calling an API so that passing faults do not become unknowns: bounded retries, backoff with
jitter, `x-acs-retry-after` honoured, and one clear reason when a call still fails."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

THROTTLING_CODES = frozenset(
    {"Throttling", "Throttling.User", "Throttling.Api", "Throttling.Resource", "ServiceUnavailable"}
)
PERMISSION_CODES = frozenset(
    {"Forbidden.RAM", "NoPermission", "Forbidden", "Forbidden.AccessDenied", "NotAuthorized"}
)
# The RAM action namespace of each product, to name a missing permission.
PERMISSION_PREFIX = {
    "sts": "sts",
    "bss": "bssapi",
    "ram": "ram",
    "resourcecenter": "resourcecenter",
    "domain": "domain",
    "resourcemanager": "resourcemanager",
}


class Unreadable(Exception):
    """A fact that could not be established; `reason` says why, for the report."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class CallFailed(Unreadable):
    """An API call that failed for good; the reason names the API and its error code."""

    def __init__(self, product: str, api: str, code: str, *, permission: str | None = None):
        self.product = product
        self.api = api
        self.code = code
        self.permission = permission
        reason = f"{api}: {code}"
        if permission:
            reason += f" (RAM permission missing: {permission})"
        super().__init__(reason)


class ResponseError(CallFailed):
    """A response that arrived but does not have the documented shape."""

    def __init__(self, product: str, api: str, problem: str) -> None:
        super().__init__(product, api, f"unexpected response ({problem})")


@dataclass
class RetryPolicy:
    max_attempts: int = 5
    base: float = 0.5
    cap: float = 20.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, retry: int) -> float:
        """Exponential with equal jitter: half fixed, half random, so retries spread out."""
        ceiling = min(self.cap, self.base * (2**retry))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)


class RateLimiter:
    """Spaces calls evenly at `rate` per second across threads (no bursts above the limit)."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        import threading

        self._interval = 1.0 / rate
        self._clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def wait_turn(self, sleep: Callable[[float], None] = time.sleep) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self._interval
        if slot > now:
            sleep(slot - now)


def call_api(
    product: str,
    api: str,
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    limiter: RateLimiter | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> T:
    """Run one SDK call with retries; CallFailed when it cannot succeed."""
    retry = 0
    while True:
        if limiter is not None:
            limiter.wait_turn(policy.sleep)
        try:
            return fn()
        except Exception as error:
            failure = classify(product, api, error)
            retry_after = _retry_after(error)
            if failure is not None or retry + 1 >= policy.max_attempts:
                raise (failure or CallFailed(product, api, _code(error))) from None
            delay = policy.backoff(retry)
            if retry_after is not None:
                delay = max(delay / 4, retry_after)  # the server said when; a little jitter on top
                delay += policy.rng.uniform(0, policy.base / 4)
            if on_retry is not None:
                on_retry(api)
            policy.sleep(delay)
            retry += 1


def classify(product: str, api: str, error: Exception) -> CallFailed | None:
    """None when the error is worth retrying, else the final failure."""
    if _retry_after(error) is not None:
        return None
    code = _code(error)
    status = getattr(error, "status_code", None) or getattr(error, "statusCode", None)
    if type(error).__name__ in ("UnretryableException", "TeaUnretryableException"):
        return None  # connection refused or dropped, timeout, or a body that is not JSON
    if code in THROTTLING_CODES or (isinstance(status, int) and status >= 500):
        return None
    if not hasattr(error, "code"):
        return CallFailed(product, api, type(error).__name__)
    permission = None
    if code in PERMISSION_CODES or code.startswith(("Forbidden", "NoPermission")):
        detail = getattr(error, "access_denied_detail", None) or {}
        auth_action = detail.get("AuthAction") if isinstance(detail, dict) else None
        permission = auth_action or f"{PERMISSION_PREFIX.get(product, product)}:{api}"
    return CallFailed(product, api, code, permission=permission)


def _retry_after(error: Exception) -> float | None:
    value = getattr(error, "retry_after", None)
    if isinstance(value, int | float) and value > 0:
        return value / 1000.0  # the SDK passes x-acs-retry-after through in milliseconds
    return None


def _code(error: Exception) -> str:
    code = getattr(error, "code", None)
    if isinstance(code, str) and code and code != "None":
        return code
    inner = getattr(error, "inner_exception", None)
    if inner is not None:
        return _connection_code(inner)
    return type(error).__name__


def _connection_code(error: BaseException) -> str:
    name = type(error).__name__
    if "Timeout" in name:
        return "Timeout"
    if "JSONDecodeError" in name or "ValueError" in name or "json" in str(error).lower():
        return "MalformedResponse"
    return f"ConnectionError ({name})"
