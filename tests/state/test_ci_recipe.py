"""The CI recipe of docs/ci.md works as written: statements recorded, the gate decided by
check's exit code, reports written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.state.conftest import EXAMPLES, ROOT

SCRIPT = ROOT / "examples" / "ci" / "closure-gate.sh"


@pytest.mark.parametrize(
    ("inventory", "code"),
    [("partly-known.yaml", 0), ("domains-and-icp.yaml", 3)],
)
def test_gate_records_statements_and_exits_with_the_verdict(
    tmp_path: Path, inventory: str, code: int
) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "INVENTORY": str(EXAMPLES / inventory),
    }
    env.pop("ACCTCLOSE_STATE_DIR", None)  # the script's own --state-dir must be used
    result = subprocess.run(
        ["bash", str(SCRIPT)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert (tmp_path / "reports" / "acctclose.xml").exists()
    assert (tmp_path / "reports" / "acctclose.json").exists()
    records = list((tmp_path / ".acctclose").glob("*.yaml"))
    assert len(records) == 1
    assert "statement partner = none" in records[0].read_text(encoding="utf-8")
