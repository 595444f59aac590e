"""Resources: everything deployed, in any region."""

from __future__ import annotations

from collections import Counter

from acctclose.inventory import Resource
from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext, counted, sample

# Types whose data is lost with the account: back these up before anything is released.
DATA_BEARING_TYPES = frozenset(
    {
        "ACS::OSS::Bucket",
        "ACS::RDS::DBInstance",
        "ACS::ECS::Disk",
        "ACS::ECS::Snapshot",
        "ACS::ECS::Image",
        "ACS::PolarDB::DBCluster",
        "ACS::MongoDB::DBInstance",
        "ACS::Redis::DBInstance",
        "ACS::KVStore::Instance",
        "ACS::NAS::FileSystem",
        "ACS::SLS::Project",
        "ACS::TableStore::Instance",
        "ACS::HBR::BackupVault",
    }
)

RELEASE = FindingSpec(
    id="resources.release",
    area="resources",
    step=2,
    severities=(Severity.RENOUNCEABLE, Severity.UNKNOWN),
    summary="Pay-as-you-go resources still deployed. They are released with the account; "
    "release them yourself once their data is safe.",
    source='Closure guide, Resource and dependency cleanup: "Release all pay-as-you-go resources" '
    'and, in the system check, "Renounceable: Small balances and releasable cloud service '
    'instances."',
    action="Back up, then release each resource in its product's console, or select them under "
    "Renounceable › Release Selected Resources in the closure check.",
)

BACKUP = FindingSpec(
    id="resources.backup",
    area="resources",
    step=1,
    severities=(Severity.ADVISORY,),
    summary="Resources that hold data (OSS buckets, databases, disks, snapshots): back them up "
    "before they are released.",
    source='Closure guide, Data and credential backup: "Back up all important business data, such '
    'as files in OSS, ApsaraDB RDS Database Backup, and ECS snapshots."',
    action="Copy OSS objects, download RDS backups and keep ECS snapshots or images elsewhere "
    "before releasing anything.",
)

SPECS = (BACKUP, RELEASE)


def check(context: RuleContext) -> list[Finding]:
    resources = context.inventory.resources
    if resources is None:
        return [
            Finding(
                RELEASE,
                Severity.UNKNOWN,
                "Deployed resources not established",
                "The resource inventory was not read, so resources that block or are forfeited "
                "cannot be listed.",
                action="Enable Resource Center (or run the live check with "
                "--enable-resource-center), or list the resources in the inventory file.",
            )
        ]
    # Running subscription instances are judged (must process) by the subscriptions rule; an
    # ended one that still shows up is forfeited like any other resource, so it is listed here.
    subscribed = {sub.id for sub in context.inventory.subscriptions or () if not sub.ended}
    payg = [resource for resource in resources if resource.id not in subscribed]
    findings: list[Finding] = []
    data_bearing = [resource for resource in resources if resource.type in DATA_BEARING_TYPES]
    if data_bearing:
        findings.append(
            Finding(
                BACKUP,
                Severity.ADVISORY,
                f"Back up {counted(data_bearing, 'data-bearing resource')}",
                "Their data is deleted with the account and cannot be recovered.",
                _evidence(data_bearing),
            )
        )
    if payg:
        findings.append(
            Finding(
                RELEASE,
                Severity.RENOUNCEABLE,
                f"{counted(payg, 'pay-as-you-go resource')} will be released with the account",
                "The closure check offers them as Renounceable; releasing them is irreversible.",
                _evidence(payg),
            )
        )
    return findings


def _evidence(resources: list[Resource]) -> dict[str, object]:
    return {
        "count": len(resources),
        "by_type": dict(Counter(resource.type for resource in resources).most_common()),
        "by_region": dict(Counter(resource.region for resource in resources).most_common()),
        "sample": [
            {"id": r.id, "type": r.type, "region": r.region} | ({"name": r.name} if r.name else {})
            for r in sample(resources)
        ],
    }
