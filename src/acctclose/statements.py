"""The owner's statements: facts no API reports, laid over the inventory before the rules run.

A statement fills in a fact the source could not establish (`None` in the inventory).
When the source did establish the fact and the statement says otherwise, the cautious
side wins: a statement can add a blocker but never clear one the source found, and the
contradiction is reported (`Overlay.conflicts`) so the owner can correct one or the other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from acctclose import inventory as inv
from acctclose.rules.relationships import BLOCKING_ROLES

LIST_KIND = "list"  # ICP filing numbers; "none" = known none
NAME_KIND = "name"  # a partner's name; "none" = known none
CHOICE_KIND = "choice"  # a role in a multi-account relationship
BOOL_KIND = "bool"


@dataclass(frozen=True, slots=True)
class StatementSpec:
    key: str
    kind: str
    question: str
    hint: str
    choices: tuple[str, ...] = ()
    blocking: frozenset[str] = frozenset()  # choice values that block closure
    aliases: tuple[str, ...] = ()


_ROLE = "the account's role"
SPECS: tuple[StatementSpec, ...] = (
    StatementSpec(
        "icp_filings",
        LIST_KIND,
        "Does the account hold ICP filings?",
        "No API reports them: look in the ICP filing system (beian.aliyun.com). "
        "Answer none, or the filing numbers separated by commas.",
        aliases=("icp",),
    ),
    StatementSpec(
        "partner",
        NAME_KIND,
        "Is the account managed by an Alibaba Cloud partner (reseller)?",
        "No API reports it: answer none, or the partner's name.",
        aliases=("reseller",),
    ),
    StatementSpec(
        "enterprise_multi_account",
        CHOICE_KIND,
        "What is the account's role in an enterprise multi-account system?",
        "No API reports it. A super administrator must hand the role to another member first.",
        choices=inv.ENTERPRISE_ROLES,
        blocking=BLOCKING_ROLES["enterprise_multi_account"],
        aliases=("enterprise",),
    ),
    StatementSpec(
        "resource_directory",
        CHOICE_KIND,
        f"What is {_ROLE} in a resource directory?",
        "Resource Management › Resource Directory shows it.",
        choices=inv.RESOURCE_DIRECTORY_ROLES,
        blocking=BLOCKING_ROLES["resource_directory"],
    ),
    StatementSpec(
        "finance_trusteeship",
        CHOICE_KIND,
        f"What is {_ROLE} in a finance trusteeship?",
        "Expenses and Costs › Finance Trusteeship shows it.",
        choices=inv.FINANCE_ROLES,
        blocking=BLOCKING_ROLES["finance_trusteeship"],
    ),
    StatementSpec(
        "financial_management",
        CHOICE_KIND,
        f"What is {_ROLE} in a financial management relationship?",
        "Expenses and Costs › Financial Management shows it.",
        choices=inv.FINANCE_ROLES,
        blocking=BLOCKING_ROLES["financial_management"],
    ),
    StatementSpec(
        "identity_verified",
        BOOL_KIND,
        "Has the account completed real-name identity verification?",
        "Account Center › Identity Verification shows it (answer yes or no).",
    ),
)
BY_KEY: dict[str, StatementSpec] = {spec.key: spec for spec in SPECS}
# The finding each statement settles, so an unknown finding can say how to state it.
FINDING_KEYS: dict[str, str] = {
    "icp.filings": "icp_filings",
    "partner.reseller": "partner",
    "relationships.enterprise_multi_account": "enterprise_multi_account",
    "relationships.resource_directory": "resource_directory",
    "relationships.finance_trusteeship": "finance_trusteeship",
    "relationships.financial_management": "financial_management",
    "identity.verification": "identity_verified",
}
_NAMES: dict[str, StatementSpec] = {
    name: spec for spec in SPECS for name in (spec.key, *spec.aliases)
}
_TRUE = {"yes", "true", "y"}
_FALSE = {"no", "false", "n"}


def spec_for(name: str) -> StatementSpec:
    """The statement a name refers to: case-insensitive, `-` or `_`, short aliases allowed."""
    key = name.strip().lower().replace("-", "_")
    if key not in _NAMES:
        known = ", ".join(spec.key for spec in SPECS)
        raise ValueError(f"unknown statement {name!r} (known: {known})")
    return _NAMES[key]


def parse_text(spec: StatementSpec, text: str) -> Any:
    """A statement as typed on the command line or at a prompt, in its stored form."""
    value = text.strip()
    if spec.kind == LIST_KIND:
        if value.lower() in ("none", ""):
            return "none"
        return [part.strip() for part in value.split(",") if part.strip()]
    if spec.kind == NAME_KIND:
        if not value:
            raise ValueError(f"{spec.key}: expected none or a name")
        return "none" if value.lower() == "none" else value
    if spec.kind == BOOL_KIND:
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ValueError(f"{spec.key}: expected yes or no, got {text!r}")
    return validate(spec, value.lower())


def validate(spec: StatementSpec, value: object) -> Any:
    """Check a stored value (as read back from the state file); ValueError says what is wrong."""
    if spec.kind == LIST_KIND:
        if value == "none" or value == []:
            return "none"
        if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
            return value
        raise ValueError("expected none or a list of filing numbers")
    if spec.kind == NAME_KIND:
        if isinstance(value, str) and value.strip():
            return value
        raise ValueError("expected none or the partner's name")
    if spec.kind == BOOL_KIND:
        if isinstance(value, bool):
            return value
        raise ValueError("expected true or false")
    if isinstance(value, str) and value in spec.choices:
        return value
    raise ValueError(f"expected one of {', '.join(spec.choices)}, got {value!r}")


def describe(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True, slots=True)
class Conflict:
    key: str
    stated: str
    read: str
    used: str

    def __str__(self) -> str:
        return (
            f"statement {self.key}={self.stated} contradicts the facts read ({self.read}); "
            f"using {self.used} (the cautious side wins: a statement can add a blocker, never "
            "clear one)"
        )


@dataclass(frozen=True, slots=True)
class Overlay:
    inventory: inv.Inventory
    applied: tuple[str, ...]  # statements that filled in an unknown fact
    conflicts: tuple[Conflict, ...]


def unknown_keys(inventory: inv.Inventory) -> list[str]:
    """Statement keys whose fact the inventory does not establish, in asking order."""
    return [spec.key for spec in SPECS if _read(inventory, spec.key) is None]


def apply_statements(inventory: inv.Inventory, statements: Mapping[str, object]) -> Overlay:
    """The inventory with the statements laid over it (see the module docstring)."""
    applied: list[str] = []
    conflicts: list[Conflict] = []
    result = inventory
    for spec in SPECS:
        if spec.key not in statements:
            continue
        stated = _as_fact(spec, statements[spec.key])
        read = _read(inventory, spec.key)
        if read is None:
            used = stated
            applied.append(spec.key)
        else:
            used = _cautious(spec, stated, read)
            if _differs(spec, stated, read):
                conflicts.append(
                    Conflict(spec.key, _fact_text(stated), _fact_text(read), _fact_text(used))
                )
        result = _write(result, spec.key, used)
    return Overlay(result, tuple(applied), tuple(conflicts))


def _as_fact(spec: StatementSpec, value: object) -> Any:
    """Stored statement -> the inventory's representation of the fact."""
    if spec.kind == LIST_KIND:
        numbers = [] if value == "none" else list(value)  # type: ignore[call-overload]
        return tuple(inv.IcpFiling(number=str(number)) for number in numbers)
    if spec.kind == NAME_KIND:
        return inv.Partner(present=False) if value == "none" else inv.Partner(True, str(value))
    return value


def _read(inventory: inv.Inventory, key: str) -> Any:
    if key == "icp_filings":
        return inventory.icp_filings
    if key == "partner":
        return inventory.partner
    if key == "identity_verified":
        return inventory.account.identity_verified
    return getattr(inventory.relationships, key)


def _write(inventory: inv.Inventory, key: str, value: Any) -> inv.Inventory:
    if key in ("icp_filings", "partner"):
        return dataclasses.replace(inventory, **{key: value})
    if key == "identity_verified":
        account = dataclasses.replace(inventory.account, identity_verified=value)
        return dataclasses.replace(inventory, account=account)
    relationships = dataclasses.replace(inventory.relationships, **{key: value})
    return dataclasses.replace(inventory, relationships=relationships)


def _differs(spec: StatementSpec, stated: Any, read: Any) -> bool:
    if spec.kind == LIST_KIND:
        return {f.number for f in stated} != {f.number for f in read}
    return bool(stated != read)


def _cautious(spec: StatementSpec, stated: Any, read: Any) -> Any:
    """Of two disagreeing values, the one that blocks (or warns); the source's when both do."""
    if spec.kind == LIST_KIND:
        numbers = dict.fromkeys([f.number for f in read] + [f.number for f in stated])
        return tuple(inv.IcpFiling(number=number) for number in numbers)
    if spec.kind == NAME_KIND:
        return read if read.present or not stated.present else stated
    if spec.kind == BOOL_KIND:
        return bool(stated and read)  # unverified is the cautious answer
    if read not in spec.blocking and stated in spec.blocking:
        return stated
    return read


def _fact_text(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(f.number for f in value) or "none"
    if isinstance(value, inv.Partner):
        return (value.name or "none") if value.present else "none"
    return describe(value)
