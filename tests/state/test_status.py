"""`acctclose status` in every format, with exit codes as for check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from acctclose.cli.app import app
from acctclose.state_store import StateStore
from tests.state.conftest import EXAMPLES
from tests.state.run import acctclose

CASES = {  # inventory -> (account, verdict, exit code)
    "clean.yaml": ("1000000000000001", "ready", 0),
    "domains-and-icp.yaml": ("1000000000000004", "blocked", 3),
    "partly-known.yaml": ("1000000000000008", "incomplete", 4),
}


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def prepared(name: str, *flags: str) -> str:
    result = invoke("prepare", "--from", str(EXAMPLES / name), "--yes", *flags)
    assert result.exit_code == 0, result.stderr
    return CASES[name][0]


@pytest.mark.parametrize("name", CASES)
def test_json_gives_stage_verdict_and_exit_code_of_the_last_check(name: str) -> None:
    account = prepared(name)
    _, verdict, code = CASES[name]
    result = invoke("status", "--format", "json")
    assert result.exit_code == code
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["account"]["id"] == account
    assert document["stage"] == "preparing"
    assert document["verdict"] == verdict
    assert document["last_check"]["verdict"] == verdict
    assert {"done", "waived", "open", "resolved", "items"} <= set(document["checklist"])
    assert document["timeline"][0]["what"] == "preparation started"


def test_blockers_and_checklist_progress_from_the_record() -> None:
    prepared(
        "domains-and-icp.yaml",
        "--done",
        "backup.export=saved",
        "--waive",
        "billing.balance=forfeit it",
    )
    document = json.loads(invoke("status", "--format", "json").stdout)
    blockers = [finding["id"] for finding in document["last_check"]["blockers"]]
    assert blockers == ["domains.held", "icp.filings"]
    checklist = document["checklist"]
    assert (checklist["done"], checklist["waived"], checklist["open"]) == (1, 1, 2)
    items = {item["id"]: item for item in checklist["items"]}
    assert items["billing.balance"]["note"] == "forfeit it"
    assert items["domains.held"]["status"] == "open"
    assert [item["step"] for item in checklist["items"]] == sorted(
        item["step"] for item in checklist["items"]
    )


def test_yaml_is_the_same_document_as_json() -> None:
    prepared("domains-and-icp.yaml")
    as_json = json.loads(invoke("status", "--format", "json").stdout)
    result = invoke("status", "--format", "yaml")
    assert result.exit_code == 3
    assert yaml.safe_load(result.stdout) == as_json


def test_table_shows_stage_progress_blockers_and_timeline() -> None:
    prepared("domains-and-icp.yaml", "--state", "partner=none", "--done", "backup.export")
    result = invoke("status", "--format", "table")
    assert result.exit_code == 3
    text = result.stdout
    assert "Account 1000000000000004 (china site)" in text
    assert "Stage: preparing" in text
    assert "Checklist: 1 done, 0 waived, 3 open" in text
    assert "Last check: BLOCKED" in text
    assert "2 domain names still held" in text
    assert "partner = none" in text
    assert "closure can be initiated" in text


def test_cool_down_days_left_and_dated_timeline(state_dir: Path) -> None:
    account = prepared("clean.yaml")
    store = StateStore.open(account, state_dir)
    with store.session("acctclose close") as session:
        session.change(lambda state, now, cmd: state.set_stage("cooling_down", now, cmd))
        session.change(
            lambda state, now, cmd: state.set_cool_down_end(date(2026, 12, 10), now, cmd)
        )
    result = invoke("status", "--format", "json", "--as-of", "2026-12-01")
    document = json.loads(result.stdout)
    assert document["stage"] == "cooling_down"
    assert document["cool_down"] == {"ends": "2026-12-10", "days_left": 9}
    assert {"date": "2026-12-10", "what": "cool-down ends", "kind": "expected"} in document[
        "timeline"
    ]
    table = invoke("status", "--format", "table", "--as-of", "2026-12-01").stdout
    assert "Cool-down: ends 2026-12-10, 9 day(s) left" in table


def test_no_check_recorded_is_exit_4_and_said(state_dir: Path) -> None:
    store = StateStore.open("1234567890123456", state_dir)
    with store.session("test") as session:
        session.change(lambda state, now, cmd: state.log(now, cmd, "record started"))
    result = invoke("status", "--format", "json")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["verdict"] is None
    assert "no check recorded yet" in result.stderr


def test_no_record_is_one_clear_error(state_dir: Path) -> None:
    result = acctclose("status")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"acctclose: error: no account recorded in {state_dir}: run acctclose prepare first"
    )


def test_several_accounts_need_account_option() -> None:
    prepared("clean.yaml")
    prepared("domains-and-icp.yaml")
    result = invoke("status")
    assert result.exit_code == 1
    assert "pass --account ID" in result.stderr
    assert invoke("status", "--account", "1000000000000001", "--format", "json").exit_code == 0
    missing = invoke("status", "--account", "1000000000000099")
    assert missing.exit_code == 1
    assert "no record for account 1000000000000099" in missing.stderr


def test_default_format_off_a_terminal_is_json() -> None:
    prepared("clean.yaml")
    result = acctclose("status")
    assert result.returncode == 0
    assert json.loads(result.stdout)["verdict"] == "ready"


def test_a_closure_that_failed_after_the_last_check_is_blocked_until_rechecked(
    state_dir: Path,
) -> None:
    account = prepared("clean.yaml")
    store = StateStore.open(account, state_dir)
    with store.session("acctclose close") as session:
        session.change(lambda state, now, cmd: state.mark_initiated(now, cmd))
        session.change(lambda state, now, cmd: state.mark_result("failed", now, cmd))
    result = invoke("status", "--format", "json")
    assert result.exit_code == 3
    assert "closure failed after the last check" in result.stderr
    assert json.loads(result.stdout)["stage"] == "failed"
    # prepare starts again from a failed closure, and its check brings status up to date.
    assert invoke("prepare", "--from", str(EXAMPLES / "clean.yaml"), "--yes").exit_code == 0
    assert invoke("status", "--format", "json").exit_code == 0
