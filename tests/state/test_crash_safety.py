"""A writer killed (SIGKILL) at any moment leaves a state file that loads, old or new.

The kills happen in a fresh interpreter (crash_writer.py): forking the test process itself
is unsafe once other tests have started threads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from acctclose.state_store import StateStore
from tests.state.conftest import ROOT

KILLS = 200
DRIVER = Path(__file__).with_name("crash_writer.py")


def test_sigkilled_writer_always_leaves_old_or_new_content(state_dir: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(state_dir), str(KILLS), "4", "0.025"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == KILLS
    last = 0
    for kill, line in enumerate(lines):
        assert "error" not in line, (kill, line)
        if line["reported"] is not None:
            last = line["reported"]
        # Written but not yet reported when killed is fine; anything else is torn or lost.
        assert line["loaded"] in (last, last + 1), (kill, line, last)
        last = line["loaded"]
        assert line.get("backup", 0) <= line["loaded"]
    assert last > KILLS // 4, "the writers hardly wrote: the kills proved little"
    assert time.monotonic() - started < 60
    leftovers = [path.name for path in state_dir.iterdir() if path.name.endswith(".tmp")]
    assert len(leftovers) <= 2  # debris of the last kill only; the next writer removes it
    store = StateStore.open("1234567890123456", state_dir)
    assert store.load() is not None
    assert oct(os.stat(store.path).st_mode & 0o777) == "0o600"
