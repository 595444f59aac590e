"""What an export writes: one part per file, each producing its own text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from acctclose.export.bills import BillSource, billing_cycles
from acctclose.inventory import Inventory


@dataclass(frozen=True, slots=True)
class ExportPart:
    name: str  # file name inside the export folder
    what: str  # for people: "bills 2026-10"
    produce: Callable[[], str]


@dataclass(frozen=True, slots=True)
class ExportPlan:
    parts: list[ExportPart]
    skipped: list[str] = field(default_factory=list)  # what cannot be exported, and why


def plan_export(
    inventory: Inventory, bills: BillSource | None, *, cycles: int, today: date
) -> ExportPlan:
    parts: list[ExportPart] = []
    skipped: list[str] = []
    if bills is None:
        skipped.append(
            f"bills of the last {cycles} billing cycles: only the live source reads bills "
            "(an inventory file holds none); export them in Expenses and Costs › Bills, or run "
            "`acctclose prepare --export DIR` without --from"
        )
    else:
        for cycle in billing_cycles(today, cycles):
            parts.append(
                ExportPart(
                    f"bills/{cycle}.csv",
                    f"bills {cycle}",
                    partial(_bills_csv, bills, cycle),
                )
            )
    tables: list[tuple[str, Sequence[Any] | None, Callable[[Any], dict[str, Any]]]] = [
        ("subscriptions", inventory.subscriptions, _subscription_row),
        ("resources", inventory.resources, _resource_row),
    ]
    for name, records, to_row in tables:
        columns = _COLUMNS[name]
        if records is None:
            skipped.append(f"{name}: not established by the source, nothing to export")
            continue
        rows = [to_row(record) for record in records]
        parts.append(
            ExportPart(
                f"{name}.csv",
                f"{name} (CSV)",
                partial(to_csv, rows, columns),
            )
        )
        parts.append(ExportPart(f"{name}.json", f"{name} (JSON)", partial(to_json, rows)))
    return ExportPlan(parts, skipped)


def _bills_csv(bills: BillSource, cycle: str) -> str:
    return to_csv(list(bills.bill_rows(cycle)))


_COLUMNS = {
    "subscriptions": ("id", "product", "region", "status", "end_time"),
    "resources": ("id", "type", "region", "name"),
}


def _subscription_row(sub: Any) -> dict[str, Any]:
    return {
        "id": sub.id,
        "product": sub.product,
        "region": sub.region,
        "status": sub.status,
        "end_time": sub.end_time.isoformat() if sub.end_time else None,
    }


def _resource_row(resource: Any) -> dict[str, Any]:
    return {
        "id": resource.id,
        "type": resource.type,
        "region": resource.region,
        "name": resource.name,
    }


def to_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str] = ()) -> str:
    """CSV with the given columns first, then any other key in order of appearance."""
    rows = list(rows)
    columns = list(dict.fromkeys([*columns, *(key for row in rows for key in row)]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def to_json(rows: Sequence[Mapping[str, object]]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str) + "\n"
