"""A live table of members while a run works through them: on a terminal's stderr only.

Hundreds of members do not fit on a screen, so the table shows the count per phase and
the members still being worked on (most recent first); the summary comes after."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any, Protocol

DONE_PHASES = frozenset(
    {
        "allowed",
        "blocked",
        "incomplete",
        "deleted",
        "already_deleted",
        "deleting",
        "silence_period",
        "delete_failed",
        "check_failed",
        "not_abandoned",
        "not_confirmed",
    }
)
VISIBLE_ROWS = 12


class MemberProgress(Protocol):
    def update(self, member_id: str, phase: str, detail: str = "") -> None: ...


class NoProgress:
    def update(self, member_id: str, phase: str, detail: str = "") -> None:
        pass


class LiveMemberTable:
    """Rich Live on stderr, transient: only the report stays on screen."""

    def __init__(self, total: int, title: str) -> None:
        from rich.console import Console
        from rich.live import Live

        self.total = total
        self.title = title
        self._rows: dict[str, tuple[str, str, float]] = {}
        self._lock = threading.Lock()
        self._live = Live(
            console=Console(stderr=True),
            transient=True,
            refresh_per_second=4,
            get_renderable=self._render,
        )

    def __enter__(self) -> LiveMemberTable:
        self._live.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._live.stop()

    def update(self, member_id: str, phase: str, detail: str = "") -> None:
        with self._lock:
            self._rows[member_id] = (phase, detail, time.monotonic())

    def _render(self) -> Any:
        from rich.table import Table

        with self._lock:
            rows = dict(self._rows)
        done = sum(1 for phase, _, _ in rows.values() if phase in DONE_PHASES)
        counts: dict[str, int] = {}
        for phase, _, _ in rows.values():
            counts[phase] = counts.get(phase, 0) + 1
        summary = ", ".join(f"{phase} {count}" for phase, count in sorted(counts.items()))
        table = Table(
            title=f"{self.title}: {done}/{self.total} done" + (f" ({summary})" if summary else ""),
            title_justify="left",
            expand=False,
        )
        table.add_column("member")
        table.add_column("phase")
        table.add_column("detail", overflow="ellipsis", no_wrap=True, max_width=70)
        active = sorted(
            ((m, row) for m, row in rows.items() if row[0] not in DONE_PHASES),
            key=lambda item: -item[1][2],
        )
        for member_id, (phase, detail, _) in active[:VISIBLE_ROWS]:
            table.add_row(member_id, phase, detail)
        if len(active) > VISIBLE_ROWS:
            table.add_row("…", f"{len(active) - VISIBLE_ROWS} more", "")
        return table
