"""The crash test's driver, run in a fresh interpreter (no threads, so fork is safe): fork a
writer, kill it (SIGKILL) at a random moment, load the record, and report one JSON line per
kill: what the writer had reported as written, and what the file holds now."""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from acctclose.state import ItemRecord, State
from acctclose.state_document import load
from acctclose.state_store import StateStore

ACCOUNT = "1234567890123456"


def counter(state: State | None) -> int:
    record = state.items.get("test.counter") if state else None
    return int(record.note) if record and record.note else 0


def write_forever(directory: Path, report_fd: int) -> None:
    store = StateStore.open(ACCOUNT, directory)
    with store.session("crash-test writer", site="china") as session:
        value = counter(session.state)
        while True:
            value += 1

            def bump(state: State, now: datetime, command: str, value: int = value) -> None:
                state.items["test.counter"] = ItemRecord("done", now, str(value))
                # Some bulk, so a kill often lands in the middle of a write.
                state.items["test.padding"] = ItemRecord("done", now, "x" * (value % 4096))
                state.log(now, command, f"counter {value}")
                del state.events[:-3]

            session.change(bump)
            os.write(report_fd, f"{value}\n".encode())


def reported(read_fd: int) -> list[int]:
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    return [int(line) for line in data.decode().split("\n") if line]


def main(directory: Path, kills: int, seed: int, max_delay: float) -> None:
    rng = random.Random(seed)
    store = StateStore.open(ACCOUNT, directory)
    for _ in range(kills):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                write_forever(directory, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        written = reported(read_fd)
        line: dict[str, object] = {"reported": written[-1] if written else None}
        try:
            line["loaded"] = counter(store.load())
            backup = store.paths.backup
            if backup.exists():
                line["backup"] = counter(load(backup.read_text(encoding="utf-8"), backup))
        except Exception as error:  # report it: the test fails with the reason
            line["error"] = f"{type(error).__name__}: {error}"
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
