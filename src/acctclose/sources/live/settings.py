"""How the live source talks to Alibaba Cloud: endpoints per site, timeouts, retries, pacing."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from acctclose.errors import AcctcloseError

ENDPOINT_ENV = "ACCTCLOSE_ENDPOINT"
RETRY_BASE_ENV = "ACCTCLOSE_RETRY_BASE_SECONDS"
TIMEOUT_ENV = "ACCTCLOSE_TIMEOUT_SECONDS"
CONCURRENCY_ENV = "ACCTCLOSE_CONCURRENCY"

DEFAULT_SITE = "china"

# Product -> host, per site (shared reference: alibaba-cloud-apis.md).
ENDPOINTS: dict[str, dict[str, str]] = {
    "china": {
        "sts": "sts.cn-hangzhou.aliyuncs.com",
        "bss": "business.aliyuncs.com",
        "ram": "ram.aliyuncs.com",
        "resourcecenter": "resourcecenter.aliyuncs.com",
        "domain": "domain.aliyuncs.com",
        "resourcemanager": "resourcemanager.aliyuncs.com",
    },
    "international": {
        "sts": "sts.ap-southeast-1.aliyuncs.com",
        "bss": "business.ap-southeast-1.aliyuncs.com",
        "ram": "ram.aliyuncs.com",
        "resourcecenter": "resourcecenter-intl.aliyuncs.com",
        "domain": "domain-intl.aliyuncs.com",
        "resourcemanager": "resourcemanager.aliyuncs.com",
    },
}


@dataclass(frozen=True, slots=True)
class Endpoint:
    host: str  # host[:port], as the SDK's Config.endpoint wants it
    protocol: str  # "https" or "http"


@dataclass(frozen=True, slots=True)
class LiveSettings:
    site: str = DEFAULT_SITE
    override: Endpoint | None = None  # ACCTCLOSE_ENDPOINT: every product to one address
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    max_attempts: int = 5  # per call, the first try included
    backoff_base: float = 0.5  # seconds; doubles per retry, with jitter
    backoff_cap: float = 20.0
    concurrency: int = 8  # areas read side by side, and pages within an area
    # Resource Center's documented flow control is 20 requests/s per user; keep a margin.
    resource_center_rate: float = 19.0
    enable_resource_center: bool = False
    resource_center_wait: float = 60.0  # seconds to wait for a just-enabled Resource Center

    def endpoint(self, product: str) -> Endpoint:
        if self.override is not None:
            return self.override
        return Endpoint(ENDPOINTS[self.site][product], "https")

    @classmethod
    def from_environment(
        cls, *, site: str | None = None, enable_resource_center: bool = False
    ) -> LiveSettings:
        settings = cls(
            site=check_site(site or DEFAULT_SITE),
            enable_resource_center=enable_resource_center,
        )
        if os.environ.get(ENDPOINT_ENV):
            settings = replace(settings, override=parse_endpoint(os.environ[ENDPOINT_ENV]))
        if os.environ.get(RETRY_BASE_ENV):
            base = _positive(RETRY_BASE_ENV, os.environ[RETRY_BASE_ENV], allow_zero=True)
            settings = replace(settings, backoff_base=base, backoff_cap=max(base * 40, base))
        if os.environ.get(TIMEOUT_ENV):
            timeout = _positive(TIMEOUT_ENV, os.environ[TIMEOUT_ENV])
            settings = replace(settings, connect_timeout=timeout, read_timeout=timeout)
        if os.environ.get(CONCURRENCY_ENV):
            settings = replace(
                settings, concurrency=int(_positive(CONCURRENCY_ENV, os.environ[CONCURRENCY_ENV]))
            )
        return settings


def check_site(site: str) -> str:
    if site not in ENDPOINTS:
        raise AcctcloseError(f"--site: expected china or international, got {site!r}")
    return site


def parse_endpoint(text: str) -> Endpoint:
    """`http://127.0.0.1:8080` or `https://proxy.example` (a bare host means https)."""
    raw = text.strip()
    parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    problem = (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.username
    )
    port: int | None = None
    try:
        port = parts.port
    except ValueError:
        problem = True
    if problem:
        raise AcctcloseError(
            f"{ENDPOINT_ENV}: expected http(s)://host[:port], got {text!r}"
        ) from None
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return Endpoint(f"{host}:{port}" if port else host, parts.scheme)


def _positive(name: str, text: str, *, allow_zero: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise AcctcloseError(f"{name}: expected a number, got {text!r}") from None
    if value < 0 or (value == 0 and not allow_zero) or value != value:
        raise AcctcloseError(f"{name}: expected a positive number, got {text!r}")
    return value
