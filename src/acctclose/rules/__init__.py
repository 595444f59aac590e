"""The closure guide in code: one pure module per checklist area.

Each module declares its findings (`SPECS`) and a `check(context)` that turns facts
into findings. `evaluate` runs them all and returns the findings in the order of work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import ModuleType

from acctclose.inventory import Inventory
from acctclose.report import AREAS, Finding, FindingSpec, Severity
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
    findings = [_with_unknown_reason(finding, inventory) for finding in findings]
    return sorted(findings, key=lambda finding: (finding.step, AREAS.index(finding.area)))


def _with_unknown_reason(finding: Finding, inventory: Inventory) -> Finding:
    """An unknown finding names why its area could not be read (the API and its error code)."""
    reason = inventory.unknown_reasons.get(finding.area)
    if finding.severity is not Severity.UNKNOWN or not reason:
        return finding
    detail = f"{finding.detail} Could not be read: {reason}".strip()
    return replace(finding, detail=detail, evidence={**finding.evidence, "unknown_reason": reason})
