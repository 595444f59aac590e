"""Benchmark `acctclose check --from … --format json` on generated inventories.

Generates inventories of 1k, 10k and 100k resources (YAML), runs the installed CLI on each
as a subprocess, and prints wall time and peak memory (max RSS of the child), the 100k/10k
ratio, and the time of `acctclose --help`. Run: .venv/bin/python benchmarks/bench_check.py
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000, 10_000, 100_000)
REGIONS = ("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1")
TYPES = ("ACS::ECS::Instance", "ACS::ECS::Disk", "ACS::SLB::LoadBalancer", "ACS::OSS::Bucket")


def write_inventory(path: Path, count: int) -> None:
    lines = [
        "schema: acctclose/inventory/v1",
        'account: {id: "1234567890123456", site: china, caller: ram_user}',
        'billing: {currency: CNY, available_cash: "12.00", outstanding: "0.00", unbilled: "0.00"}',
        "subscriptions: []",
        "domains: []",
        "icp_filings: []",
        "ram: {users: [acctclose-reader], groups: [], roles: [], policies: [], mfa_devices: []}",
        "relationships: {resource_directory: none, finance_trusteeship: none,"
        " financial_management: none, enterprise_multi_account: none}",
        "partner: none",
        "resources:",
    ]
    lines += [
        f'  - {{id: r-{index:08d}, type: "{TYPES[index % len(TYPES)]}",'
        f" region: {REGIONS[index % len(REGIONS)]}, name: res-{index}}}"
        for index in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time over `repeat` runs, and the peak RSS (MB) of the children."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 3, 4):
            sys.exit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return best, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exe = shutil.which("acctclose", path=str(Path(sys.executable).parent)) or "acctclose"
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            path = Path(tmp) / f"inventory-{count}.yaml"
            write_inventory(path, count)
            # Each size in a fresh process group so max RSS is this size's own.
            command = [
                sys.executable,
                __file__,
                "--measure",
                exe,
                str(path),
                str(args.repeat),
            ]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            seconds, peak = (float(x) for x in out.split())
            times[count] = seconds
            size_mb = path.stat().st_size / 1e6
            print(
                f"check --from {count:>7,} resources ({size_mb:5.1f} MB): {seconds:6.3f} s, "
                f"peak {peak:6.1f} MB"
            )
    print(f"ratio 100k/10k: {times[100_000] / times[10_000]:.2f}x (linear = 10x, target <= 12x)")
    help_seconds, _ = run([exe, "--help"], args.repeat)
    print(f"acctclose --help: {help_seconds:.3f} s (target < 0.3 s)")


def measure(exe: str, path: str, repeat: int) -> None:
    seconds, peak = run([exe, "check", "--from", path, "--format", "json"], repeat)
    print(seconds, peak)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        os.environ.setdefault("COLUMNS", "100")
        main()
