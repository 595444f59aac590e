"""A writer killed (SIGKILL) at any moment leaves a state file that loads, old or new."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from acctclose.state import ItemRecord, State
from acctclose.state_document import load
from acctclose.state_store import StateStore

ACCOUNT = "1234567890123456"
KILLS = 200


def _counter(state: State) -> int:
    record = state.items.get("test.counter")
    return int(record.note) if record and record.note else 0


def _write_forever(directory: Path, report_fd: int) -> None:
    """The child: write version after version, telling the parent each one that completed."""
    store = StateStore.open(ACCOUNT, directory)
    with store.session("crash-test writer", site="china") as session:
        value = _counter(session.state)
        while True:
            value += 1

            def bump(state: State, now, command: str, value: int = value) -> None:
                state.items["test.counter"] = ItemRecord("done", now, str(value))
                # Some bulk, so the kill often lands in the middle of a write.
                state.items["test.padding"] = ItemRecord("done", now, "x" * (value % 4096))
                state.log(now, command, f"counter {value}")
                del state.events[:-3]

            session.change(bump)
            os.write(report_fd, f"{value}\n".encode())


def _run_child(directory: Path) -> tuple[int, list[int]]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_fd)
        try:
            _write_forever(directory, write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    return pid, [read_fd]


def _committed(read_fd: int) -> list[int]:
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    return [int(line) for line in data.decode().split("\n")[:-1] if line]


def test_sigkilled_writer_always_leaves_old_or_new_content(state_dir: Path) -> None:
    rng = random.Random(4)
    store = StateStore.open(ACCOUNT, state_dir)
    last = 0
    started = time.monotonic()
    for _ in range(KILLS):
        pid, (read_fd,) = _run_child(state_dir)
        time.sleep(rng.uniform(0, 0.012))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reported = _committed(read_fd)
        if reported:
            last = reported[-1]
        state = store.load()
        value = 0 if state is None else _counter(state)
        # Completed but not yet reported is fine; anything else is torn or lost.
        assert value in (last, last + 1), (value, last)
        last = value
        backup = store.paths.backup
        if backup.exists():
            previous = load(backup.read_text(encoding="utf-8"), backup)
            assert _counter(previous) <= value
    assert time.monotonic() - started < 30
    assert last > 0, "the writer never completed a write: the test proves nothing"
    leftovers = [p.name for p in state_dir.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 2  # debris of the last kill only; the next writer removes it
    assert oct(os.stat(store.path).st_mode & 0o777) == "0o600"
