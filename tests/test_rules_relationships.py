import pytest

from acctclose import inventory as inv
from acctclose.report import Severity
from tests.helpers import clean_inventory, findings_of, severity_of

MUST = Severity.MUST_PROCESS


def with_relationship(**roles):
    known = {
        "resource_directory": "none",
        "finance_trusteeship": "none",
        "financial_management": "none",
        "enterprise_multi_account": "none",
    }
    return clean_inventory(relationships=inv.Relationships(**(known | roles)))


@pytest.mark.parametrize(
    ("key", "role", "expected"),
    [
        ("resource_directory", "management", MUST),
        ("resource_directory", "member", MUST),
        ("resource_directory", "none", None),
        ("finance_trusteeship", "admin", MUST),
        ("finance_trusteeship", "member", MUST),
        ("finance_trusteeship", "none", None),
        ("financial_management", "admin", MUST),
        ("financial_management", "member", MUST),
        ("financial_management", "none", None),
        ("enterprise_multi_account", "super_admin", MUST),
        ("enterprise_multi_account", "member", None),
        ("enterprise_multi_account", "none", None),
    ],
)
def test_each_relationship_role(key, role, expected):
    assert severity_of(with_relationship(**{key: role}), f"relationships.{key}") == expected


@pytest.mark.parametrize(
    "key",
    [
        "resource_directory",
        "finance_trusteeship",
        "financial_management",
        "enterprise_multi_account",
    ],
)
def test_a_relationship_not_established_is_unknown(key):
    inventory = with_relationship(**{key: None})
    finding = findings_of(inventory)[f"relationships.{key}"]
    assert finding.severity is Severity.UNKNOWN
    assert f"relationships.{key}" in finding.what_to_do


def test_management_account_is_told_to_close_the_directory_first():
    finding = findings_of(with_relationship(resource_directory="management"))[
        "relationships.resource_directory"
    ]
    assert finding.title == "Management account of a resource directory"
    assert "disable the resource directory" in finding.what_to_do
