"""How `check` uses the owner's record: statements laid over the facts, the summary kept.

Only when a record exists for the account; `check` never starts one. A record that
cannot be read is an error (exit 1): a check that silently ignored the owner's
statements would report differently from `prepare` and `status`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from acctclose.inventory import Inventory
from acctclose.report import Report
from acctclose.state_file import StateError
from acctclose.state_store import StateStore
from acctclose.statements import apply_statements

# check must not hang behind an interactive prepare: wait briefly, then leave the record be.
RECORD_WAIT_SECONDS = 2.0


def with_recorded_statements(
    inventory: Inventory, state_dir: Path | None
) -> tuple[Inventory, StateStore | None]:
    """The facts with the owner's statements applied, and the record's store (None: no record)."""
    store = StateStore.open(inventory.account.id, state_dir)
    if not store.exists():
        return inventory, None
    state = store.load()
    if state is None or not state.statements:
        return inventory, store
    overlay = apply_statements(inventory, state.statement_values())
    if overlay.applied:
        _note(f"using your statements from {store.path}: {', '.join(overlay.applied)}")
    for conflict in overlay.conflicts:
        _note(str(conflict))
    return overlay.inventory, store


def remember_check(store: StateStore | None, report: Report) -> None:
    """Keep the check's summary in the record (for `status`); best effort, never fatal."""
    if store is None:
        return
    try:
        with store.session("acctclose check", timeout=RECORD_WAIT_SECONDS) as session:
            session.change(lambda state, now, cmd: state.set_last_check(report, now, cmd))
    except StateError as error:
        _note(f"the record was not updated: {error}")


def _note(message: str) -> None:
    sys.stderr.write(f"acctclose: note: {message}\n")
