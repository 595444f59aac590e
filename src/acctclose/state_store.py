"""Reading and changing one account's record: load without a lock, change only under it.

    store = StateStore.open(account_id, state_dir=None)
    with store.session("acctclose prepare") as session:   # waits for the lock, bounded
        session.change(lambda state, now, cmd: state.set_item("billing.outstanding", "done",
                                                               None, now, cmd))

Each `change` is written at once, so an interrupted run keeps everything up to its
last completed change. Readers need no lock: writes replace the file atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from acctclose.state import State, utc_now
from acctclose.state_document import dump, load
from acctclose.state_file import (
    StateError,
    StatePaths,
    command_line,
    locked,
    read_state_text,
    state_dir,
    write_state_text,
)

Change = Callable[[State, datetime, str], None]


class StateStore:
    def __init__(self, paths: StatePaths, clock: Callable[[], datetime] = utc_now) -> None:
        self.paths = paths
        self.clock = clock

    @classmethod
    def open(
        cls,
        account_id: str,
        directory: str | os.PathLike[str] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> StateStore:
        return cls(StatePaths(state_dir(directory), account_id), clock)

    @property
    def path(self) -> Path:
        return self.paths.state

    def exists(self) -> bool:
        return self.paths.state.exists() or self.paths.state.is_symlink()

    def load(self) -> State | None:
        """The record, or None when the account has none yet. StateError when it is unusable."""
        text = read_state_text(self.paths.state)
        if text is None:
            return None
        state = load(text, self.paths.state)
        if state.account_id != self.paths.account_id:
            raise StateError(
                f"{self.paths.state}: holds account {state.account_id}, not "
                f"{self.paths.account_id} (a file renamed by hand?)"
            )
        return state

    @contextmanager
    def session(
        self, command: str | None = None, site: str | None = None, timeout: float | None = None
    ) -> Iterator[Session]:
        """Hold the lock; the record is loaded (or started) once the lock is ours."""
        command = command or command_line()
        with locked(self.paths, command, timeout):
            state = self.load() or State.new(self.paths.account_id, site, self.clock())
            yield Session(self, state, command)


class Session:
    """The record while this run holds its lock."""

    def __init__(self, store: StateStore, state: State, command: str) -> None:
        self.store = store
        self.state = state
        self.command = command

    def change(self, change: Change) -> State:
        """Apply one change and write the record at once (the change logs its own event)."""
        change(self.state, self.store.clock(), self.command)
        write_state_text(self.store.paths, dump(self.state))
        return self.state

    def save(self) -> None:
        write_state_text(self.store.paths, dump(self.state))
