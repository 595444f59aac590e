"""`prepare --export DIR`: what the source holds is written, the rest is named as skipped;
a rerun resumes, and an existing file is never overwritten without asking."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acctclose.cli.app import app
from acctclose.export import billing_cycles, plan_export, run_export
from acctclose.export.runner import MANIFEST
from acctclose.sources.file import load_inventory
from acctclose.state_store import StateStore
from tests.state.conftest import EXAMPLES

BUSY = EXAMPLES / "busy-workloads.yaml"


def export(directory: Path, *flags: str):
    return CliRunner().invoke(
        app, ["prepare", "--from", str(BUSY), "--export", str(directory), *flags]
    )


def test_from_an_inventory_exports_subscriptions_and_resources_and_names_skipped_bills(
    tmp_path: Path, state_dir: Path
) -> None:
    out = tmp_path / "backup"
    result = export(out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "resources.csv",
        "resources.json",
        "subscriptions.csv",
        "subscriptions.json",
    ]
    inventory = load_inventory(BUSY)
    rows = list(csv.DictReader((out / "resources.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [r.id for r in inventory.resources or ()]
    subscriptions = json.loads((out / "subscriptions.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in subscriptions] == [s.id for s in inventory.subscriptions or ()]
    assert "Skipped bills of the last 12 billing cycles: only the live source reads bills" in (
        " ".join(result.stdout.split())
    )
    state = StateStore.open(inventory.account.id, state_dir).load()
    assert state is not None
    assert "export to" in state.events[-1].change


def test_rerun_resumes_and_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "backup"
    assert export(out).exit_code == 0
    again = export(out)
    assert "Already exported by an earlier run: 4 file(s)" in again.stdout
    # A file changed by someone else is kept when nobody is asked (no terminal) ...
    (out / "resources.csv").write_text("mine\n", encoding="utf-8")
    kept = export(out)
    assert kept.exit_code == 0
    assert (out / "resources.csv").read_text(encoding="utf-8") == "mine\n"
    assert "Kept" in kept.stdout and "--overwrite" in kept.stdout
    # ... and replaced only when the owner says so.
    assert export(out, "--overwrite").exit_code == 0
    assert (out / "resources.csv").read_text(encoding="utf-8").startswith("id,type,region,name")


class FakeBills:
    def __init__(self, fail_after: int | None = None) -> None:
        self.asked: list[str] = []
        self.fail_after = fail_after

    def bill_rows(self, cycle: str) -> Iterable[Mapping[str, object]]:
        if self.fail_after is not None and len(self.asked) >= self.fail_after:
            raise KeyboardInterrupt  # the owner pressed Ctrl-C mid-export
        self.asked.append(cycle)
        return [{"BillingCycle": cycle, "ProductCode": "ecs", "PretaxAmount": "1.00"}]


def test_interrupted_export_resumes_at_the_next_bill_cycle(tmp_path: Path) -> None:
    inventory = load_inventory(BUSY)
    today = date(2026, 11, 27)
    out = tmp_path / "backup"
    first = FakeBills(fail_after=3)
    plan = plan_export(inventory, first, cycles=6, today=today)
    with pytest.raises(KeyboardInterrupt):
        run_export(plan, out, inventory.account.id, confirm_overwrite=lambda path: False)
    assert first.asked == ["2026-10", "2026-09", "2026-08"]
    second = FakeBills()
    plan = plan_export(inventory, second, cycles=6, today=today)
    result = run_export(plan, out, inventory.account.id, confirm_overwrite=lambda path: False)
    assert result.already == ["bills/2026-10.csv", "bills/2026-09.csv", "bills/2026-08.csv"]
    assert second.asked == ["2026-07", "2026-06", "2026-05"]
    assert result.complete
    assert (out / "bills" / "2026-05.csv").read_text(encoding="utf-8").startswith("BillingCycle,")


def test_export_folder_of_another_account_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "backup"
    assert export(out).exit_code == 0
    other = CliRunner().invoke(
        app, ["prepare", "--from", str(EXAMPLES / "clean.yaml"), "--export", str(out)]
    )
    assert other.exit_code == 1
    assert "holds an export of account" in other.stderr


def test_billing_cycles_are_the_complete_months_before_today() -> None:
    assert billing_cycles(date(2026, 2, 10), 3) == ["2026-01", "2025-12", "2025-11"]
