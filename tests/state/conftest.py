"""Every test here keeps its records in its own temporary state directory, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acctclose.state_file import ENV_STATE_DIR

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "accounts"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python3"


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "state"
    monkeypatch.setenv(ENV_STATE_DIR, str(directory))
    monkeypatch.setenv("COLUMNS", "120")
    return directory


@pytest.fixture
def cli_env(state_dir: Path) -> dict[str, str]:
    return {**os.environ, ENV_STATE_DIR: str(state_dir), "COLUMNS": "120"}
