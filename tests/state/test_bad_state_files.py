"""A broken record: one clear line naming file and line, exit 1, and the file left untouched.

Each file in bad_states/ is a hand-broken record; the table says what the error must say.
Every command that touches the record (prepare would write, check and status read) refuses.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acctclose.cli.app import app
from tests.state.conftest import EXAMPLES

HERE = Path(__file__).parent
ACCOUNT = "1000000000000008"  # the account of examples/accounts/partly-known.yaml
INVENTORY = str(EXAMPLES / "partly-known.yaml")

# file -> (line named in the error or None, what the error says)
CASES = {
    "syntax-error.yaml": (5, "invalid YAML"),
    "newer-schema.yaml": (1, "written by a newer acctclose (version 99"),
    "schema-not-a-number.yaml": (1, "schema_version: expected a number"),
    "unknown-stage.yaml": (5, "stage: expected one of preparing"),
    "item-bad-status.yaml": (11, "items.backup.export.status: expected one of done"),
    "statement-wrong-type.yaml": (16, "statements.icp_filings.value: expected none or a list"),
    "waived-without-reason.yaml": (13, "a waived item needs its reason"),
    "bad-time.yaml": (6, "created_at: expected a time"),
    "bad-cool-down-date.yaml": (8, "cool_down_ends: expected a date"),
    "last-check-not-mapping.yaml": (19, "last_check: expected a mapping"),
    "unknown-key.yaml": (30, "secrets: unknown key"),
    "empty.yaml": (1, "empty state file"),
    "not-a-mapping.yaml": (1, "expected a mapping, got list"),
    "other-account.yaml": (None, "holds account 1000000000000009, not 1000000000000008"),
}

COMMANDS = {
    "prepare": ["prepare", "--from", INVENTORY, "--state", "partner=none", "--done=backup.export"],
    "check": ["check", "--from", INVENTORY, "--format", "json"],
    "status": ["status", "--format", "json"],
}


def test_every_bad_file_has_a_case() -> None:
    assert {path.name for path in (HERE / "bad_states").glob("*.yaml")} == set(CASES)


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir() if path.is_file()}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", CASES)
def test_bad_state_file_is_one_clear_error_and_left_untouched(
    state_dir: Path, name: str, command: str
) -> None:
    state_dir.mkdir(mode=0o700)
    target = state_dir / f"{ACCOUNT}.yaml"
    shutil.copyfile(HERE / "bad_states" / name, target)
    before = _snapshot(state_dir)
    result = CliRunner().invoke(app, COMMANDS[command])
    assert result.exit_code == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line, says = CASES[name]
    assert lines[0].startswith(f"acctclose: error: {target}")
    if line is not None:
        assert f"{target}, line {line}: " in lines[0]
    assert says in lines[0]
    assert "Traceback" not in result.stderr
    after = {k: v for k, v in _snapshot(state_dir).items() if not k.endswith(".lock")}
    assert after == {k: v for k, v in before.items() if not k.endswith(".lock")}


def test_error_points_to_the_previous_version_when_there_is_one(state_dir: Path) -> None:
    state_dir.mkdir(mode=0o700)
    shutil.copyfile(HERE / "good_state.yaml", state_dir / f"{ACCOUNT}.yaml.bak")
    shutil.copyfile(HERE / "bad_states" / "syntax-error.yaml", state_dir / f"{ACCOUNT}.yaml")
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 1
    assert f"cp {state_dir / (ACCOUNT + '.yaml.bak')} {state_dir / (ACCOUNT + '.yaml')}" in (
        result.stderr
    )
    # Following the hint works.
    shutil.copyfile(state_dir / f"{ACCOUNT}.yaml.bak", state_dir / f"{ACCOUNT}.yaml")
    assert CliRunner().invoke(app, ["status", "--format", "json"]).exit_code == 4


@pytest.mark.parametrize("command", COMMANDS)
def test_symlinked_state_file_is_refused_and_its_target_untouched(
    state_dir: Path, tmp_path: Path, command: str
) -> None:
    state_dir.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.copyfile(HERE / "good_state.yaml", elsewhere)
    original = elsewhere.read_bytes()
    os.symlink(elsewhere, state_dir / f"{ACCOUNT}.yaml")
    result = CliRunner().invoke(app, COMMANDS[command])
    assert result.exit_code == 1
    assert "is a symbolic link" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert elsewhere.read_bytes() == original
    assert (state_dir / f"{ACCOUNT}.yaml").is_symlink()
    assert not (state_dir / f"{ACCOUNT}.yaml.bak").exists()


def test_good_state_file_loads(state_dir: Path) -> None:
    state_dir.mkdir(mode=0o700)
    shutil.copyfile(HERE / "good_state.yaml", state_dir / f"{ACCOUNT}.yaml")
    result = CliRunner().invoke(app, ["status", "--format", "json"])
    assert result.exit_code == 4  # no check recorded yet
    assert "no check recorded yet" in result.stderr
