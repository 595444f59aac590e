"""Benchmark: the live check against the fake Alibaba Cloud, 50 ms added to every call and the
documented Resource Center limit (20 requests/s) enforced by the server, on an account of
10,000 resources in 20 regions, 300 subscriptions and 200 domains.

Prints the wall time against the lower bound max(longest chain of dependent calls x 50 ms,
Resource Center calls / 20 per s), and the same read with concurrency 1.

    .venv/bin/python benchmarks/bench_live.py
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.accounts import large_account
from tests.fakes.alibaba_cloud import RESOURCE_CENTER_VERSION, FakeAlibabaCloud

from acctclose.credentials import ResolvedCredentials
from acctclose.sources.live import read_live
from acctclose.sources.live.settings import Endpoint, LiveSettings

LATENCY = 0.050
RC_LIMIT = 20.0
RESOURCES, REGIONS, SUBSCRIPTIONS, DOMAINS = 10_000, 20, 300, 200
PAGE = 100  # SearchResources' MaxResults


def credentials() -> ResolvedCredentials:
    from alibabacloud_credentials.client import Client
    from alibabacloud_credentials.provider import StaticAKCredentialsProvider

    provider = StaticAKCredentialsProvider(
        access_key_id="LTAIbenchmark0000", access_key_secret="benchmark-secret"
    )
    return ResolvedCredentials(Client(provider=provider), "benchmark")


def run(concurrency: int | None) -> dict[str, float]:
    now = datetime.now(UTC)
    account = large_account(
        now, resources=RESOURCES, regions=REGIONS, subscriptions=SUBSCRIPTIONS, domains=DOMAINS
    )
    fake = FakeAlibabaCloud(account, latency=LATENCY, resource_center_rate=RC_LIMIT).start()
    try:
        settings = LiveSettings(override=Endpoint(fake.address, "http"))
        if concurrency is not None:
            settings = replace(settings, concurrency=concurrency)
        started = time.perf_counter()
        inventory, ctx = read_live(settings, credentials=credentials(), now=now)
        wall = time.perf_counter() - started
    finally:
        fake.stop()
    assert inventory.resources is not None and len(inventory.resources) == RESOURCES
    assert inventory.subscriptions is not None and len(inventory.subscriptions) == SUBSCRIPTIONS
    assert inventory.domains is not None and len(inventory.domains) == DOMAINS
    rc_calls = sum(1 for call in fake.calls if call.version == RESOURCE_CENTER_VERSION)
    return {
        "wall": wall,
        "calls": len(fake.calls),
        "rc_calls": rc_calls,
        "throttled_by_server": fake.throttled,
        "retries": ctx.retries,
        "unknown_areas": len(inventory.unknown_reasons),
    }


def warm_up() -> None:
    """Import the SDK and open the first connection outside the timings (a one-off ~1 s)."""
    fake = FakeAlibabaCloud(large_account(datetime.now(UTC), resources=10)).start()
    try:
        read_live(LiveSettings(override=Endpoint(fake.address, "http")), credentials=credentials())
    finally:
        fake.stop()


def main() -> None:
    warm_up()
    per_region = math.ceil(RESOURCES / REGIONS / PAGE)
    # STS, then Resource Center status -> counts -> the pages of one region, one after another.
    chain = 1 + 2 + per_region
    side_by_side = run(None)
    rc_bound = side_by_side["rc_calls"] / RC_LIMIT
    bound = max(chain * LATENCY, rc_bound)
    sequential = run(1)
    print(
        f"account: {RESOURCES:,} resources in {REGIONS} regions, {SUBSCRIPTIONS} subscriptions, "
        f"{DOMAINS} domains; {LATENCY * 1000:.0f} ms per call; Resource Center {RC_LIMIT:.0f}/s"
    )
    print(
        f"lower bound: {bound:.2f} s = max(chain {chain} x {LATENCY * 1000:.0f} ms = "
        f"{chain * LATENCY:.2f} s, {side_by_side['rc_calls']:.0f} Resource Center calls / "
        f"{RC_LIMIT:.0f} per s = {rc_bound:.2f} s)"
    )
    for label, figures in (("side by side", side_by_side), ("concurrency 1", sequential)):
        print(
            f"{label:>13}: {figures['wall']:.2f} s ({figures['wall'] / bound:.2f}x the bound), "
            f"{figures['calls']:.0f} calls, throttled by the server "
            f"{figures['throttled_by_server']:.0f}, retries {figures['retries']:.0f}, "
            f"unknown areas {figures['unknown_areas']:.0f}"
        )
    print(f"speed-up over concurrency 1: {sequential['wall'] / side_by_side['wall']:.2f}x")


if __name__ == "__main__":
    main()
