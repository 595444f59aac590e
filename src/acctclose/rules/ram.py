"""RAM identities: closure fails while any user, group, role, policy or MFA device remains."""

from __future__ import annotations

from acctclose.inventory import Inventory
from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext, counted, sample

_SOURCE = (
    'Alibaba Cloud support, "Fail to delete my Alibaba Cloud account": closure fails while RAM '
    "identities remain; delete RAM users, groups, roles, custom policies and virtual MFA devices."
)

_KINDS = {
    "users": ("RAM user", "RAM console › Identities › Users › Delete"),
    "groups": ("RAM user group", "RAM console › Identities › User Groups › Delete"),
    "roles": (
        "RAM role",
        "RAM console › Identities › Roles › Delete (service-linked roles excepted)",
    ),
    "policies": ("custom policy", "RAM console › Permissions › Policies › Custom › Delete"),
    "mfa_devices": ("virtual MFA device", "RAM console › Users › MFA › Unbind and delete"),
}

SPECS_BY_KIND = {
    kind: FindingSpec(
        id=f"ram.{kind}",
        area="ram",
        step=3,
        severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
        summary=f"{noun[0].upper()}{noun[1:]}s left in the account (service-linked roles aside). "
        "The identity acctclose reads with is deleted last.",
        source=_SOURCE,
        action=f"{path}.",
    )
    for kind, (noun, path) in _KINDS.items()
}
SPECS = tuple(SPECS_BY_KIND.values())

_READER_LAST = "Delete the one acctclose reads with last; from then on continue in the console."

# Which kind holds the identity that read the facts: it must exist, and it goes last.
_CALLER_KIND = {"ram_user": "users", "assumed_role": "roles"}


def check(context: RuleContext) -> list[Finding]:
    findings = []
    for kind, spec in SPECS_BY_KIND.items():
        finding = _kind_finding(context.inventory, kind, spec)
        if finding is not None:
            findings.append(finding)
    return findings


def _kind_finding(inventory: Inventory, kind: str, spec: FindingSpec) -> Finding | None:
    noun = _KINDS[kind][0]
    names = getattr(inventory.ram, kind)
    reads_with_this_kind = _CALLER_KIND.get(inventory.account.caller or "") == kind
    if names is None:
        return Finding(
            spec,
            Severity.UNKNOWN,
            f"{noun[0].upper()}{noun[1:]}s not established",
            "Closure fails while RAM identities remain.",
            action="Run the live check, or list them from the RAM console in the inventory file.",
        )
    if not names and reads_with_this_kind:
        # Fail closed: the facts were read by such an identity, so one exists.
        return Finding(
            spec,
            Severity.MUST_PROCESS,
            f"At least one {noun} remains: the one that read these facts",
            "The list is empty, but the facts were read by this kind of identity.",
            {"count": 1},
            action=f"{spec.action} {_READER_LAST}",
        )
    if not names:
        return None
    detail = "Closure fails while RAM identities remain."
    if reads_with_this_kind:
        detail += (
            f" One of them is the {noun} acctclose reads with: delete it last; after that, "
            "acctclose cannot read the account and you continue in the console (the record "
            "is kept)."
        )
    return Finding(
        spec,
        Severity.MUST_PROCESS,
        f"{counted(names, noun)} to delete",
        detail,
        {"count": len(names), "sample": sample(names)},
        action=f"{spec.action} {_READER_LAST}" if reads_with_this_kind else None,
    )
