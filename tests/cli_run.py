"""Run the real `acctclose` command in a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "accounts"


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None):
    """`python -m acctclose ARGS`, output captured as text, never raising on exit codes."""
    return subprocess.run(
        [sys.executable, "-m", "acctclose", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120", **(env or {})},
        timeout=60,
    )
