"""Money and prepaid instances, from BSS OpenAPI: balance, unpaid bills over the past year,
this month's charges not yet billed, and subscription instances."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from acctclose.inventory import SUBSCRIPTION_STATUSES, Billing, Subscription
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.paging import by_page_number
from acctclose.sources.live.retry import CallFailed, ResponseError, Unreadable

AREA = "billing"
# Alibaba Cloud's billing cycles follow Beijing time on both sites.
BILLING_TZ = timezone(timedelta(hours=8))
# An unpaid bill from last year counts as much as this month's: read this cycle and 12 before.
LOOKBACK_CYCLES = 12
INSTANCES_PAGE_SIZE = 300


def bss_body(ctx: LiveContext, api: str, fn: Any) -> dict[str, Any]:
    """BSS wraps results: HTTP 200 with Success false is still a failure."""
    body = ctx.call("bss", api, fn)
    if body.get("Success") is False:
        raise CallFailed("bss", api, str(body.get("Code") or "Success=false"))
    data = body.get("Data")
    if not isinstance(data, dict):
        raise ResponseError("bss", api, "no Data")
    return data


def amount(value: object, api: str) -> Decimal:
    if isinstance(value, bool) or value is None or value == "":
        raise ResponseError("bss", api, f"amount {value!r}")
    try:
        # repr() of a float is its shortest round-trip text (25.3, not 25.29999...).
        result = Decimal(repr(value) if isinstance(value, float) else str(value).replace(",", ""))
    except InvalidOperation:
        raise ResponseError("bss", api, f"amount {value!r}") from None
    if not result.is_finite():
        raise ResponseError("bss", api, f"amount {value!r}")
    return result


@dataclass(frozen=True, slots=True)
class Balance:
    currency: str
    available_cash: Decimal
    arrears: Decimal  # a negative AvailableAmount: the account owes this much


@dataclass(frozen=True, slots=True)
class Bills:
    currencies: frozenset[str]
    outstanding: Decimal
    unbilled: Decimal


def read_billing(ctx: LiveContext) -> Billing:
    """Each figure that cannot be read stays None; the reason is noted for the report."""
    balance = bills = None
    try:
        balance = read_balance(ctx)
    except Unreadable as error:
        ctx.note(AREA, error.reason)
    try:
        bills = read_bills(ctx)
    except Unreadable as error:
        ctx.note(AREA, error.reason)
    currencies = set(bills.currencies) if bills else set()
    if balance:
        currencies.add(balance.currency)
    if len(currencies) > 1:
        ctx.note(AREA, f"amounts in more than one currency ({', '.join(sorted(currencies))})")
        return Billing(
            currency=balance.currency if balance else None,
            available_cash=balance.available_cash if balance else None,
        )
    currency = next(iter(currencies), None)
    outstanding = unbilled = None
    if bills is not None and currency is not None:
        outstanding = bills.outstanding
        unbilled = bills.unbilled
    elif bills is not None:
        ctx.note(AREA, "the bills' currency is not established")
    if outstanding is not None and balance is not None:
        # The unpaid bills and a negative balance describe the same debt: take the larger.
        outstanding = max(outstanding, balance.arrears)
    return Billing(
        currency=currency,
        available_cash=balance.available_cash if balance else None,
        outstanding=outstanding,
        unbilled=unbilled,
    )


def read_balance(ctx: LiveContext) -> Balance:
    api = "QueryAccountBalance"
    data = bss_body(ctx, api, ctx.clients.bss().query_account_balance)
    currency = str(data.get("Currency") or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ResponseError("bss", api, f"currency {data.get('Currency')!r}")
    cash = amount(data.get("AvailableCashAmount"), api)
    available = amount(data.get("AvailableAmount"), api)
    return Balance(currency, max(cash, Decimal(0)), max(-available, Decimal(0)))


def billing_cycles(now: datetime, lookback: int = LOOKBACK_CYCLES) -> list[str]:
    """This billing cycle first, then the `lookback` before it, as YYYY-MM."""
    local = now.astimezone(BILLING_TZ)
    year, month = local.year, local.month
    cycles = []
    for _ in range(lookback + 1):
        cycles.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return cycles


def read_bills(ctx: LiveContext) -> Bills:
    """Unpaid amounts over the past year; this cycle's pay-as-you-go charges as unbilled."""
    from alibabacloud_bssopenapi20171214.models import QueryBillOverviewRequest

    api = "QueryBillOverview"
    bss = ctx.clients.bss()
    cycles = billing_cycles(ctx.now)

    def items_of(cycle: str) -> list[dict[str, Any]]:
        request = QueryBillOverviewRequest(billing_cycle=cycle)
        data = bss_body(ctx, api, lambda: bss.query_bill_overview(request))
        items = (data.get("Items") or {}).get("Item") or []
        if not isinstance(items, list):
            raise ResponseError("bss", api, "Items.Item is not a list")
        return items

    per_cycle = ctx.map(items_of, cycles)
    currencies: set[str] = set()
    outstanding = unbilled = Decimal(0)
    for index, items in enumerate(per_cycle):
        for item in items:
            if item.get("Currency"):
                currencies.add(str(item["Currency"]).upper())
            outstanding += amount(item.get("OutstandingAmount") or 0, api)
            # Fail closed: any charge of this cycle not prepaid may still await billing.
            if index == 0 and item.get("SubscriptionType") != "Subscription":
                unbilled += amount(item.get("PretaxAmount") or 0, api)
    return Bills(frozenset(currencies), max(outstanding, Decimal(0)), max(unbilled, Decimal(0)))


def read_subscriptions(ctx: LiveContext) -> tuple[Subscription, ...]:
    from alibabacloud_bssopenapi20171214.models import QueryAvailableInstancesRequest

    api = "QueryAvailableInstances"
    bss = ctx.clients.bss()

    def page(number: int) -> tuple[list[dict[str, Any]], int]:
        request = QueryAvailableInstancesRequest(
            subscription_type="Subscription", page_num=number, page_size=INSTANCES_PAGE_SIZE
        )
        data = bss_body(ctx, api, lambda: bss.query_available_instances(request))
        instances = data.get("InstanceList") or []
        if not isinstance(instances, list):
            raise ResponseError("bss", api, "InstanceList is not a list")
        ctx.progress.advance("subscriptions", len(instances))
        return instances, int(data.get("TotalCount") or 0)

    instances = by_page_number(ctx, "bss", api, page, INSTANCES_PAGE_SIZE)
    return tuple(
        _subscription(instance, api)
        for instance in instances
        if instance.get("SubscriptionType") == "Subscription"
    )


def _subscription(instance: dict[str, Any], api: str) -> Subscription:
    instance_id = str(instance.get("InstanceID") or "").strip()
    status = str(instance.get("Status") or "")
    if not instance_id:
        raise ResponseError("bss", api, "an instance without InstanceID")
    if status not in SUBSCRIPTION_STATUSES:
        # Fail closed: a status we cannot place could be a live instance.
        raise Unreadable(f"{api}: unrecognised Status {status!r} of instance {instance_id}")
    return Subscription(
        id=instance_id,
        status=status,
        product=str(instance["ProductCode"]) if instance.get("ProductCode") else None,
        region=str(instance["Region"]) if instance.get("Region") else None,
        end_time=_moment(instance.get("EndTime")),
    )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
