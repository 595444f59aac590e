"""Multi-account relationships: each must be dissolved before the account can close."""

from __future__ import annotations

from dataclasses import dataclass

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext

_TABLE = "Closure guide, Handle multi-account relationships (table): "


def _spec(key: str, label: str, source: str, action: str) -> FindingSpec:
    return FindingSpec(
        id=f"relationships.{key}",
        area="relationships",
        step=2,
        severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
        summary=f"The account's role in a {label}.",
        source=_TABLE + source,
        action=action,
    )


RESOURCE_DIRECTORY = _spec(
    "resource_directory",
    "resource directory",
    'management account: "You cannot close the account directly. First, close the resource '
    'directory"; member: "Use the management account to remove the member from the resource '
    'directory, then proceed with closure."',
    "Management account: remove every member, then disable the resource directory (Resource "
    "Management › Resource Directory). Member: the management account removes or deletes it.",
)
FINANCE_TRUSTEESHIP = _spec(
    "finance_trusteeship",
    "finance trusteeship",
    'administrator: "You cannot close the account directly. First, remove all member accounts, '
    'then initiate closure."',
    "Expenses and Costs › Finance Trusteeship: disassociate every member (as administrator) or "
    "ask the administrator to disassociate this account.",
)
FINANCIAL_MANAGEMENT = _spec(
    "financial_management",
    "financial management relationship",
    'administrator: "You cannot close the account directly. First, unbind all member accounts, '
    'then initiate closure."',
    "Expenses and Costs › Financial Management: unbind every member (as administrator) or ask "
    "the administrator to unbind this account.",
)
ENTERPRISE = _spec(
    "enterprise_multi_account",
    "enterprise multi-account system",
    'super administrator: "You cannot close the account directly. First, transfer super '
    'administrator permissions to another member account, then proceed with the closure."',
    "Transfer the super administrator permissions to another member account.",
)

SPECS = (RESOURCE_DIRECTORY, FINANCE_TRUSTEESHIP, FINANCIAL_MANAGEMENT, ENTERPRISE)


@dataclass(frozen=True)
class _Relationship:
    spec: FindingSpec
    attribute: str
    label: str
    blocking: dict[str, str]  # role -> title


_RELATIONSHIPS = (
    _Relationship(
        RESOURCE_DIRECTORY,
        "resource_directory",
        "Resource directory",
        {
            "management": "Management account of a resource directory",
            "member": "Member of a resource directory",
        },
    ),
    _Relationship(
        FINANCE_TRUSTEESHIP,
        "finance_trusteeship",
        "Finance trusteeship",
        {
            "admin": "Administrator of a finance trusteeship",
            "member": "Member of a finance trusteeship",
        },
    ),
    _Relationship(
        FINANCIAL_MANAGEMENT,
        "financial_management",
        "Financial management",
        {
            "admin": "Administrator of a financial management relationship",
            "member": "Member of a financial management relationship",
        },
    ),
    # A member of an enterprise multi-account system needs nothing (guide: "See the present topic").
    _Relationship(
        ENTERPRISE,
        "enterprise_multi_account",
        "Enterprise multi-account role",
        {"super_admin": "Super administrator of an enterprise multi-account system"},
    ),
)


# Which stated or read roles block closure, per relationship (the statements overlay uses it).
BLOCKING_ROLES: dict[str, frozenset[str]] = {
    relationship.attribute: frozenset(relationship.blocking) for relationship in _RELATIONSHIPS
}


def check(context: RuleContext) -> list[Finding]:
    findings = []
    for relationship in _RELATIONSHIPS:
        role = getattr(context.inventory.relationships, relationship.attribute)
        if role is None:
            findings.append(
                Finding(
                    relationship.spec,
                    Severity.UNKNOWN,
                    f"{relationship.label} not established",
                    "Closure is refused while the account is part of such a relationship.",
                    action="Run the live check, or state the role (none if none): "
                    f"`acctclose prepare --state {relationship.attribute}=none`, or "
                    f"relationships.{relationship.attribute} in the inventory file.",
                )
            )
        elif role in relationship.blocking:
            findings.append(
                Finding(
                    relationship.spec,
                    Severity.MUST_PROCESS,
                    relationship.blocking[role],
                    "You cannot close the account directly while this relationship exists.",
                    {"role": role},
                )
            )
    return findings
