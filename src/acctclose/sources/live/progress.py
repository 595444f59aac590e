"""Progress per area while the live source reads: Rich on a terminal's stderr, else nothing."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, Protocol


class ProgressSink(Protocol):
    def start(self, area: str, total: int | None = None) -> None: ...
    def advance(self, area: str, amount: int = 1, total: int | None = None) -> None: ...
    def finish(self, area: str, ok: bool) -> None: ...


class NoProgress:
    def start(self, area: str, total: int | None = None) -> None:
        pass

    def advance(self, area: str, amount: int = 1, total: int | None = None) -> None:
        pass

    def finish(self, area: str, ok: bool) -> None:
        pass


class RichProgress:
    """One line per area on stderr; transient, so the report is all that stays on screen."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description:<14}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[state]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._tasks: dict[str, Any] = {}
        self._done: dict[str, tuple[int, int | None]] = {}  # area -> (completed, total)
        self._lock = threading.Lock()

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def start(self, area: str, total: int | None = None) -> None:
        with self._lock:
            self._tasks[area] = self._progress.add_task(area, total=total, state="reading")
            self._done[area] = (0, total)

    def advance(self, area: str, amount: int = 1, total: int | None = None) -> None:
        with self._lock:
            task = self._tasks.get(area)
            if task is not None:
                completed, known = self._done[area]
                self._done[area] = (completed + amount, total if total is not None else known)
                self._progress.update(task, completed=completed + amount, total=self._done[area][1])

    def finish(self, area: str, ok: bool) -> None:
        with self._lock:
            task = self._tasks.get(area)
            if task is not None:
                completed, total = self._done[area]
                final = max(completed, total or 0, 1)
                self._progress.update(
                    task, total=final, completed=final, state="done" if ok else "unknown"
                )
