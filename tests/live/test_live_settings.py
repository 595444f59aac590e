"""Endpoints, settings from the environment, pacing and backoff: the live source's plumbing."""

from __future__ import annotations

import random

import pytest

from acctclose.errors import AcctcloseError
from acctclose.sources.live.retry import CallFailed, RateLimiter, RetryPolicy, classify
from acctclose.sources.live.settings import Endpoint, LiveSettings, parse_endpoint


@pytest.mark.parametrize(
    ("text", "endpoint"),
    [
        ("http://127.0.0.1:8080", Endpoint("127.0.0.1:8080", "http")),
        ("https://proxy.example.com", Endpoint("proxy.example.com", "https")),
        ("proxy.example.com:8443", Endpoint("proxy.example.com:8443", "https")),
        ("http://[::1]:9000/", Endpoint("[::1]:9000", "http")),
    ],
)
def test_endpoint_setting_is_parsed(text, endpoint):
    assert parse_endpoint(text) == endpoint


@pytest.mark.parametrize(
    "text", ["ftp://example.com", "http://", "http://host:99999", "http://host/path", "http://u@h"]
)
def test_a_bad_endpoint_setting_is_refused(text):
    with pytest.raises(AcctcloseError, match="ACCTCLOSE_ENDPOINT"):
        parse_endpoint(text)


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ACCTCLOSE_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("ACCTCLOSE_RETRY_BASE_SECONDS", "0.01")
    monkeypatch.setenv("ACCTCLOSE_TIMEOUT_SECONDS", "3")
    settings = LiveSettings.from_environment(site="international")
    assert settings.site == "international"
    assert settings.endpoint("domain") == Endpoint("127.0.0.1:9", "http")
    assert settings.backoff_base == 0.01 and settings.read_timeout == 3.0


def test_site_picks_the_endpoints_and_china_is_the_default(monkeypatch):
    monkeypatch.delenv("ACCTCLOSE_ENDPOINT", raising=False)
    assert LiveSettings.from_environment().endpoint("bss").host == "business.aliyuncs.com"
    international = LiveSettings.from_environment(site="international")
    assert international.endpoint("bss").host == "business.ap-southeast-1.aliyuncs.com"
    assert international.endpoint("domain").host == "domain-intl.aliyuncs.com"
    with pytest.raises(AcctcloseError, match="--site"):
        LiveSettings.from_environment(site="mars")


def test_rate_limiter_spaces_calls_evenly_across_callers():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)

    limiter = RateLimiter(20.0, clock=lambda: now[0])
    for _ in range(5):
        limiter.wait_turn(sleep)
    assert slept == pytest.approx([0.05, 0.10, 0.15, 0.20])


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    policy = RetryPolicy(base=0.5, cap=4.0, rng=random.Random(7))
    delays = [policy.backoff(retry) for retry in range(6)]
    for retry, delay in enumerate(delays):
        ceiling = min(4.0, 0.5 * 2**retry)
        assert ceiling / 2 <= delay <= ceiling


class FakeSdkError(Exception):
    def __init__(self, code: str, status: int, retry_after: int | None = None) -> None:
        self.code = code
        self.status_code = status
        self.retry_after = retry_after
        self.access_denied_detail = {"AuthAction": "bssapi:QueryAccountBalance"}


def test_refusals_are_final_and_passing_faults_are_retried():
    assert classify("bss", "X", FakeSdkError("Throttling.User", 400)) is None
    assert classify("bss", "X", FakeSdkError("InternalError", 500)) is None
    assert classify("bss", "X", FakeSdkError("Anything", 400, retry_after=100)) is None
    refused = classify("bss", "QueryAccountBalance", FakeSdkError("Forbidden.RAM", 403))
    assert isinstance(refused, CallFailed)
    assert refused.reason == (
        "QueryAccountBalance: Forbidden.RAM (RAM permission missing: bssapi:QueryAccountBalance)"
    )
    assert classify("ram", "ListUsers", FakeSdkError("InvalidParameter", 400)).reason == (
        "ListUsers: InvalidParameter"
    )
