from dataclasses import replace

import pytest

from acctclose import inventory as inv
from acctclose.report import Severity
from tests.helpers import billing, clean_inventory, findings_of, severity_of

NONE_LEFT = {"users": (), "groups": (), "roles": (), "policies": (), "mfa_devices": ()}


def with_ram(caller=None, **kinds):
    account = inv.Account(
        id="1234567890123456", site="china", caller=caller, identity_verified=True
    )
    return clean_inventory(account=account, ram=inv.Ram(**(NONE_LEFT | kinds)))


@pytest.mark.parametrize("kind", inv.RAM_KINDS)
def test_any_leftover_ram_identity_blocks_closure(kind):
    inventory = with_ram(**{kind: ("something",)})
    finding = findings_of(inventory)[f"ram.{kind}"]
    assert finding.severity is Severity.MUST_PROCESS
    assert finding.evidence == {"count": 1, "sample": ["something"]}


@pytest.mark.parametrize("kind", inv.RAM_KINDS)
def test_ram_identities_not_read_are_unknown(kind):
    assert severity_of(with_ram(**{kind: None}), f"ram.{kind}") is Severity.UNKNOWN


def test_no_ram_identities_left_means_no_ram_findings():
    assert not [f for f in findings_of(with_ram()).values() if f.area == "ram"]


def test_ram_identities_come_after_resources_and_before_force_billing():
    inventory = replace(
        with_ram(users=("alice",)),
        resources=(inv.Resource("i-1", "ACS::ECS::Instance", "cn-hangzhou"),),
        billing=billing(unbilled="5"),
    )
    ids = [f.id for f in findings_of(inventory).values()]
    assert ids.index("resources.release") < ids.index("ram.users") < ids.index("billing.unbilled")


def test_the_ram_user_acctclose_reads_with_is_to_be_deleted_last():
    finding = findings_of(with_ram(caller="ram_user", users=("acctclose-reader", "alice")))[
        "ram.users"
    ]
    assert finding.severity is Severity.MUST_PROCESS
    assert "delete it last" in finding.detail


def test_a_ram_user_caller_with_an_empty_user_list_still_blocks():
    # The facts were read by a RAM user, so at least one exists whatever the list says.
    finding = findings_of(with_ram(caller="ram_user"))["ram.users"]
    assert finding.severity is Severity.MUST_PROCESS
    assert finding.evidence == {"count": 1}


def test_an_assumed_role_caller_means_a_role_remains():
    assert severity_of(with_ram(caller="assumed_role"), "ram.roles") is Severity.MUST_PROCESS
    assert severity_of(with_ram(caller="assumed_role"), "ram.users") is None


@pytest.mark.parametrize("caller", [None, "account", "ram_user", "assumed_role"])
def test_who_read_the_facts_is_advice_never_a_blocker(caller):
    finding = findings_of(with_ram(caller=caller, users=("x",), roles=("y",)))["identity.caller"]
    assert finding.severity is Severity.ADVISORY
    assert "RAM users cannot close accounts" in finding.detail


def test_account_caller_is_advised_to_use_a_read_only_ram_user():
    finding = findings_of(with_ram(caller="account"))["identity.caller"]
    assert "read-only RAM user" in finding.detail


@pytest.mark.parametrize(("verified", "present"), [(True, False), (False, True), (None, True)])
def test_unverified_identity_gets_phone_only_advice(verified, present):
    account = inv.Account(id="1", site="china", identity_verified=verified)
    found = findings_of(clean_inventory(account=account))
    assert ("identity.verification" in found) is present
    if present:
        assert found["identity.verification"].severity is Severity.ADVISORY


def test_a_clean_account_with_advisories_only_is_ready():
    from acctclose.report import Verdict, verdict_of

    found = list(findings_of(clean_inventory()).values())
    assert {f.severity for f in found} == {Severity.ADVISORY}
    assert verdict_of(found) is Verdict.READY
