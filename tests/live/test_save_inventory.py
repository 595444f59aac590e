"""`--save-inventory`: what the live source read, written in the contract's format, loads back
to an equal inventory (unknowns stay absent, known-none stays known)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from acctclose import inventory as inv
from acctclose.inventory_write import dump_inventory, save_inventory
from acctclose.sources.file import load_inventory
from acctclose.sources.live import read_live
from tests.live.conftest import NOW


@pytest.mark.parametrize("name", ["facts.yaml", "facts.json"])
def test_a_live_read_saved_loads_back_equal(fake_cloud, live_settings, credentials, tmp_path, name):
    fake_cloud.fail("ListUsers", "forbidden", times=-1)  # one unknown among the facts
    inventory, _ = read_live(live_settings, credentials=credentials, now=NOW)
    path = tmp_path / name
    save_inventory(inventory, path)
    loaded = load_inventory(path)
    assert loaded == inventory
    assert loaded.ram.users is None and loaded.ram.groups == ("ops",)


def test_awkward_values_survive_the_yaml_round_trip(tmp_path):
    inventory = inv.Inventory(
        account=inv.Account(id="0012345678901234", site="international", caller="assumed_role"),
        billing=inv.Billing(currency="USD", available_cash=Decimal("0.10"), outstanding=None),
        subscriptions=(),
        resources=(
            inv.Resource('i-"quoted"', "ACS::ECS::Instance", "cn-hangzhou", "web: #1 \u2028 名前"),
            inv.Resource("no", "yes", "on", None),
        ),
        domains=(inv.Domain("example.com", date(2027, 5, 1)), inv.Domain("e.cn")),
        icp_filings=(inv.IcpFiling("浙ICP备12345678号"),),
        ram=inv.Ram(users=(), roles=("true", "null")),
        relationships=inv.Relationships(resource_directory="member"),
        partner=inv.Partner(present=True, name="Reseller & Co."),
        unknown_reasons={"billing": "QueryBillOverview: Throttling\nsecond line"},
    )
    path = tmp_path / "awkward.yaml"
    save_inventory(inventory, path)
    assert load_inventory(path) == inventory
    text = path.read_text()
    assert "# unknown billing: QueryBillOverview: Throttling second line" in text


def test_subscription_times_are_written_in_utc():
    moment = datetime(2027, 3, 1, tzinfo=UTC)
    inventory = inv.Inventory(
        account=inv.Account(id="1", site="china"),
        subscriptions=(inv.Subscription("rm-1", "Normal", "rds", "cn-hangzhou", moment),),
    )
    assert '"end_time": "2027-03-01T00:00:00Z"' in dump_inventory(inventory, as_json=True)
