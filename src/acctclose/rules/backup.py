"""Backup: export what cannot be recovered after closure."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext

EXPORT = FindingSpec(
    id="backup.export",
    area="backup",
    step=1,
    severities=(Severity.ADVISORY,),
    summary="Export bills, orders, invoices, configurations and logs: after closure they are "
    "deleted and cannot be recovered.",
    source='Closure guide, Data and credential backup: "Batch export all historical bills, orders, '
    'and invoices from Expenses and Costs for audit purposes." and "Export critical configuration '
    'information and operation logs."',
    action="Expenses and Costs › Bills / Orders / Invoices › Export; export configurations and "
    "ActionTrail logs from each product's console.",
)

SPECS = (EXPORT,)


def check(context: RuleContext) -> list[Finding]:
    return [
        Finding(
            EXPORT,
            Severity.ADVISORY,
            "Export bills, orders, invoices, configurations and logs",
            "All resource instances, funds, bills and invoices are deleted with the account.",
        )
    ]
