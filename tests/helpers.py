"""Building blocks for rule tests: a fully known, clean account to vary one fact at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from acctclose import inventory as inv
from acctclose.report import Finding, Severity
from acctclose.rules import evaluate

TODAY = date(2026, 11, 26)


def clean_inventory(**changes: Any) -> inv.Inventory:
    """Every fact known and nothing left: the rules find only advice."""
    base = inv.Inventory(
        account=inv.Account(
            id="1234567890123456", site="china", caller=None, identity_verified=True
        ),
        billing=inv.Billing(
            currency="CNY",
            available_cash=Decimal("0"),
            outstanding=Decimal("0"),
            unbilled=Decimal("0"),
        ),
        subscriptions=(),
        resources=(),
        domains=(),
        icp_filings=(),
        ram=inv.Ram(users=(), groups=(), roles=(), policies=(), mfa_devices=()),
        relationships=inv.Relationships(
            resource_directory="none",
            finance_trusteeship="none",
            financial_management="none",
            enterprise_multi_account="none",
        ),
        partner=inv.Partner(present=False),
    )
    return replace(base, **changes)


def billing(**amounts: Any) -> inv.Billing:
    currency = amounts.pop("currency", "CNY")
    values = {key: None if value is None else Decimal(value) for key, value in amounts.items()}
    defaults = {
        "available_cash": Decimal("0"),
        "outstanding": Decimal("0"),
        "unbilled": Decimal("0"),
    }
    return inv.Billing(currency=currency, **(defaults | values))


def findings_of(inventory: inv.Inventory, **kwargs: Any) -> dict[str, Finding]:
    """Findings by id (each id appears at most once)."""
    found = evaluate(inventory, today=kwargs.pop("today", TODAY), **kwargs)
    by_id = {finding.id: finding for finding in found}
    assert len(by_id) == len(found), "a finding id appeared twice"
    return by_id


def severity_of(inventory: inv.Inventory, finding_id: str, **kwargs: Any) -> Severity | None:
    finding = findings_of(inventory, **kwargs).get(finding_id)
    return None if finding is None else finding.severity
