"""Turn the decoded inventory document (dicts and lists) into the facts model.

Every problem is reported as the field path and what is wrong with it, such as
`resources[3].region: required`, so a person can find it in a large file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from acctclose import inventory as inv
from acctclose.money import parse_amount

T = TypeVar("T")

# No account holds a quadrillion of anything; larger numbers are typos or junk.
MAX_AMOUNT = Decimal("1e15")


class FieldError(Exception):
    """A problem at one field path; the file loader adds the file name."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        Decimal: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(where, f"expected a mapping, got {_type_name(value)}")
    return cast(dict[str, Any], value)


def _no_unknown_keys(data: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    allowed_set = set(allowed)
    for key in data:
        if key not in allowed_set:
            path = f"{where}.{key}" if where else str(key)
            raise FieldError(path, f"unknown key (expected one of: {', '.join(allowed)})")


def _string(value: object, where: str) -> str:
    # Numbers are accepted where people write ids or names unquoted; booleans are not.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FieldError(where, f"expected a string, got {_type_name(value)}")
    text = str(value).strip()
    if not text:
        raise FieldError(where, "must not be empty")
    return text


def _required(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] is None:
        raise FieldError(f"{where}.{key}" if where else key, "required")
    return data[key]


def _choice(value: object, choices: tuple[str, ...], where: str) -> str:
    text = "none" if value is None else value
    if not isinstance(text, str) or text not in choices:
        raise FieldError(where, f"expected one of {', '.join(choices)}, got {value!r}")
    return text


def _amount(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise FieldError(where, f'expected an amount such as "12.50", got {_type_name(value)}')
    try:
        # repr() of a float is its shortest round-trip text: 15.2 stays 15.2, not 15.1999...
        amount = parse_amount(repr(value) if isinstance(value, float) else str(value))
    except ValueError:
        raise FieldError(where, f'expected an amount such as "12.50", got {value!r}') from None
    if amount < 0:
        raise FieldError(where, f"must not be negative, got {value}")
    if amount >= MAX_AMOUNT:
        raise FieldError(where, f"implausibly large, got {value}")
    return amount


def _date(value: object, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return _datetime(value, where).date()
    except FieldError:
        raise FieldError(where, f"expected a date such as 2027-05-01, got {value!r}") from None


def _datetime(value: object, where: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(
                where, f"expected a date-time such as 2027-03-01T00:00:00Z, got {value!r}"
            ) from None
    else:
        raise FieldError(where, f"expected a date-time, got {_type_name(value)}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _list(value: object, where: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    """A list fact: null, "none" or [] mean known none."""
    if value is None or value == "none":
        return ()
    if not isinstance(value, list):
        raise FieldError(where, f"expected a list, got {_type_name(value)}")
    return tuple(item(entry, f"{where}[{index}]") for index, entry in enumerate(value))


def _optional_list(
    data: dict[str, Any], key: str, where: str, item: Callable[[object, str], T]
) -> tuple[T, ...] | None:
    if key not in data:
        return None
    return _list(data[key], f"{where}.{key}" if where else key, item)


def _account(value: object) -> inv.Account:
    data = _mapping(value, "account")
    _no_unknown_keys(data, ("id", "site", "caller", "identity_verified"), "account")
    account_id = _string(_required(data, "id", "account"), "account.id")
    if not account_id.isdigit():
        raise FieldError("account.id", f"expected the numeric account ID, got {account_id!r}")
    site = _choice(_required(data, "site", "account"), inv.SITES, "account.site")
    caller = None
    if "caller" in data:
        caller = _choice(data["caller"], inv.CALLERS, "account.caller")
    verified = data.get("identity_verified")
    if verified is not None and not isinstance(verified, bool):
        raise FieldError(
            "account.identity_verified", f"expected true or false, got {_type_name(verified)}"
        )
    return inv.Account(
        id=account_id,
        site=cast(inv.Site, site),
        caller=cast(inv.Caller | None, caller),
        identity_verified=verified,
    )


_AMOUNT_KEYS = ("available_cash", "outstanding", "unbilled")


def _billing(value: object) -> inv.Billing:
    data = _mapping(value, "billing")
    _no_unknown_keys(data, ("currency", *_AMOUNT_KEYS), "billing")
    amounts = {
        key: _amount(data[key], f"billing.{key}")
        for key in _AMOUNT_KEYS
        if data.get(key) is not None
    }
    currency = None
    if data.get("currency") is not None:
        written = _string(data["currency"], "billing.currency")
        currency = written.upper()
        if len(currency) != 3 or not currency.isalpha():
            raise FieldError(
                "billing.currency", f"expected a currency code such as CNY, got {written!r}"
            )
    elif amounts:
        raise FieldError("billing.currency", "required when amounts are given")
    return inv.Billing(currency=currency, **amounts)


def _subscription(value: object, where: str) -> inv.Subscription:
    data = _mapping(value, where)
    _no_unknown_keys(data, ("id", "product", "region", "status", "end_time"), where)
    end_time = data.get("end_time")
    return inv.Subscription(
        id=_string(_required(data, "id", where), f"{where}.id"),
        status=_choice(
            _required(data, "status", where), inv.SUBSCRIPTION_STATUSES, f"{where}.status"
        ),
        product=_optional_string(data, "product", where),
        region=_optional_string(data, "region", where),
        end_time=None if end_time is None else _datetime(end_time, f"{where}.end_time"),
    )


def _optional_string(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    return None if value is None else _string(value, f"{where}.{key}")


_RESOURCE_KEYS = ("id", "type", "region", "name")


def _resource(value: object, where: str) -> inv.Resource:
    # The hot path for large accounts: plain lookups first, full checks only on a miss.
    if type(value) is dict and len(value) <= 4:
        rid, rtype, region = value.get("id"), value.get("type"), value.get("region")
        name = value.get("name")
        if (
            type(rid) is str
            and type(rtype) is str
            and type(region) is str
            and (name is None or type(name) is str)
            and rid.strip()
            and rtype.strip()
            and region.strip()
            and all(key in _RESOURCE_KEYS for key in value)
        ):
            return inv.Resource(rid.strip(), rtype.strip(), region.strip(), name)
    data = _mapping(value, where)
    _no_unknown_keys(data, _RESOURCE_KEYS, where)
    return inv.Resource(
        id=_string(_required(data, "id", where), f"{where}.id"),
        type=_string(_required(data, "type", where), f"{where}.type"),
        region=_string(_required(data, "region", where), f"{where}.region"),
        name=_optional_string(data, "name", where),
    )


def _domain(value: object, where: str) -> inv.Domain:
    data = _mapping(value, where)
    _no_unknown_keys(data, ("name", "expires"), where)
    expires = data.get("expires")
    return inv.Domain(
        name=_string(_required(data, "name", where), f"{where}.name"),
        expires=None if expires is None else _date(expires, f"{where}.expires"),
    )


def _icp_filing(value: object, where: str) -> inv.IcpFiling:
    data = _mapping(value, where)
    _no_unknown_keys(data, ("number",), where)
    return inv.IcpFiling(number=_string(_required(data, "number", where), f"{where}.number"))


def _ram(value: object) -> inv.Ram:
    if value is None or value == "none":
        return inv.Ram(**{kind: () for kind in inv.RAM_KINDS})
    data = _mapping(value, "ram")
    _no_unknown_keys(data, inv.RAM_KINDS, "ram")
    return inv.Ram(**{kind: _optional_list(data, kind, "ram", _string) for kind in inv.RAM_KINDS})


_RELATIONSHIP_CHOICES = {
    "resource_directory": inv.RESOURCE_DIRECTORY_ROLES,
    "finance_trusteeship": inv.FINANCE_ROLES,
    "financial_management": inv.FINANCE_ROLES,
    "enterprise_multi_account": inv.ENTERPRISE_ROLES,
}


def _relationships(value: object) -> inv.Relationships:
    data = _mapping(value, "relationships")
    _no_unknown_keys(data, _RELATIONSHIP_CHOICES, "relationships")
    return inv.Relationships(
        **{
            key: _choice(data[key], choices, f"relationships.{key}")
            for key, choices in _RELATIONSHIP_CHOICES.items()
            if key in data
        }
    )


def _partner(value: object) -> inv.Partner:
    if value is None or value == "none":
        return inv.Partner(present=False)
    if isinstance(value, dict):
        _no_unknown_keys(value, ("name",), "partner")
        return inv.Partner(
            present=True, name=_string(_required(value, "name", "partner"), "partner.name")
        )
    raise FieldError("partner", f"expected none or a mapping with a name, got {value!r}")


_TOP_KEYS = (
    "schema",
    "account",
    "billing",
    "subscriptions",
    "resources",
    "domains",
    "icp_filings",
    "ram",
    "relationships",
    "partner",
)


def parse_inventory(document: object) -> inv.Inventory:
    """Validate a decoded document; raises FieldError at the first problem."""
    if not isinstance(document, dict):
        raise FieldError("top level", f"expected a mapping, got {_type_name(document)}")
    data = cast(dict[str, Any], document)
    schema = _required(data, "schema", "")
    if schema != inv.SCHEMA:
        raise FieldError("schema", f"unsupported {schema!r} (expected {inv.SCHEMA})")
    _no_unknown_keys(data, _TOP_KEYS, "")
    return inv.Inventory(
        account=_account(_required(data, "account", "")),
        billing=_billing(data["billing"]) if "billing" in data else inv.Billing(),
        subscriptions=_optional_list(data, "subscriptions", "", _subscription),
        resources=_optional_list(data, "resources", "", _resource),
        domains=_optional_list(data, "domains", "", _domain),
        icp_filings=_optional_list(data, "icp_filings", "", _icp_filing),
        ram=_ram(data["ram"]) if "ram" in data else inv.Ram(),
        relationships=(
            _relationships(data["relationships"])
            if "relationships" in data
            else inv.Relationships()
        ),
        partner=_partner(data["partner"]) if "partner" in data else None,
    )
