from datetime import UTC, datetime

import pytest

from acctclose import inventory as inv
from acctclose.report import Severity
from tests.helpers import clean_inventory, findings_of, severity_of


def resource(rid: str, rtype: str = "ACS::ECS::Instance", region: str = "cn-hangzhou"):
    return inv.Resource(id=rid, type=rtype, region=region)


def subscription(sid: str, status: str) -> inv.Subscription:
    return inv.Subscription(
        id=sid, status=status, product="ecs", end_time=datetime(2020, 1, 1, tzinfo=UTC)
    )


def test_pay_as_you_go_resources_are_renounceable_with_counts_by_type_and_region():
    inventory = clean_inventory(
        resources=(
            resource("i-1"),
            resource("i-2", region="cn-shanghai"),
            resource("lb-1", "ACS::SLB::LoadBalancer"),
        )
    )
    finding = findings_of(inventory)["resources.release"]
    assert finding.severity is Severity.RENOUNCEABLE
    assert finding.evidence["count"] == 3
    assert finding.evidence["by_type"] == {"ACS::ECS::Instance": 2, "ACS::SLB::LoadBalancer": 1}
    assert finding.evidence["by_region"] == {"cn-hangzhou": 2, "cn-shanghai": 1}


def test_no_resources_means_nothing_to_release():
    assert "resources.release" not in findings_of(clean_inventory(resources=()))


def test_resources_not_read_are_unknown():
    finding = findings_of(clean_inventory(resources=None))["resources.release"]
    assert finding.severity is Severity.UNKNOWN
    assert "Resource Center" in finding.what_to_do


def test_a_subscription_instance_is_judged_as_a_subscription_not_released_here():
    inventory = clean_inventory(
        resources=(resource("rm-1", "ACS::RDS::DBInstance"),),
        subscriptions=(subscription("rm-1", "Normal"),),
    )
    found = findings_of(inventory)
    assert "resources.release" not in found
    assert found["subscriptions.active"].severity is Severity.MUST_PROCESS
    assert found["resources.backup"].evidence["count"] == 1


def test_an_ended_subscription_still_deployed_is_listed_as_released_with_the_account():
    inventory = clean_inventory(
        resources=(resource("i-old"),), subscriptions=(subscription("i-old", "Expired"),)
    )
    found = findings_of(inventory)
    assert "subscriptions.active" not in found
    assert found["resources.release"].evidence["sample"][0]["id"] == "i-old"


def test_data_bearing_resources_get_backup_advice_first():
    inventory = clean_inventory(
        resources=(
            resource("bucket", "ACS::OSS::Bucket"),
            resource("i-1"),
            resource("s-1", "ACS::ECS::Snapshot"),
        )
    )
    found = findings_of(inventory)
    backup = found["resources.backup"]
    assert backup.severity is Severity.ADVISORY
    assert [item["id"] for item in backup.evidence["sample"]] == ["bucket", "s-1"]
    assert backup.step < found["resources.release"].step


def test_evidence_sample_is_capped_for_large_accounts():
    many = tuple(resource(f"i-{n}") for n in range(5000))
    finding = findings_of(clean_inventory(resources=many))["resources.release"]
    assert finding.evidence["count"] == 5000
    assert len(finding.evidence["sample"]) == 20


@pytest.mark.parametrize(
    ("status", "blocks"),
    [
        ("Normal", True),
        ("Creating", True),
        ("WaitForExpire", True),
        ("Expired", False),
        ("Released", False),
        ("Unsubscribed", False),
    ],
)
def test_only_an_ended_subscription_status_counts_as_ended(status, blocks):
    # The end date is in the past for all of them: the status decides (fail closed).
    inventory = clean_inventory(subscriptions=(subscription("x", status),))
    expected = Severity.MUST_PROCESS if blocks else None
    assert severity_of(inventory, "subscriptions.active") == expected


def test_subscriptions_not_read_are_unknown():
    assert (
        severity_of(clean_inventory(subscriptions=None), "subscriptions.active") is Severity.UNKNOWN
    )


def test_active_subscriptions_are_counted_and_listed():
    subs = (
        subscription("a", "Normal"),
        subscription("b", "Expired"),
        subscription("c", "WaitForExpire"),
    )
    finding = findings_of(clean_inventory(subscriptions=subs))["subscriptions.active"]
    assert finding.evidence["count"] == 2
    assert [item["id"] for item in finding.evidence["sample"]] == ["a", "c"]
    assert finding.title == "2 subscriptions not expired or unsubscribed"
