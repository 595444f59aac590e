"""The live reader against the fake Alibaba Cloud, through the real SDK: what it maps, how it
pages, and how it fails closed area by area."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from acctclose.credentials import ResolvedCredentials
from acctclose.errors import AcctcloseError
from acctclose.inventory import Inventory
from acctclose.sources.live import read_live
from acctclose.sources.live.billing import billing_cycles
from acctclose.sources.live.resources import DISABLED
from acctclose.sources.live.retry import RetryPolicy
from acctclose.sources.live.settings import LiveSettings
from tests.live.conftest import KEY_ID, NOW, RecordingSleep

READ_PREFIXES = ("Get", "Query", "List", "Search", "Describe")


def read(
    settings: LiveSettings, credentials: ResolvedCredentials, policy: RetryPolicy | None = None
) -> Inventory:
    inventory, _ = read_live(settings, credentials=credentials, policy=policy, now=NOW)
    return inventory


def test_a_typical_account_is_mapped_into_every_area(fake_cloud, live_settings, credentials):
    inventory = read(live_settings, credentials)

    assert inventory.account.id == "1234567890123456"
    assert inventory.account.site == "china"
    assert inventory.account.caller == "ram_user"
    assert inventory.account.identity_verified is None  # no API: stays unknown
    assert inventory.billing.currency == "CNY"
    assert inventory.billing.available_cash == Decimal("15.20")
    # An unpaid bill twelve cycles back counts; this cycle's pay-as-you-go charges are unbilled.
    assert inventory.billing.outstanding == Decimal("25.3")
    assert inventory.billing.unbilled == Decimal("3.1")
    assert [(s.id, s.status) for s in inventory.subscriptions] == [
        ("rm-bp1abc", "Normal"),
        ("i-expired", "Expired"),
    ]
    assert inventory.subscriptions[0].end_time == datetime(2027, 3, 1, tzinfo=UTC)
    assert len(inventory.resources) == 231
    assert {r.region for r in inventory.resources} == {"cn-hangzhou", "cn-shanghai"}
    assert len(inventory.domains) == 120
    assert inventory.domains[0].expires == date(2027, 5, 1)
    assert inventory.ram.users == ("ops-admin", "reader")
    assert inventory.ram.groups == ("ops",)
    assert inventory.ram.roles == ("deployer",)  # the service-linked role is left out
    assert inventory.ram.policies == ("ReadBuckets",)
    assert inventory.ram.mfa_devices == ("acs:ram::1234567890123456:mfa/ops-admin",)
    assert inventory.relationships.resource_directory == "none"
    assert inventory.relationships.finance_trusteeship == "none"
    assert inventory.relationships.financial_management == "none"
    assert inventory.relationships.enterprise_multi_account is None  # no API
    assert inventory.icp_filings is None and inventory.partner is None  # no API
    assert inventory.unknown_reasons == {}


def test_every_paged_api_is_read_to_its_last_page(fake_cloud, live_settings, credentials):
    fake_cloud.account.users = [f"user-{index:04d}" for index in range(2500)]
    fake_cloud.account.instances = fake_cloud.account.instances * 250  # 750, 500 subscriptions
    fake_cloud.account.relations = [
        {
            "AccountId": f"9{index:015d}",
            "AccountType": "MEMBER",
            "RelationType": "FinancialTrusteeship",
            "State": "RELATED",
        }
        for index in range(150)
    ]

    inventory = read(live_settings, credentials)

    assert len(inventory.ram.users) == 2500
    assert fake_cloud.count("ListUsers") == 3
    assert len(inventory.subscriptions) == 500
    assert fake_cloud.count("QueryAvailableInstances") == 2
    assert len(inventory.resources) == 231
    assert fake_cloud.count("SearchResources") == 4  # 230 in one region: 3 pages; 1 in another
    assert fake_cloud.count("QueryDomainList") == 2
    assert fake_cloud.count("QueryRelationList") == 2
    assert inventory.relationships.finance_trusteeship == "admin"


def test_bills_are_read_for_this_cycle_and_the_twelve_before(
    fake_cloud, live_settings, credentials
):
    read(live_settings, credentials)
    cycles = [c.params["BillingCycle"] for c in fake_cloud.calls if c.action == "QueryBillOverview"]
    assert sorted(cycles) == sorted(billing_cycles(NOW))
    assert len(cycles) == 13 and "2026-11" in cycles and "2025-11" in cycles


def test_a_negative_available_amount_counts_as_arrears(fake_cloud, live_settings, credentials):
    fake_cloud.account.available_amount = "-40.00"
    assert read(live_settings, credentials).billing.outstanding == Decimal("40.00")


def test_only_read_apis_are_called_without_enable_resource_center(
    fake_cloud, live_settings, credentials
):
    fake_cloud.account.resource_center = "Disabled"
    read(live_settings, credentials)
    assert all(action.startswith(READ_PREFIXES) for action in fake_cloud.actions())


def test_throttling_is_retried_after_the_time_the_server_asks_for(
    fake_cloud, live_settings, credentials, policy, sleeps: RecordingSleep
):
    fake_cloud.fail("QueryAccountBalance", "throttle", times=2, retry_after_ms=1500)
    inventory = read(live_settings, credentials, policy)
    assert inventory.billing.available_cash == Decimal("15.20")
    assert fake_cloud.count("QueryAccountBalance") == 3
    assert len([d for d in sleeps.delays if d >= 1.5]) == 2


def test_throttling_codes_without_retry_after_back_off_exponentially(
    fake_cloud, live_settings, credentials, policy, sleeps: RecordingSleep
):
    fake_cloud.fail("ListGroups", "error", times=3, code="Throttling.User", status=400)
    inventory = read(live_settings, credentials, policy)
    assert inventory.ram.groups == ("ops",)
    # One backoff in each doubling band; bands, not positions, because the recorder is shared
    # by every reader thread and a slow machine may add a retry elsewhere.
    assert any(0.25 <= d <= 0.5 for d in sleeps.delays)
    assert any(0.5 <= d <= 1.0 for d in sleeps.delays)
    assert any(1.0 <= d <= 2.0 for d in sleeps.delays)


@pytest.mark.parametrize("kind", ["server_error", "malformed", "drop"])
def test_a_passing_fault_is_retried_and_leaves_nothing_unknown(
    fake_cloud, live_settings, credentials, kind
):
    fake_cloud.fail("QueryDomainList", kind, times=2)
    inventory = read(live_settings, credentials)
    assert len(inventory.domains) == 120
    assert inventory.unknown_reasons == {}


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("server_error", "InternalError"),
        ("malformed", "MalformedResponse"),
        ("drop", "ConnectionError"),
    ],
)
def test_a_lasting_fault_leaves_only_its_area_unknown_and_names_api_and_code(
    fake_cloud, live_settings, credentials, kind, code
):
    fake_cloud.fail("QueryAccountBalance", kind, times=-1)
    inventory = read(live_settings, credentials)
    assert inventory.billing.available_cash is None
    assert inventory.billing.outstanding is not None  # the bills were still read
    assert inventory.unknown_reasons["billing"].startswith(f"QueryAccountBalance: {code}")
    assert fake_cloud.count("QueryAccountBalance") == live_settings.max_attempts
    assert len(inventory.domains) == 120 and inventory.ram.users is not None


def test_a_hung_call_times_out_and_is_retried(fake_cloud, live_settings, credentials):
    settings = replace(live_settings, read_timeout=0.3)
    fake_cloud.fail("ListUsers", "hang", times=1, hang_seconds=1.0)
    inventory = read(settings, credentials)
    assert inventory.ram.users == ("ops-admin", "reader")
    assert fake_cloud.count("ListUsers") == 2


def test_a_permission_error_names_the_missing_ram_permission_and_spares_other_areas(
    fake_cloud, live_settings, credentials
):
    fake_cloud.fail("ListUsers", "forbidden", times=-1)
    inventory = read(live_settings, credentials)
    assert inventory.ram.users is None
    assert inventory.ram.groups == ("ops",)
    assert inventory.unknown_reasons == {
        "ram": "ListUsers: Forbidden.RAM (RAM permission missing: ram:ListUsers)"
    }
    assert fake_cloud.count("ListUsers") == 1  # a refusal is not retried
    assert inventory.billing.available_cash == Decimal("15.20")


def test_bss_success_false_is_a_failure_not_a_zero(fake_cloud, live_settings, credentials):
    from tests.fakes import alibaba_cloud

    original = alibaba_cloud.HANDLERS["QueryAccountBalance"]
    alibaba_cloud.HANDLERS["QueryAccountBalance"] = lambda fake, params: {
        "Code": "NotApplicable",
        "Message": "This API is not applicable for caller.",
        "Success": False,
    }
    try:
        inventory = read(live_settings, credentials)
    finally:
        alibaba_cloud.HANDLERS["QueryAccountBalance"] = original
    assert inventory.billing.available_cash is None
    assert "QueryAccountBalance: NotApplicable" in inventory.unknown_reasons["billing"]


def test_resource_center_disabled_leaves_resources_unknown_with_the_action(
    fake_cloud, live_settings, credentials
):
    fake_cloud.account.resource_center = "Disabled"
    inventory = read(live_settings, credentials)
    assert inventory.resources is None
    assert inventory.unknown_reasons["resources"] == DISABLED
    assert "--enable-resource-center" in DISABLED
    assert "EnableResourceCenter" not in fake_cloud.actions()


def test_enable_resource_center_turns_it_on_only_when_asked(fake_cloud, live_settings, credentials):
    fake_cloud.account.resource_center = "Disabled"
    inventory = read(replace(live_settings, enable_resource_center=True), credentials)
    assert fake_cloud.count("EnableResourceCenter") == 1
    assert len(inventory.resources) == 231


def test_resource_center_still_scanning_is_unknown(fake_cloud, live_settings, credentials):
    fake_cloud.account.resource_center_initial = "Pending"
    inventory = read(live_settings, credentials)
    assert inventory.resources is None
    assert "InitialStatus Pending" in inventory.unknown_reasons["resources"]


def test_resources_are_searched_region_by_region(fake_cloud, live_settings, credentials):
    read(live_settings, credentials)
    searched = {
        call.params.get("Filter.1.Value.1")
        for call in fake_cloud.calls
        if call.action == "SearchResources"
    }
    assert searched == {"cn-hangzhou", "cn-shanghai"}


@pytest.mark.parametrize(
    ("identity_type", "caller"),
    [("Account", "account"), ("RAMUser", "ram_user"), ("AssumedRoleUser", "assumed_role")],
)
def test_the_caller_kind_comes_from_sts(
    fake_cloud, live_settings, credentials, identity_type, caller
):
    fake_cloud.account.identity_type = identity_type
    assert read(live_settings, credentials).account.caller == caller


def test_international_site_reads_domains_through_the_international_product(
    fake_cloud, live_settings, credentials
):
    inventory = read(replace(live_settings, site="international"), credentials)
    assert inventory.account.site == "international"
    versions = {call.version for call in fake_cloud.calls if call.action == "QueryDomainList"}
    assert versions == {"2017-12-18"}
    assert len(inventory.domains) == 120


@pytest.mark.parametrize(
    ("master", "role"), [("1234567890123456", "management"), ("9999999999999999", "member")]
)
def test_resource_directory_role_compares_the_master_with_the_caller(
    fake_cloud, live_settings, credentials, master, role
):
    fake_cloud.account.directory_master = master
    assert read(live_settings, credentials).relationships.resource_directory == role


def test_finance_relationship_of_a_member(fake_cloud, live_settings, credentials):
    fake_cloud.account.relations = [
        {
            "AccountId": "1111111111111111",
            "AccountType": "MASTER",
            "RelationType": "FinancialManagement",
            "State": "RELATED",
        }
    ]
    relationships = read(live_settings, credentials).relationships
    assert relationships.financial_management == "member"
    assert relationships.finance_trusteeship == "none"


def test_an_unrecognised_subscription_status_makes_subscriptions_unknown(
    fake_cloud, live_settings, credentials
):
    fake_cloud.account.instances[0]["Status"] = "Frozen"
    inventory = read(live_settings, credentials)
    assert inventory.subscriptions is None
    assert "unrecognised Status 'Frozen'" in inventory.unknown_reasons["subscriptions"]


def test_amounts_in_two_currencies_leave_the_bills_unknown(fake_cloud, live_settings, credentials):
    for items in fake_cloud.account.bills.values():
        for item in items:
            item["Currency"] = "USD"
    inventory = read(live_settings, credentials)
    assert inventory.billing.outstanding is None and inventory.billing.unbilled is None
    assert "more than one currency" in inventory.unknown_reasons["billing"]


def test_a_caller_identity_failure_stops_the_read_with_one_clear_error(
    fake_cloud, live_settings, credentials
):
    fake_cloud.fail("GetCallerIdentity", "error", times=-1, code="InvalidAccessKeyId.NotFound")
    with pytest.raises(AcctcloseError, match=r"GetCallerIdentity: InvalidAccessKeyId\.NotFound"):
        read(live_settings, credentials)
    assert len(fake_cloud.calls) == 1


def test_requests_are_signed_with_the_given_key(fake_cloud, live_settings, credentials):
    read(live_settings, credentials)
    assert {call.access_key_id for call in fake_cloud.calls} == {KEY_ID}


def test_a_domain_expiry_in_another_format_falls_back_to_the_epoch_milliseconds(
    fake_cloud, live_settings, credentials
):
    fake_cloud.account.domains[0]["ExpirationDate"] = "Nov 02,2027 04:00:45"
    fake_cloud.account.domains[0]["ExpirationDateLong"] = 1825099245000  # 2027-11-02 04:00:45 +8
    fake_cloud.account.domains[1]["ExpirationDate"] = "soon"
    fake_cloud.account.domains[1].pop("ExpirationDateLong")
    domains = read(live_settings, credentials).domains
    assert domains[0].expires == date(2027, 11, 2)
    assert domains[1].expires is None and domains[1].name == "example1.com"
