"""The store: round trip, the previous version kept, migrations, permissions, no debris."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rich.console import Console

from acctclose import preparation, state_document
from acctclose.checklist import items_from
from acctclose.prompts import ScriptedPrompter
from acctclose.sources.file import load_inventory
from acctclose.state import State
from acctclose.state_document import dump, load
from acctclose.state_file import StateError
from acctclose.state_store import StateStore
from tests.state.conftest import EXAMPLES

ACCOUNT = "1234567890123456"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def full_state() -> State:
    state = State.new(ACCOUNT, "china", NOW)
    state.set_statement("icp_filings", ["浙ICP备12345678号"], "from beian", NOW, "prepare")
    state.set_statement("identity_verified", True, None, NOW, "prepare")
    state.set_item("billing.balance", "waived", "forfeit 12 CNY", NOW, "prepare")
    state.set_item("domains.held", "open", None, NOW, "prepare")
    state.set_stage("cooling_down", NOW, "close")
    state.set_cool_down_end(date(2026, 12, 10), NOW, "close")
    state.add_closure_step("agreement", "accepted", None, NOW, "close")
    state.closure.initiated_at = NOW
    return state


def test_dump_and_load_round_trip() -> None:
    state = full_state()
    assert load(dump(state), Path("x.yaml")) == state


def test_member_progress_round_trips_too() -> None:
    from acctclose.state import MemberRecord

    state = full_state()
    record = MemberRecord("blocked", NOW, display_name="dev", blocking=["FinanceCheck"])
    state.set_member("1000000000000077", record, "acctclose close --member")
    assert load(dump(state), Path("x.yaml")).members == state.members


def test_every_write_keeps_the_previous_version_beside_it(state_dir: Path) -> None:
    store = StateStore.open(ACCOUNT, state_dir)
    with store.session("prepare") as session:
        session.change(lambda s, now, cmd: s.set_statement("partner", "none", None, now, cmd))
        first = store.path.read_bytes()
        session.change(lambda s, now, cmd: s.set_statement("partner", "Acme", None, now, cmd))
    assert store.paths.backup.read_bytes() == first
    assert load(first.decode(), store.paths.backup).statements["partner"].value == "none"
    assert oct(store.paths.backup.stat().st_mode & 0o777) == "0o600"
    assert oct(state_dir.stat().st_mode & 0o777) == "0o700"
    assert sorted(p.name for p in state_dir.iterdir()) == [
        f"{ACCOUNT}.lock",
        f"{ACCOUNT}.yaml",
        f"{ACCOUNT}.yaml.bak",
    ]


def test_events_are_only_ever_appended(state_dir: Path) -> None:
    store = StateStore.open(ACCOUNT, state_dir)
    seen: list[str] = []
    for value in ("none", "Acme", "none"):
        with store.session("prepare") as session:
            session.change(
                lambda s, now, cmd, v=value: s.set_statement("partner", v, None, now, cmd)
            )
        state = store.load()
        assert state is not None
        changes = [event.change for event in state.events]
        assert changes[: len(seen)] == seen
        seen = changes
    assert len(seen) == 3


def test_debris_of_a_killed_writer_is_removed_by_the_next_write(state_dir: Path) -> None:
    store = StateStore.open(ACCOUNT, state_dir)
    with store.session("prepare") as session:
        session.save()
    debris = state_dir / f".{ACCOUNT}.yaml.99999.tmp"
    debris.write_text("half a fi", encoding="utf-8")
    with store.session("prepare") as session:
        session.save()
    assert not debris.exists()


def test_an_older_schema_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    text = dump(full_state()).replace("schema_version: 1", "schema_version: 0")
    text = text.replace("stage: cooling_down", "phase: cooling_down")

    def rename_phase(document: dict) -> dict:
        document["stage"] = document.pop("phase")
        return document

    monkeypatch.setattr(state_document, "SCHEMA_VERSION", 1)
    monkeypatch.setitem(state_document.MIGRATIONS, 0, rename_phase)
    assert load(text, Path("old.yaml")).stage == "cooling_down"


def test_a_schema_without_migration_is_refused() -> None:
    text = dump(full_state()).replace("schema_version: 1", "schema_version: 0")
    with pytest.raises(StateError, match="line 3: schema_version: unsupported version 0"):
        load(text, Path("old.yaml"))


def test_account_id_must_be_digits(state_dir: Path) -> None:
    with pytest.raises(StateError, match="not an account ID"):
        StateStore.open("../../etc/passwd", state_dir)


def test_walk_without_a_terminal_records_each_answer(state_dir: Path) -> None:
    """The same steps as at a terminal, answered through the scripted side of the seam."""
    inventory = load_inventory(EXAMPLES / "domains-and-icp.yaml")
    store = StateStore.open(inventory.account.id, state_dir)
    prompter = ScriptedPrompter(
        {
            "item:billing.balance": "waive",
            "item:billing.balance:reason": "forfeit it",
            "item:backup.export": "done",
            "item:domains.held": "stop",
        }
    )
    out = Console(file=io.StringIO(), width=120)
    with store.session("acctclose prepare") as session:
        assessment = preparation.assess(inventory, session.state, source="file")
        items = items_from(assessment.report.findings, session.state)
        assert preparation.walk_items(prompter, session, items, out) is False
    assert prompter.asked == [
        "item:billing.balance",
        "item:billing.balance:reason",
        "item:backup.export",
        "item:backup.export:note",
        "item:domains.held",
    ]
    state = store.load()
    assert state is not None
    assert state.items["billing.balance"].note == "forfeit it"
    assert state.items["backup.export"].status == "done"
    assert "domains.held" not in state.items
    assert "The guide asks:" in out.file.getvalue()  # type: ignore[attr-defined]


def test_state_file_never_holds_environment_secrets(
    state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "S3cr3tAccessKeySecretValue0123456789"
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
    from typer.testing import CliRunner

    from acctclose.cli.app import app

    args = ["prepare", "--from", str(EXAMPLES / "clean.yaml"), "--state", "partner=none"]
    assert CliRunner().invoke(app, args).exit_code == 0
    for path in state_dir.iterdir():
        assert secret not in path.read_text(encoding="utf-8")
    assert os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] == secret


def test_closure_record_follows_the_wizard_through_the_stages() -> None:
    state = State.new(ACCOUNT, "china", NOW)
    state.add_closure_step("agreement", "accepted", None, NOW, "acctclose close")
    state.mark_initiated(NOW, "acctclose close")
    state.mark_cooling_down(date(2026, 12, 10), NOW, "acctclose close")
    state.mark_result("closed", NOW, "acctclose status")
    assert state.stage == "closed"
    assert state.closure.initiated_at == NOW and state.closure.result == "closed"
    assert state.cool_down_ends == date(2026, 12, 10)
    assert [event.change for event in state.events] == [
        "closure step agreement: accepted",
        "stage: preparing -> initiated",
        "stage: initiated -> cooling_down",
        "cool-down ends 2026-12-10",
        "stage: cooling_down -> closed",
    ]
    assert load(dump(state), Path("x.yaml")) == state


def test_statement_questions_through_the_seam_later_and_stop(state_dir: Path) -> None:
    from dataclasses import replace

    from acctclose import inventory as inv

    base = load_inventory(EXAMPLES / "partly-known.yaml")
    unknown = replace(base, relationships=inv.Relationships())
    store = StateStore.open(base.account.id, state_dir)
    prompter = ScriptedPrompter(
        {
            "statement:icp_filings": "",  # empty: answer later
            "statement:partner": "Stop Ltd",  # a name, not a command
            "statement:enterprise_multi_account": "super_admin",
            "statement:resource_directory": "later",
            "statement:finance_trusteeship": "stop",
        }
    )
    out = Console(file=io.StringIO(), width=120)
    with store.session("acctclose prepare") as session:
        assert preparation.ask_statements(prompter, session, unknown, out) is False
    state = store.load()
    assert state is not None
    assert state.statement_values() == {
        "partner": "Stop Ltd",
        "enterprise_multi_account": "super_admin",
    }
    assert prompter.asked[-1] == "statement:finance_trusteeship"
