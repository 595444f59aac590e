"""The check as a library call: facts in, report out. The CLI only parses and renders."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

from acctclose.inventory import Inventory
from acctclose.report import Report
from acctclose.rules import evaluate
from acctclose.timeline import estimate


def build_report(
    inventory: Inventory,
    *,
    source: str,
    today: date | None = None,
    now: datetime | None = None,
    fx_rates: Mapping[str, Decimal] | None = None,
) -> Report:
    now = now or datetime.now(UTC)
    today = today or now.date()
    return Report(
        generated_at=now,
        source=source,
        account_id=inventory.account.id,
        site=inventory.account.site,
        findings=tuple(evaluate(inventory, today=today, fx_rates=fx_rates)),
        timeline=estimate(inventory, today),
    )
