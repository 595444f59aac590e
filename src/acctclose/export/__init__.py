"""Backups before closure: bills, subscriptions and the resource inventory, written to a folder.

`plan_export` lists the files (parts) that can be written from what is at hand and says
what has to be skipped; `run_export` writes them one by one, resumably (see runner.py).
"""

from acctclose.export.bills import BillSource, bill_source_for, billing_cycles
from acctclose.export.plan import ExportPart, ExportPlan, plan_export
from acctclose.export.runner import ExportResult, run_export

__all__ = [
    "BillSource",
    "ExportPart",
    "ExportPlan",
    "ExportResult",
    "bill_source_for",
    "billing_cycles",
    "plan_export",
    "run_export",
]
