"""Where bills come from: only the live source can read them (an inventory file holds none).

The live source plugs in by providing `acctclose.sources.live.bills.open_bill_source`:

    def open_bill_source(options: SourceOptions) -> BillSource | None

returning an object with `bill_rows(cycle)` (for example from BSS `QuerySettleBill`,
all pages, one dict per bill item with the API's field names). Until it exists, or
with `--from`, bills are reported as skipped rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol

from acctclose.sources import SourceOptions


class BillSource(Protocol):
    def bill_rows(self, cycle: str) -> Iterable[Mapping[str, object]]:
        """The bill items of one billing cycle (YYYY-MM); AcctcloseError when unreadable."""
        ...


def bill_source_for(options: SourceOptions) -> BillSource | None:
    if options.from_file is not None:
        return None
    try:
        from acctclose.sources.live.bills import open_bill_source
    except ImportError:
        return None
    source: BillSource | None = open_bill_source(options)
    return source


def billing_cycles(today: date, count: int) -> list[str]:
    """The last `count` complete billing cycles before today's month, newest first."""
    cycles = []
    year, month = today.year, today.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        cycles.append(f"{year:04d}-{month:02d}")
    return cycles
