"""Every bad inventory gets exactly one error line naming the file and the field, exit 1."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from tests.cli_run import ROOT, run_cli

BAD = Path("tests/bad_inventories")

EXPECTED = {
    "empty.yaml": "empty file (expected an acctclose inventory)",
    "only-comment.yaml": "top level: expected a mapping, got null",
    "unclosed-bracket.yaml": "line 3, column 12: invalid YAML: unclosed bracket '['",
    "bad-indentation.yaml": (
        "line 4, column 2: invalid YAML: while parsing a block mapping, did not find expected key"
    ),
    "top-level-list.yaml": "top level: expected a mapping, got a list",
    "missing-schema.yaml": "schema: required",
    "wrong-schema.yaml": (
        "schema: unsupported 'acctclose/inventory/v2' (expected acctclose/inventory/v1)"
    ),
    "missing-account-id.yaml": "account.id: required",
    "account-id-not-digits.yaml": "account.id: expected the numeric account ID, got 'acct-42'",
    "unknown-site.yaml": "account.site: expected one of china, international, got 'mars'",
    "identity-verified-string.yaml": (
        "account.identity_verified: expected true or false, got a string"
    ),
    "resource-missing-region.yaml": "resources[3].region: required",
    "resource-not-a-mapping.yaml": "resources[1]: expected a mapping, got a string",
    "resource-empty-id.yaml": "resources[0].id: must not be empty",
    "resources-not-a-list.yaml": "resources: expected a list, got a mapping",
    "negative-amount.yaml": "billing.outstanding: must not be negative, got -5.00",
    "non-numeric-amount.yaml": (
        "billing.available_cash: expected an amount such as \"12.50\", got 'lots'"
    ),
    "boolean-amount.yaml": 'billing.unbilled: expected an amount such as "12.50", got a boolean',
    "nan-amount.yaml": 'billing.outstanding: expected an amount such as "12.50", got nan',
    "amount-without-currency.yaml": "billing.currency: required when amounts are given",
    "bad-currency.yaml": "billing.currency: expected a currency code such as CNY, got 'yuan'",
    "misspelt-billing-key.yaml": (
        "billing.outstandng: unknown key (expected one of: currency, available_cash, "
        "outstanding, unbilled)"
    ),
    "misspelt-top-key.yaml": (
        "resource: unknown key (expected one of: schema, account, billing, subscriptions, "
        "resources, domains, icp_filings, ram, relationships, partner)"
    ),
    "unknown-subscription-status.yaml": (
        "subscriptions[0].status: expected one of Creating, Normal, WaitForExpire, Expired, "
        "Released, Unsubscribed, got 'Active'"
    ),
    "bad-end-time.yaml": (
        "subscriptions[0].end_time: expected a date-time such as 2027-03-01T00:00:00Z, "
        "got 'next spring'"
    ),
    "bad-domain-date.yaml": (
        "domains[0].expires: expected a date such as 2027-05-01, got '2027-13-01'"
    ),
    "domain-without-name.yaml": "domains[0].name: required",
    "unknown-relationship-role.yaml": (
        "relationships.resource_directory: expected one of none, management, member, got 'owner'"
    ),
    "ram-users-not-a-list.yaml": "ram.users: expected a list, got a string",
    "partner-not-none-or-mapping.yaml": (
        "partner: expected none or a mapping with a name, got 'yes'"
    ),
    "empty-icp-number.yaml": "icp_filings[0].number: must not be empty",
    "duplicate-key.yaml": "invalid YAML: duplicate mapping key: 'account'",
    "trailing-comma.json": (
        "line 1, column 78: invalid JSON: Expecting property name enclosed in double quotes"
    ),
    "duplicate-key.json": "invalid JSON: duplicate key 'account'",
    "huge-exponent.json": "billing.outstanding: implausibly large, got 1E+400",
}


def test_every_bad_file_has_an_expected_error():
    assert sorted(EXPECTED) == sorted(path.name for path in (ROOT / BAD).iterdir())


def assert_one_error_line(result, expected_line: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"acctclose: error: {expected_line}\n"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_inventory_gives_one_clear_error_line_and_exit_1(name):
    result = run_cli("check", "--from", str(BAD / name), "--format", "json")
    assert_one_error_line(result, f"{BAD / name}: {EXPECTED[name]}")


def test_missing_file_is_one_error_line(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert_one_error_line(run_cli("check", "--from", str(missing)), f"{missing}: no such file")


def test_directory_is_one_error_line(tmp_path):
    assert_one_error_line(
        run_cli("check", "--from", str(tmp_path)), f"{tmp_path}: is a directory, not a file"
    )


def test_fifty_megabytes_of_binary_junk(tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\xff\xfe\x00junk" * (50 * 1024 * 1024 // 7))
    assert_one_error_line(run_cli("check", "--from", str(junk)), f"{junk}: not UTF-8 text (byte 0)")


def test_fifty_megabytes_of_text_junk(tmp_path):
    rng = random.Random(20261126)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " \n"
    block = "".join(rng.choice(alphabet) for _ in range(1 << 20))
    junk = tmp_path / "junk.yaml"
    junk.write_text(block * 50, encoding="ascii")
    result = run_cli("check", "--from", str(junk))
    assert result.returncode == 1
    assert result.stderr.startswith(f"acctclose: error: {junk}: line ")
    assert "invalid YAML" in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_failed_check_never_leaves_an_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "--from", str(BAD / "negative-amount.yaml"), "-o", str(out))
    assert result.returncode == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
