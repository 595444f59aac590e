"""Every member's progress in the management account's record (one YAML file per account).

The run holds the record's lock from start to end, so two runs never interleave their
writes; workers report from many threads, and each change is written at once (a run cut
short keeps every member's progress up to its last completed step)."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from acctclose.members.model import MemberOutcome
from acctclose.state import MemberRecord, State
from acctclose.state_store import Session, StateStore

# A busy record (an interactive prepare) should not hold up a run for long.
LOCK_WAIT_SECONDS = 10.0


class MemberRecorder:
    """Keeps members' progress; `None` store means no record (tests of the library alone)."""

    def __init__(self, store: StateStore | None, command: str) -> None:
        self.store = store
        self.command = command
        self._session_cm: Any = None
        self._session: Session | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_account(cls, account_id: str, state_dir: Path | None, command: str) -> MemberRecorder:
        return cls(StateStore.open(account_id, state_dir), command)

    def __enter__(self) -> MemberRecorder:
        if self.store is not None:
            self._session_cm = self.store.session(self.command, timeout=LOCK_WAIT_SECONDS)
            self._session = self._session_cm.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._session_cm is not None:
            self._session_cm.__exit__(kind, error, trace)
            self._session_cm = self._session = None

    def previous(self, member_id: str) -> MemberRecord | None:
        with self._lock:
            if self._session is None:
                return None
            return self._session.state.members.get(member_id)

    def note(self, member_id: str, status: str, **fields: Any) -> None:
        """Record where a member stands now; fields not given keep their recorded value."""
        with self._lock:
            if self._session is None:
                return
            session = self._session

            def change(state: State, now: Any, command: str) -> None:
                old = state.members.get(member_id)
                base = old or MemberRecord(status=status, at=now)
                values = {k: v for k, v in fields.items() if k in MemberRecord.__slots__}
                if values.get("display_name") == "":
                    values["display_name"] = None
                record = replace(
                    base,
                    status=status,
                    at=now,
                    note=fields.get("note"),
                    **{k: v for k, v in values.items() if k != "note"},
                )
                state.set_member(member_id, record, command)

            session.change(change)

    def outcome(self, result: MemberOutcome) -> None:
        """The end of a member's run, with what its check said."""
        fields: dict[str, Any] = {
            "display_name": result.display_name,
            "note": result.detail or None,
        }
        if result.check is not None:
            fields["blocking"] = [item.check_id for item in result.check.not_allowed]
            fields["abandonable"] = [item.check_id for item in result.check.abandonable]
        if result.deletion is not None and result.deletion.deletion_type is not None:
            fields["deletion_type"] = result.deletion.deletion_type
        if result.outcome in ("delete_failed", "check_failed"):
            # That attempt is over: a later run may check and submit again.
            fields["submitted_at"] = None
        self.note(result.account_id, result.outcome, **fields)
