"""Write the facts model as an inventory file (the contract's format), the inverse of the loader.

Only established facts are written: an unknown stays absent, so the file loads back to an
equal inventory. YAML is emitted by hand with JSON scalars and one flow mapping per list
item (valid YAML 1.2): fast for 100k resources, and no `no`-means-false or id-as-number traps.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC
from decimal import Decimal
from pathlib import Path
from typing import Any

from acctclose import inventory as inv
from acctclose.output_file import write_atomically

_RELATIONSHIP_KEYS = (
    "resource_directory",
    "finance_trusteeship",
    "financial_management",
    "enterprise_multi_account",
)


def inventory_document(inventory: inv.Inventory) -> dict[str, Any]:
    """The inventory as plain data in the file format; unknown facts are left out."""
    document: dict[str, Any] = {"schema": inv.SCHEMA, "account": _account(inventory.account)}
    billing = _billing(inventory.billing)
    if billing:
        document["billing"] = billing
    if inventory.subscriptions is not None:
        document["subscriptions"] = [_subscription(sub) for sub in inventory.subscriptions]
    if inventory.resources is not None:
        document["resources"] = [_resource(resource) for resource in inventory.resources]
    if inventory.domains is not None:
        document["domains"] = [_domain(domain) for domain in inventory.domains]
    if inventory.icp_filings is not None:
        document["icp_filings"] = [{"number": filing.number} for filing in inventory.icp_filings]
    ram = {
        kind: list(names)
        for kind in inv.RAM_KINDS
        if (names := getattr(inventory.ram, kind)) is not None
    }
    if ram:
        document["ram"] = ram
    relationships = {
        key: value
        for key in _RELATIONSHIP_KEYS
        if (value := getattr(inventory.relationships, key)) is not None
    }
    if relationships:
        document["relationships"] = relationships
    if inventory.partner is not None:
        partner = inventory.partner
        document["partner"] = {"name": partner.name} if partner.present else "none"
    return document


def dump_inventory(inventory: inv.Inventory, *, as_json: bool = False, note: str = "") -> str:
    document = inventory_document(inventory)
    if as_json:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return _yaml(document, _header(inventory, note))


def save_inventory(inventory: inv.Inventory, path: Path, *, note: str = "") -> None:
    """Write atomically; `.json` gets JSON, anything else YAML."""
    as_json = path.name.lower().endswith(".json")
    write_atomically(path, dump_inventory(inventory, as_json=as_json, note=note))


def _account(account: inv.Account) -> dict[str, Any]:
    data: dict[str, Any] = {"id": account.id, "site": account.site}
    if account.caller is not None:
        data["caller"] = account.caller
    if account.identity_verified is not None:
        data["identity_verified"] = account.identity_verified
    return data


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _billing(billing: inv.Billing) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if billing.currency is not None:
        data["currency"] = billing.currency
    for key in ("available_cash", "outstanding", "unbilled"):
        value = getattr(billing, key)
        if value is not None:
            data[key] = _amount(value)
    return data


def _subscription(sub: inv.Subscription) -> dict[str, Any]:
    data: dict[str, Any] = {"id": sub.id}
    if sub.product is not None:
        data["product"] = sub.product
    if sub.region is not None:
        data["region"] = sub.region
    data["status"] = sub.status
    if sub.end_time is not None:
        data["end_time"] = sub.end_time.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return data


def _resource(resource: inv.Resource) -> dict[str, Any]:
    data = {"id": resource.id, "type": resource.type, "region": resource.region}
    if resource.name is not None:
        data["name"] = resource.name
    return data


def _domain(domain: inv.Domain) -> dict[str, Any]:
    data: dict[str, Any] = {"name": domain.name}
    if domain.expires is not None:
        data["expires"] = domain.expires.isoformat()
    return data


def _header(inventory: inv.Inventory, note: str) -> list[str]:
    lines = [f"# {line}" for line in note.splitlines() if line.strip()]
    for area, reason in sorted(inventory.unknown_reasons.items()):
        lines.append(f"# unknown {area}: {' '.join(reason.split())}")
    return lines


def _scalar(value: object) -> str:
    # A JSON scalar is a YAML 1.2 scalar; escape the characters YAML 1.1 readers treat as breaks.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


def _flow(value: object) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_scalar(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return _scalar(value)


def _yaml(document: Mapping[str, Any], header: list[str]) -> str:
    lines = list(header)
    for key, value in document.items():
        if isinstance(value, Mapping):
            lines.append(f"{key}:")
            lines.extend(f"  {name}: {_flow(item)}" for name, item in value.items())
        elif isinstance(value, list) and value:
            lines.append(f"{key}:")
            lines.extend(f"  - {_flow(item)}" for item in value)
        else:
            lines.append(f"{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"
