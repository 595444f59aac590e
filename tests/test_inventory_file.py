"""Loading inventory files: absent means unknown, empty means none, amounts stay exact."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from acctclose.errors import InventoryError
from acctclose.sources.file import load_inventory
from tests.cli_run import EXAMPLES

MINIMAL = 'schema: acctclose/inventory/v1\naccount: {id: "1234567890123456", site: china}\n'


def write(tmp_path: Path, text: str, name: str = "inv.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_absent_keys_are_unknown(tmp_path):
    inventory = load_inventory(write(tmp_path, MINIMAL))
    assert inventory.resources is None
    assert inventory.subscriptions is None
    assert inventory.domains is None
    assert inventory.icp_filings is None
    assert inventory.partner is None
    assert inventory.billing.outstanding is None
    assert inventory.ram.users is None
    assert inventory.relationships.resource_directory is None
    assert inventory.account.caller is None


@pytest.mark.parametrize("empty", ["[]", "none", "null", ""])
def test_empty_list_none_and_null_mean_known_none(tmp_path, empty):
    inventory = load_inventory(
        write(tmp_path, MINIMAL + f"resources: {empty}\nicp_filings: {empty}\n")
    )
    assert inventory.resources == ()
    assert inventory.icp_filings == ()


def test_ram_none_means_every_kind_known_none(tmp_path):
    inventory = load_inventory(write(tmp_path, MINIMAL + "ram: none\n"))
    assert (inventory.ram.users, inventory.ram.roles, inventory.ram.mfa_devices) == ((), (), ())


def test_ram_kinds_not_listed_stay_unknown(tmp_path):
    inventory = load_inventory(write(tmp_path, MINIMAL + "ram: {users: [alice]}\n"))
    assert inventory.ram.users == ("alice",)
    assert inventory.ram.groups is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"15.20"', "15.20"),
        ("15.20", "15.2"),
        ("0.1", "0.1"),
        ("12", "12"),
        ("1000.005", "1000.005"),
    ],
)
def test_amounts_are_decimal_never_float(tmp_path, written, expected):
    text = MINIMAL + f"billing: {{currency: CNY, available_cash: {written}}}\n"
    amount = load_inventory(write(tmp_path, text)).billing.available_cash
    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)


def test_json_amounts_are_decimal_too(tmp_path):
    doc = {
        "schema": "acctclose/inventory/v1",
        "account": {"id": "1", "site": "international"},
        "billing": {"currency": "usd", "outstanding": 0.1, "unbilled": "3.30"},
    }
    path = write(tmp_path, json.dumps(doc), "inv.json")
    billing = load_inventory(path).billing
    assert billing.outstanding == Decimal("0.1")
    assert billing.unbilled == Decimal("3.30")
    assert billing.currency == "USD"


def test_yaml_1_2_keeps_no_and_unquoted_ids_as_written(tmp_path):
    text = (
        "schema: acctclose/inventory/v1\naccount: {id: 1234567890123456, site: china}\n"
        "ram: {users: [no, on, 007]}\n"
    )
    inventory = load_inventory(write(tmp_path, text))
    assert inventory.account.id == "1234567890123456"
    assert inventory.ram.users == ("no", "on", "7")


def test_dates_and_times_parse_with_or_without_zone(tmp_path):
    text = MINIMAL + (
        "subscriptions:\n  - {id: a, status: Normal, end_time: '2027-03-01T00:00:00Z'}\n"
        "  - {id: b, status: Normal, end_time: '2027-03-01 04:00:45'}\n"
        "domains:\n  - {name: x.com, expires: 2027-05-01}\n"
        "  - {name: y.com, expires: '2017-11-02 04:00:45'}\n"
    )
    inventory = load_inventory(write(tmp_path, text))
    assert [s.end_time.isoformat() for s in inventory.subscriptions] == [
        "2027-03-01T00:00:00+00:00",
        "2027-03-01T04:00:45+00:00",
    ]
    assert [str(d.expires) for d in inventory.domains] == ["2027-05-01", "2017-11-02"]


def test_utf8_bom_and_chinese_text_are_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(
        "\ufeff".encode() + (MINIMAL + 'icp_filings: [{number: "浙ICP备12345678号"}]\n').encode()
    )
    assert load_inventory(path).icp_filings[0].number == "浙ICP备12345678号"


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_every_example_loads(example):
    assert load_inventory(EXAMPLES / example).account.id.isdigit()


def test_errors_name_the_file_and_field(tmp_path):
    path = write(tmp_path, MINIMAL + "resources:\n  - {id: a, type: t}\n")
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    assert str(caught.value) == f"{path}: resources[0].region: required"
    assert caught.value.where == "resources[0].region"
