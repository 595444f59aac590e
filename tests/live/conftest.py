"""Fixtures for the live source: the fake Alibaba Cloud server and settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from acctclose.credentials import ResolvedCredentials
from acctclose.sources.live.retry import RetryPolicy
from acctclose.sources.live.settings import Endpoint, LiveSettings
from tests.fakes.accounts import typical_account
from tests.fakes.alibaba_cloud import FakeAlibabaCloud

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
KEY_ID = "LTAI5tFakeKeyId0123456789"
SECRET = "s3cr3t-Fake-AccessKey-Secret-9f8e7d6c5b4a"


@pytest.fixture
def fake_cloud() -> Iterator[FakeAlibabaCloud]:
    fake = FakeAlibabaCloud(typical_account(NOW)).start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def live_settings(fake_cloud: FakeAlibabaCloud) -> LiveSettings:
    return LiveSettings(
        override=Endpoint(fake_cloud.address, "http"),
        connect_timeout=2.0,
        read_timeout=2.0,
        max_attempts=4,
        backoff_base=0.001,
        backoff_cap=0.01,
        resource_center_rate=1000.0,
    )


@pytest.fixture
def credentials() -> ResolvedCredentials:
    from alibabacloud_credentials.client import Client
    from alibabacloud_credentials.provider import StaticAKCredentialsProvider

    provider = StaticAKCredentialsProvider(access_key_id=KEY_ID, access_key_secret=SECRET)
    return ResolvedCredentials(Client(provider=provider), "test")


class RecordingSleep:
    """A sleep that records its delays and does not wait (backoff without wall time)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def policy(sleeps: RecordingSleep) -> RetryPolicy:
    return RetryPolicy(max_attempts=4, base=0.5, cap=8.0, sleep=sleeps)
