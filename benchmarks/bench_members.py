"""Benchmark: `acctclose check` of 300 Resource Directory members against the fake Alibaba
Cloud, 50 ms added to every call, each member's deletion check completing 2 s after it starts.

Runs the real command (a subprocess, state record included) with the default pacing (16
members side by side, 10 calls/s) and prints its wall time against the lower bound that
pacing allows: max(calls / rate, (preflight + 300 check starts) / rate + 2 s + one call).
Then the same with --concurrency 1 on a subset, extrapolated to 300 (a full run would take
over 10 minutes: 300 x (2 s + 2 calls)).

    .venv/bin/python benchmarks/bench_members.py [--subset 20]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.alibaba_cloud import FakeAccount, FakeAlibabaCloud  # noqa: E402
from tests.fakes.resource_directory import (  # noqa: E402
    MASTER_ID,
    FakeDirectory,
    FakeMember,
    attach,
)

from acctclose.members.settings import DEFAULT_CONCURRENCY, DEFAULT_RATE  # noqa: E402

LATENCY = 0.050
CHECK_SECONDS = 2.0
MEMBERS = 300
PREFLIGHT = 6  # GetCallerIdentity, GetResourceDirectory, ListAccounts x3, ListDelegatedAdmins


def member_id(index: int) -> str:
    return f"3{index:015d}"


def run(members: int, *extra: str) -> tuple[float, dict[str, int], dict]:  # type: ignore[type-arg]
    directory = FakeDirectory()
    for index in range(MEMBERS):
        directory.add(FakeMember(member_id(index), f"sandbox-{index}", check_seconds=CHECK_SECONDS))
    fake = FakeAlibabaCloud(FakeAccount(account_id=MASTER_ID), latency=LATENCY).start()
    attach(fake, directory)
    with tempfile.TemporaryDirectory() as home:
        ids = Path(home) / "members.txt"
        ids.write_text("\n".join(member_id(i) for i in range(members)) + "\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_", "ACCTCLOSE_"))}
        env.update(
            HOME=home,
            ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
            ALIBABA_CLOUD_ACCESS_KEY_ID="LTAIbenchmark0000",
            ALIBABA_CLOUD_ACCESS_KEY_SECRET="benchmark-secret",
            ACCTCLOSE_ENDPOINT=fake.url,
            ACCTCLOSE_STATE_DIR=str(Path(home) / "state"),
        )
        command = [sys.executable, "-m", "acctclose", "check", "--members-file", str(ids)]
        started = time.perf_counter()
        done = subprocess.run(
            [*command, "--format", "json", *extra], capture_output=True, text=True, env=env
        )
        wall = time.perf_counter() - started
    fake.stop()
    if done.returncode != 0:
        raise SystemExit(f"check exited {done.returncode}: {done.stderr.strip()}")
    calls: dict[str, int] = {}
    for action in fake.actions():
        calls[action] = calls.get(action, 0) + 1
    return wall, calls, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subset", type=int, default=20, help="members for concurrency 1")
    args = parser.parse_args()

    wall, calls, report = run(MEMBERS)
    assert report["summary"]["outcomes"] == {"allowed": MEMBERS}
    total = sum(calls.values())
    rate_bound = total / DEFAULT_RATE
    chain_bound = (PREFLIGHT + MEMBERS) / DEFAULT_RATE + CHECK_SECONDS + LATENCY
    bound = max(rate_bound, chain_bound)
    print(
        f"members: {MEMBERS}, {LATENCY * 1000:.0f} ms per call, "
        f"check done {CHECK_SECONDS:g} s after start"
    )
    print(f"pacing: concurrency {DEFAULT_CONCURRENCY}, {DEFAULT_RATE:g} calls/s")
    print(f"calls: {total} ({', '.join(f'{k} {v}' for k, v in sorted(calls.items()))})")
    print(f"check of {MEMBERS} members: {wall:.1f} s")
    print(
        f"lower bound at {DEFAULT_RATE:g} calls/s: {bound:.1f} s "
        f"(calls/rate {rate_bound:.1f} s; starts/rate + 2 s {chain_bound:.1f} s); "
        f"{wall / bound:.2f}x the bound"
    )

    sub_wall, sub_calls, _ = run(args.subset, "--concurrency", "1")
    per_member = sub_wall / args.subset
    print(
        f"concurrency 1, {args.subset} members: {sub_wall:.1f} s "
        f"({per_member:.2f} s a member incl. start-up, {sum(sub_calls.values())} calls)"
    )
    print(
        f"concurrency 1, extrapolated to {MEMBERS}: {per_member * MEMBERS:.0f} s "
        f"({per_member * MEMBERS / wall:.1f}x slower than the default pacing)"
    )


if __name__ == "__main__":
    main()
