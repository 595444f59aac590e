"""`acctclose auth`: the keyring store, with a test backend (never the real OS keyring)."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from typer.testing import CliRunner

from acctclose.cli.app import app
from acctclose.credentials import KEYRING_SERVICE, mask, stored_key_id
from tests.fakes.keyring_backend import MemoryKeyring
from tests.live.conftest import KEY_ID, SECRET


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("ALIBABA_CLOUD_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", raising=False)
    return CliRunner()


def login(runner: CliRunner):
    return runner.invoke(
        app, ["auth", "login", "--access-key-id", KEY_ID, "--secret-stdin"], input=f"{SECRET}\n"
    )


def test_login_stores_the_pair_and_never_shows_the_secret(runner, memory_keyring):
    result = login(runner)
    assert result.exit_code == 0, result.output
    assert memory_keyring.entries[f"{KEYRING_SERVICE}:access_key_secret"] == SECRET
    assert stored_key_id() == KEY_ID
    assert mask(KEY_ID) in result.output
    assert SECRET not in result.output and KEY_ID not in result.output


def test_status_shows_the_key_id_masked(runner, memory_keyring):
    login(runner)
    result = runner.invoke(app, ["auth", "status"])
    assert result.exit_code == 0
    assert f"OS keyring: AccessKey {mask(KEY_ID)}" in result.output
    assert KEY_ID not in result.output and SECRET not in result.output


def test_status_says_when_the_environment_takes_precedence(runner, memory_keyring, monkeypatch):
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvironmentKey0001")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
    result = runner.invoke(app, ["auth", "status"])
    assert "no AccessKey stored" in result.output
    assert "LTAI**************0001" in result.output and "precedence" in result.output
    assert "env-secret" not in result.output


def test_logout_removes_the_pair(runner, memory_keyring):
    login(runner)
    result = runner.invoke(app, ["auth", "logout"])
    assert result.exit_code == 0 and "Removed" in result.output
    assert memory_keyring.entries == {}
    assert "No AccessKey was stored" in runner.invoke(app, ["auth", "logout"]).output


def test_login_without_a_terminal_or_options_is_an_error_not_a_hang(runner, memory_keyring):
    result = runner.invoke(app, ["auth", "login"], input="")
    assert result.exit_code == 1
    assert "--access-key-id" in result.output
    assert memory_keyring.entries == {}


def test_login_with_an_empty_secret_is_refused(runner, memory_keyring):
    result = runner.invoke(
        app, ["auth", "login", "--access-key-id", KEY_ID, "--secret-stdin"], input="\n"
    )
    assert result.exit_code == 1
    assert "secret are required" in result.output


def test_mask_keeps_only_the_ends():
    assert mask("LTAI5tFakeKeyId0123456789") == "LTAI*****************6789"
    assert mask("short") == "*****"
