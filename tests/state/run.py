"""Run `acctclose` as a subprocess with the test's state directory."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.state.conftest import ROOT


def acctclose(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, stdin not a terminal (unless a test gives input), never raising."""
    return subprocess.run(
        [sys.executable, "-m", "acctclose", *args],
        capture_output=True,
        text=True,
        input=stdin if stdin is not None else "",
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "120"},
        timeout=60,
    )
