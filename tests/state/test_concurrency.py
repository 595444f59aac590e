"""Many runs recording at once: the lock serialises them, and no change is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acctclose.state_file import ENV_LOCK_TIMEOUT, LockTimeout, StatePaths, locked
from acctclose.state_store import StateStore
from tests.state.conftest import EXAMPLES, ROOT

ACCOUNT = "1234567890123456"
WRITERS = 10
CHANGES_EACH = 5

_WRITER = """
import sys
from acctclose.state_store import StateStore
store = StateStore.open(sys.argv[1], sys.argv[2])
for i in range(int(sys.argv[4])):
    with store.session("writer " + sys.argv[3], site="china") as session:
        change = f"writer {sys.argv[3]} change {i}"
        session.change(lambda state, now, cmd: state.set_statement(
            "partner", f"P{sys.argv[3]}-{i}", None, now, cmd))
        session.change(lambda state, now, cmd: state.log(now, cmd, change))
"""


def test_many_processes_recording_at_once_lose_nothing(state_dir: Path) -> None:
    env = {**os.environ, ENV_LOCK_TIMEOUT: "60"}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, ACCOUNT, str(state_dir), str(n), str(CHANGES_EACH)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    state = StateStore.open(ACCOUNT, state_dir).load()
    assert state is not None
    changes = {event.change for event in state.events}
    for n in range(WRITERS):
        for i in range(CHANGES_EACH):
            assert f"writer {n} change {i}" in changes
            assert f"statement partner = P{n}-{i}" in changes
    assert len(state.events) == WRITERS * CHANGES_EACH * 2


def test_concurrent_prepare_runs_each_keep_their_statement(state_dir: Path) -> None:
    inventory = EXAMPLES / "partly-known.yaml"
    env = {**os.environ, ENV_LOCK_TIMEOUT: "60"}
    runs = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "acctclose", "prepare", "--from", str(inventory)),
                *("--state", f"partner=Reseller {n}", "--done", f"backup.export=run {n}"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for n in range(6)
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    state = StateStore.open("1000000000000008", state_dir).load()
    assert state is not None
    changes = [event.change for event in state.events]
    for n in range(6):
        assert f"statement partner = Reseller {n}" in changes
        assert f"item backup.export: done (run {n})" in changes
    assert changes.count("record started") == 1


def test_second_run_waits_a_bounded_time_then_names_the_holder(state_dir: Path) -> None:
    paths = StatePaths(state_dir, ACCOUNT)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from acctclose.state_file import StatePaths, locked\n"
            "from pathlib import Path\n"
            "with locked(StatePaths(Path(sys.argv[1]), sys.argv[2]), 'acctclose prepare'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(state_dir),
            ACCOUNT,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(LockTimeout) as error, locked(paths, "acctclose status", timeout=0.3):
            pass
        waited = time.monotonic() - started
        assert 0.3 <= waited < 3
        message = str(error.value)
        assert f"pid {holder.pid} (acctclose prepare)" in message
        assert str(paths.state) in message
    finally:
        holder.kill()
        holder.wait()
    with locked(paths, "after"):  # the lock dies with its holder
        pass
