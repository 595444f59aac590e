"""`prepare --export` on the live source writes each billing cycle's bills from QuerySettleBill."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from acctclose.sources.live.billing import billing_cycles
from tests.fakes.alibaba_cloud import FakeAlibabaCloud
from tests.live.test_live_cli import acctclose, environment


def test_live_export_writes_every_page_of_each_cycles_bills(
    tmp_path: Path, fake_cloud: FakeAlibabaCloud
) -> None:
    cloud = fake_cloud
    _, last, *_ = billing_cycles(datetime.now(UTC))
    many = [
        {
            "ProductCode": "ecs",
            "SubscriptionType": "PayAsYouGo",
            "PretaxAmount": f"{n}.00",
            "OutstandingAmount": "0",
            "Status": "PayFinish",
            "RecordID": f"r{n}",
        }
        for n in range(650)
    ]
    cloud.account.bills[last] = many  # three pages of 300
    out = tmp_path / "backup"
    result = acctclose("prepare", "--export", str(out), "--yes", env=environment(tmp_path, cloud))
    assert result.returncode in (0, 3, 4), result.stderr
    rows = list(csv.DictReader((out / "bills" / f"{last}.csv").open(encoding="utf-8")))
    assert [row["RecordID"] for row in rows] == [f"r{n}" for n in range(650)]
    assert "Skipped bills" not in result.stdout
    settle_calls = [call for call in cloud.calls if call.action == "QuerySettleBill"]
    assert {call.params["BillingCycle"] for call in settle_calls} >= {last}
    assert all(int(call.params["MaxResults"]) <= 300 for call in settle_calls)
