"""The closure guide in code: one pure module per checklist area.

Each module declares its findings (`SPECS`) and a `check(context)` that turns facts
into findings. `evaluate` runs them all and returns the findings in the order of work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from types import ModuleType

from acctclose.inventory import Inventory
from acctclose.report import AREAS, Finding, FindingSpec
from acctclose.rules import (
    backup,
    billing,
    domains,
    icp,
    identity,
    partner,
    ram,
    relationships,
    resources,
    subscriptions,
)
from acctclose.rules.context import RuleContext

MODULES: tuple[ModuleType, ...] = (
    billing,
    backup,
    resources,
    subscriptions,
    domains,
    icp,
    relationships,
    partner,
    ram,
    identity,
)


def all_specs() -> list[FindingSpec]:
    specs = [spec for module in MODULES for spec in module.SPECS]
    return sorted(specs, key=lambda spec: (spec.step, AREAS.index(spec.area)))


def evaluate(
    inventory: Inventory, *, today: date, fx_rates: Mapping[str, Decimal] | None = None
) -> list[Finding]:
    """All findings for the facts, in the order of work (step, then area)."""
    context = RuleContext(inventory=inventory, today=today, fx_rates=dict(fx_rates or {}))
    checks: list[Callable[[RuleContext], list[Finding]]] = [module.check for module in MODULES]
    findings = [finding for check in checks for finding in check(context)]
    return sorted(findings, key=lambda finding: (finding.step, AREAS.index(finding.area)))
