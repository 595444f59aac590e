from decimal import Decimal

import pytest

from acctclose.report import Severity
from tests.helpers import billing, clean_inventory, findings_of, severity_of

MUST, RENOUNCE, UNKNOWN = Severity.MUST_PROCESS, Severity.RENOUNCEABLE, Severity.UNKNOWN


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", None),
        ("0.00", None),
        ("0.01", RENOUNCE),
        ("9.99", RENOUNCE),
        ("10", RENOUNCE),
        ("10.00", RENOUNCE),
        ("10.01", MUST),
        ("10.001", MUST),
        ("253.80", MUST),
    ],
)
def test_outstanding_up_to_ten_cny_is_renounceable_one_fen_more_must_be_paid(amount, expected):
    inventory = clean_inventory(billing=billing(outstanding=amount))
    assert severity_of(inventory, "billing.outstanding") == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0", None),
        ("0.01", RENOUNCE),
        ("999.99", RENOUNCE),
        ("1000.00", RENOUNCE),
        ("1000.01", MUST),
        ("4210.55", MUST),
    ],
)
def test_balance_up_to_one_thousand_cny_is_renounceable_one_fen_more_must_be_processed(
    amount, expected
):
    inventory = clean_inventory(billing=billing(available_cash=amount))
    assert severity_of(inventory, "billing.balance") == expected


@pytest.mark.parametrize("field", ["outstanding", "available_cash", "unbilled"])
def test_an_amount_not_read_is_unknown_never_ok(field):
    inventory = clean_inventory(billing=billing(**{field: None}))
    finding_id = {"available_cash": "billing.balance"}.get(field, f"billing.{field}")
    finding = findings_of(inventory)[finding_id]
    assert finding.severity is UNKNOWN
    assert "not established" in finding.title


@pytest.mark.parametrize(("amount", "expected"), [("0", None), ("0.01", MUST), ("1187.42", MUST)])
def test_any_unbilled_charge_this_month_must_be_force_billed(amount, expected):
    inventory = clean_inventory(billing=billing(unbilled=amount))
    assert severity_of(inventory, "billing.unbilled") == expected


def test_force_billing_comes_after_every_other_item():
    inventory = clean_inventory(billing=billing(outstanding="50", unbilled="3"))
    found = list(findings_of(inventory).values())
    unbilled_step = next(f.step for f in found if f.id == "billing.unbilled")
    blocking_steps = [f.step for f in found if f.id != "billing.unbilled" and f.severity is MUST]
    assert unbilled_step == 4
    assert all(step < unbilled_step for step in blocking_steps)


def test_foreign_currency_without_a_rate_is_unknown_and_says_which_option():
    inventory = clean_inventory(billing=billing(currency="USD", outstanding="1.40"))
    finding = findings_of(inventory)["billing.outstanding"]
    assert finding.severity is UNKNOWN
    assert "--fx-rate USD=" in finding.what_to_do


@pytest.mark.parametrize(
    ("amount", "rate", "expected"),
    [
        ("1.40", "7.1", RENOUNCE),  # 9.94 CNY
        ("1.41", "7.1", MUST),  # 10.011 CNY
        ("1", "10", RENOUNCE),  # exactly 10 CNY
        ("1", "10.0001", MUST),
    ],
)
def test_foreign_outstanding_is_judged_in_cny_at_the_given_rate(amount, rate, expected):
    inventory = clean_inventory(billing=billing(currency="USD", outstanding=amount))
    fx = {"USD": Decimal(rate)}
    assert severity_of(inventory, "billing.outstanding", fx_rates=fx) == expected


def test_foreign_balance_boundary_at_the_given_rate():
    fx = {"USD": Decimal("8")}
    at_limit = clean_inventory(billing=billing(currency="USD", available_cash="125"))
    above = clean_inventory(billing=billing(currency="USD", available_cash="125.01"))
    assert severity_of(at_limit, "billing.balance", fx_rates=fx) is RENOUNCE
    assert severity_of(above, "billing.balance", fx_rates=fx) is MUST


def test_a_rate_for_another_currency_does_not_help():
    inventory = clean_inventory(billing=billing(currency="JPY", available_cash="500"))
    fx = {"USD": Decimal("7.1")}
    assert severity_of(inventory, "billing.balance", fx_rates=fx) is UNKNOWN


def test_evidence_keeps_amounts_exact_as_decimal_text():
    inventory = clean_inventory(billing=billing(outstanding="10.01"))
    evidence = findings_of(inventory)["billing.outstanding"].evidence
    assert evidence["amount"] == "10.01"
    assert evidence["amount_cny"] == "10.01"
    assert evidence["limit_cny"] == "10"
