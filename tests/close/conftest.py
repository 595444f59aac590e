"""The close wizard's tests: each keeps its record in its own state directory, runs the real
`acctclose` in a subprocess (or a pseudo-terminal), and reads the record back to see what
was written. The cool-down watch talks to the fake Alibaba Cloud server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from acctclose.state import State
from acctclose.state_store import StateStore
from tests.fakes.alibaba_cloud import FakeAccount, FakeAlibabaCloud

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "accounts"
READY = str(EXAMPLES / "small-forfeit.yaml")  # ready, with amounts and resources to forfeit
READY_ID = "1000000000000002"
CLEAN = str(EXAMPLES / "clean.yaml")  # ready, nothing to forfeit
CLEAN_ID = "1000000000000001"
BLOCKED = str(EXAMPLES / "busy-workloads.yaml")
BLOCKED_ID = "1000000000000003"
KEY_ID = "LTAI5tFakeWatchKey0123"
SECRET = "s3cr3t-Watch-Secret-Never-Shown-1f2e"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def env(tmp_path: Path, state_dir: Path) -> dict[str, str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "ACCTCLOSE_"))
    }
    base.update(
        HOME=str(tmp_path),
        COLUMNS="120",
        ACCTCLOSE_STATE_DIR=str(state_dir),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
        PYTHON_KEYRING_BACKEND="tests.fakes.keyring_backend.EnvKeyring",
    )
    return base


@pytest.fixture
def acctclose(env: dict[str, str]):  # type: ignore[no-untyped-def]
    """Run `acctclose ARGS` as a script would: no terminal, output captured."""

    def run(*args: str, **extra: str) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "acctclose", *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env={**env, **extra},
            timeout=60,
        )
        assert SECRET not in done.stdout + done.stderr
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def spawn(env: dict[str, str]):  # type: ignore[no-untyped-def]
    """`acctclose ARGS` at a real terminal (a pseudo-terminal driven by pexpect)."""

    def start(*args: str) -> pexpect.spawn:
        terminal = {**env, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        terminal.pop("COLUMNS", None)
        return pexpect.spawn(
            sys.executable,
            ["-m", "acctclose", *args],
            cwd=str(ROOT),
            env=terminal,
            encoding="utf-8",
            timeout=20,
            dimensions=(60, 160),
        )

    return start


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None
    return child.exitstatus


def record(state_dir: Path, account_id: str) -> State:
    state = StateStore.open(account_id, state_dir).load()
    assert state is not None, "no record was written"
    return state


def step_outcomes(state: State) -> dict[str, str]:
    """Each wizard step's last outcome in the record."""
    return {step.id: step.outcome for step in state.closure.steps}


@pytest.fixture
def cloud() -> Iterator[FakeAlibabaCloud]:
    """An account read by itself with nothing owed: what the watch sees in a clean cool-down."""
    fake = FakeAlibabaCloud(
        FakeAccount(
            account_id=CLEAN_ID,
            identity_type="Account",
            available_amount="0.00",
            available_cash="0.00",
        )
    ).start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def live_env(env: dict[str, str], cloud: FakeAlibabaCloud) -> dict[str, str]:
    return {
        **env,
        "ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET,
        "ACCTCLOSE_ENDPOINT": cloud.url,
        "ACCTCLOSE_RETRY_BASE_SECONDS": "0.001",
        "ACCTCLOSE_TIMEOUT_SECONDS": "5",
    }
