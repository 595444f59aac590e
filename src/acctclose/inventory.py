"""The facts model: what is true of an account, with every unknown explicit.

`None` means the fact was not established (the rule reports `unknown`); an empty
tuple or the value "none" means it is known that there is nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

SCHEMA = "acctclose/inventory/v1"

Site = Literal["china", "international"]
Caller = Literal["account", "ram_user", "assumed_role"]

SITES: tuple[str, ...] = ("china", "international")
CALLERS: tuple[str, ...] = ("account", "ram_user", "assumed_role")
RESOURCE_DIRECTORY_ROLES: tuple[str, ...] = ("none", "management", "member")
FINANCE_ROLES: tuple[str, ...] = ("none", "admin", "member")
ENTERPRISE_ROLES: tuple[str, ...] = ("none", "super_admin", "member")
# BSS QueryAvailableInstances statuses, plus the two a person records by hand.
SUBSCRIPTION_STATUSES: tuple[str, ...] = (
    "Creating",
    "Normal",
    "WaitForExpire",
    "Expired",
    "Released",
    "Unsubscribed",
)
SUBSCRIPTION_ENDED: frozenset[str] = frozenset({"Expired", "Released", "Unsubscribed"})
RAM_KINDS: tuple[str, ...] = ("users", "groups", "roles", "policies", "mfa_devices")


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    site: Site
    caller: Caller | None = None
    identity_verified: bool | None = None


@dataclass(frozen=True, slots=True)
class Billing:
    currency: str | None = None
    available_cash: Decimal | None = None
    outstanding: Decimal | None = None
    unbilled: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    id: str
    status: str
    product: str | None = None
    region: str | None = None
    end_time: datetime | None = None

    @property
    def ended(self) -> bool:
        return self.status in SUBSCRIPTION_ENDED


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    type: str
    region: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    expires: date | None = None


@dataclass(frozen=True, slots=True)
class IcpFiling:
    number: str


@dataclass(frozen=True, slots=True)
class Ram:
    """RAM identities left in the account; service-linked roles are not listed."""

    users: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None
    policies: tuple[str, ...] | None = None
    mfa_devices: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Relationships:
    resource_directory: str | None = None
    finance_trusteeship: str | None = None
    financial_management: str | None = None
    enterprise_multi_account: str | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    """A reseller relationship; `name` None with `present` False means known none."""

    present: bool
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Inventory:
    account: Account
    billing: Billing = field(default_factory=Billing)
    subscriptions: tuple[Subscription, ...] | None = None
    resources: tuple[Resource, ...] | None = None
    domains: tuple[Domain, ...] | None = None
    icp_filings: tuple[IcpFiling, ...] | None = None
    ram: Ram = field(default_factory=Ram)
    relationships: Relationships = field(default_factory=Relationships)
    partner: Partner | None = None
    # Why an area's facts stay unknown (area -> "API: error code ..."), set by the live source.
    # Commentary, not a fact: not part of equality, not in the inventory file's data.
    unknown_reasons: Mapping[str, str] = field(default_factory=dict, compare=False)
