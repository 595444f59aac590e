"""Accounts for the fake Alibaba Cloud: a small typical one for tests, a large one to benchmark."""

from __future__ import annotations

from datetime import datetime

from acctclose.sources.live.billing import billing_cycles
from tests.fakes.alibaba_cloud import FakeAccount

ACCOUNT_ID = "1234567890123456"


def typical_account(now: datetime) -> FakeAccount:
    """A little of everything, with paging edges crossed (more than one page where it counts)."""
    this, last, *_, oldest = billing_cycles(now)
    return FakeAccount(
        account_id=ACCOUNT_ID,
        identity_type="RAMUser",
        available_amount="15.20",
        available_cash="15.20",
        bills={
            this: [
                _bill("ecs", "PayAsYouGo", pretax="3.10", outstanding="0"),
                _bill("rds", "Subscription", pretax="120.00", outstanding="0"),
            ],
            last: [_bill("ecs", "PayAsYouGo", pretax="40.00", outstanding="0")],
            oldest: [_bill("oss", "PayAsYouGo", pretax="25.30", outstanding="25.30")],
        },
        instances=[
            _instance("rm-bp1abc", "rds", "Normal", "Subscription"),
            _instance("i-expired", "ecs", "Expired", "Subscription"),
            _instance("i-payg", "ecs", "Normal", "PayAsYouGo"),
        ],
        resources=[
            _resource(f"i-hz{index:03d}", "ACS::ECS::Instance", "cn-hangzhou")
            for index in range(230)
        ]
        + [_resource("bucket-logs", "ACS::OSS::Bucket", "cn-shanghai")],
        domains=[
            {
                "DomainName": f"example{index}.com",
                "InstanceId": f"S2026{index:08d}",
                "ExpirationDate": "2027-05-01 04:00:45",
                "ExpirationDateLong": 1809144045000,
                "ExpirationDateStatus": "1",
                "DomainStatus": "3",
            }
            for index in range(120)
        ],
        users=["ops-admin", "reader"],
        groups=["ops"],
        roles=[
            {
                "RoleName": "AliyunServiceRoleForECS",
                "Arn": f"acs:ram::{ACCOUNT_ID}:role/aliyun-service-role/aliyunservicerole",
            },
            {"RoleName": "deployer", "Arn": f"acs:ram::{ACCOUNT_ID}:role/deployer"},
        ],
        policies=[{"PolicyName": "ReadBuckets", "PolicyType": "Custom"}],
        mfa_devices=[f"acs:ram::{ACCOUNT_ID}:mfa/ops-admin"],
        directory_master=None,
        relations=[],
    )


def clean_account() -> FakeAccount:
    """Nothing left: a RAM-free account read by the account itself (verdict depends on unknowns)."""
    return FakeAccount(
        account_id=ACCOUNT_ID,
        identity_type="Account",
        available_amount="0.00",
        available_cash="0.00",
    )


def large_account(
    now: datetime,
    *,
    resources: int = 10_000,
    regions: int = 20,
    subscriptions: int = 300,
    domains: int = 200,
) -> FakeAccount:
    account = typical_account(now)
    names = [f"region-{index:02d}" for index in range(regions)]
    account.resources = [
        _resource(f"r-{index:06d}", "ACS::ECS::Instance", names[index % regions])
        for index in range(resources)
    ]
    account.instances = [
        _instance(f"i-sub{index:04d}", "ecs", "Normal", "Subscription")
        for index in range(subscriptions)
    ]
    account.domains = [
        {"DomainName": f"site{index}.com", "ExpirationDate": "2027-05-01 04:00:45"}
        for index in range(domains)
    ]
    return account


def _bill(product: str, kind: str, *, pretax: str, outstanding: str) -> dict[str, object]:
    return {
        "ProductCode": product,
        "ProductType": product,
        "SubscriptionType": kind,
        "Item": "SubscriptionOrder" if kind == "Subscription" else "PayAsYouGoBill",
        "Currency": "CNY",
        "PretaxAmount": float(pretax),
        "PaymentAmount": float(pretax),
        "OutstandingAmount": float(outstanding),
    }


def _instance(instance_id: str, product: str, status: str, kind: str) -> dict[str, object]:
    return {
        "InstanceID": instance_id,
        "ProductCode": product,
        "ProductType": product,
        "Region": "cn-hangzhou",
        "SubscriptionType": kind,
        "Status": status,
        "SubStatus": "Normal",
        "RenewStatus": "ManualRenewal",
        "CreateTime": "2026-01-01T00:00:00Z",
        "EndTime": "2027-03-01T00:00:00Z",
    }


def _resource(resource_id: str, resource_type: str, region: str) -> dict[str, object]:
    return {
        "ResourceId": resource_id,
        "ResourceType": resource_type,
        "RegionId": region,
        "ResourceName": f"name-{resource_id}",
        "AccountId": ACCOUNT_ID,
        "ZoneId": f"{region}-a",
        "Tags": [],
        "IpAddresses": [],
    }
