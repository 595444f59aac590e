"""The timeline: when closure can be initiated, counted in business days from today."""

from __future__ import annotations

from datetime import date

from acctclose.business_days import add_business_days
from acctclose.inventory import Inventory
from acctclose.report import Timeline

# Closure guide, "How long does the process take?"
WORKLOAD_DAYS = (2, 5)
DOMAIN_ICP_DAYS = (7, 15)

COOL_DOWN = (
    "Then a cool-down of several days: it cannot be shortened, and its end date comes by SMS "
    "(its length depends on the billing cycles of resources used in the last month)."
)


def _has(items: tuple[object, ...] | None) -> bool | None:
    return None if items is None else bool(items)


def _any_known(*flags: bool | None) -> bool | None:
    if any(flag is True for flag in flags):
        return True
    return None if any(flag is None for flag in flags) else False


def estimate(inventory: Inventory, today: date) -> Timeline:
    """Earliest and latest dates to initiate closure; an unknown counts as the longer case."""
    subscriptions = inventory.subscriptions
    active = None if subscriptions is None else tuple(s for s in subscriptions if not s.ended)
    workloads = _any_known(_has(inventory.resources), _has(active))
    domains_or_icp = _any_known(_has(inventory.domains), _has(inventory.icp_filings))
    site = inventory.account.site
    calendar = "mainland China public holidays" if site == "china" else "weekends only"
    low, high = 0, 0
    basis = [f"Counted in business days from {today.isoformat()} ({calendar})."]
    if workloads is False:
        basis.append("No workloads: initiating closure takes minutes.")
    else:
        low, high = WORKLOAD_DAYS
        why = "Workloads deployed" if workloads else "Workloads not established (assumed present)"
        basis.append(f"{why}: 2-5 business days to back up, migrate and release.")
    if domains_or_icp is not False:
        low, high = low + DOMAIN_ICP_DAYS[0], high + DOMAIN_ICP_DAYS[1]
        why = (
            "Domain names or ICP filings held"
            if domains_or_icp
            else "Domain names or ICP filings not established (assumed present)"
        )
        basis.append(f"{why}: 7-15 more business days for transfers and cancellations.")
    basis.append(COOL_DOWN)
    return Timeline(
        earliest_close=add_business_days(today, low, site).isoformat(),
        latest_close=add_business_days(today, high, site).isoformat(),
        basis=tuple(basis),
    )
