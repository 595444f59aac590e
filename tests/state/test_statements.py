"""The overlay: a statement fills in an unknown fact; against a fact read, caution wins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from acctclose import inventory as inv
from acctclose import statements
from tests.helpers import clean_inventory

UNKNOWN = replace(
    clean_inventory(icp_filings=None, partner=None),
    relationships=inv.Relationships(),
)


def overlay(base: inv.Inventory, **stated: object) -> statements.Overlay:
    return statements.apply_statements(base, stated)


def test_statements_fill_in_unknown_facts() -> None:
    result = overlay(
        UNKNOWN,
        icp_filings=["浙ICP备1号"],
        partner="none",
        enterprise_multi_account="super_admin",
    )
    assert result.inventory.icp_filings == (inv.IcpFiling("浙ICP备1号"),)
    assert result.inventory.partner == inv.Partner(present=False)
    assert result.inventory.relationships.enterprise_multi_account == "super_admin"
    assert result.applied == ("icp_filings", "partner", "enterprise_multi_account")
    assert result.conflicts == ()


@pytest.mark.parametrize(
    ("read", "stated", "used"),
    [
        ({"icp_filings": (inv.IcpFiling("A"),)}, {"icp_filings": "none"}, ("A",)),
        ({"icp_filings": ()}, {"icp_filings": ["B"]}, ("B",)),
        ({"icp_filings": (inv.IcpFiling("A"),)}, {"icp_filings": ["B"]}, ("A", "B")),
    ],
)
def test_filings_read_are_never_cleared_by_a_statement(read, stated, used) -> None:
    result = overlay(clean_inventory(**read), **stated)
    assert tuple(f.number for f in result.inventory.icp_filings or ()) == used
    assert len(result.conflicts) == 1


def test_partner_read_wins_over_stated_none_and_stated_partner_wins_over_read_none() -> None:
    read_partner = clean_inventory(partner=inv.Partner(True, "Acme"))
    assert overlay(read_partner, partner="none").inventory.partner == inv.Partner(True, "Acme")
    stated = overlay(clean_inventory(), partner="Acme")
    assert stated.inventory.partner == inv.Partner(True, "Acme")
    assert "contradicts" in str(stated.conflicts[0])


def test_roles_blocking_side_wins_and_agreement_is_no_conflict() -> None:
    base = clean_inventory()
    result = overlay(base, resource_directory="member")
    assert result.inventory.relationships.resource_directory == "member"
    managed = replace(
        base, relationships=replace(base.relationships, resource_directory="management")
    )
    result = overlay(managed, resource_directory="none")
    assert result.inventory.relationships.resource_directory == "management"
    assert overlay(base, resource_directory="none").conflicts == ()


def test_unverified_is_the_cautious_answer() -> None:
    assert (
        overlay(clean_inventory(), identity_verified=False).inventory.account.identity_verified
        is False
    )


def test_unknown_keys_lists_what_to_ask_in_order() -> None:
    assert statements.unknown_keys(UNKNOWN) == [
        "icp_filings",
        "partner",
        "enterprise_multi_account",
        "resource_directory",
        "finance_trusteeship",
        "financial_management",
    ]


@pytest.mark.parametrize(
    ("name", "text", "stored"),
    [
        ("ICP_FILINGS", "none", "none"),
        ("icp", "浙ICP备1号, 京ICP备2号", ["浙ICP备1号", "京ICP备2号"]),
        ("reseller", "Acme Ltd", "Acme Ltd"),
        ("partner", "None", "none"),
        ("enterprise", "SUPER_ADMIN", "super_admin"),
        ("identity-verified", "yes", True),
    ],
)
def test_statement_names_and_values_as_typed(name: str, text: str, stored: object) -> None:
    spec = statements.spec_for(name)
    assert statements.parse_text(spec, text) == stored
    assert statements.validate(spec, stored) == stored


def test_every_statement_settles_a_finding_that_exists() -> None:
    from acctclose.rules import all_specs

    ids = {spec.id for spec in all_specs()}
    assert set(statements.FINDING_KEYS) <= ids
    assert set(statements.FINDING_KEYS.values()) == set(statements.BY_KEY)
