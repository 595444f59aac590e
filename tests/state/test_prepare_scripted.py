"""The scripted `prepare`: flags record statements and decisions; bad flags change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acctclose.cli.app import app
from acctclose.state_store import StateStore
from tests.state.conftest import EXAMPLES
from tests.state.run import acctclose

PARTLY_KNOWN = str(EXAMPLES / "partly-known.yaml")  # ICP filings and partner unknown
DOMAINS_ICP = str(EXAMPLES / "domains-and-icp.yaml")  # one ICP filing, no partner
ACCOUNT = "1000000000000008"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def load(state_dir: Path, account: str = ACCOUNT):
    state = StateStore.open(account, state_dir).load()
    assert state is not None
    return state


def test_without_a_terminal_or_flags_prepare_refuses_instead_of_waiting(state_dir: Path) -> None:
    result = acctclose("prepare", "--from", PARTLY_KNOWN)
    assert result.returncode == 1
    assert result.stderr.startswith("acctclose: error: prepare asks questions and there is no")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not state_dir.exists() or not any(state_dir.iterdir())


def test_statements_make_check_ready_and_check_says_it_used_them(state_dir: Path) -> None:
    assert acctclose("check", "--from", PARTLY_KNOWN).returncode == 4
    result = acctclose(
        "prepare", "--from", PARTLY_KNOWN, "--state", "ICP_FILINGS=none", "--state", "partner=none"
    )
    assert result.returncode == 0, result.stderr
    assert "Check: READY" in result.stdout
    check = acctclose("check", "--from", PARTLY_KNOWN, "--format", "json")
    assert check.returncode == 0
    assert json.loads(check.stdout)["verdict"] == "ready"
    assert "using your statements from" in check.stderr
    assert "icp_filings, partner" in check.stderr
    # check keeps its summary in the record, for status.
    assert load(state_dir).events[-1].change == "check: ready"


def test_decisions_are_recorded_with_notes_and_reasons(state_dir: Path) -> None:
    result = invoke(
        "prepare",
        "--from",
        DOMAINS_ICP,
        "--done",
        "backup.export=bills saved to the NAS",
        "--waive",
        "billing.balance=forfeit the 12 CNY",
        "--later",
        "domains.held",
    )
    assert result.exit_code == 0, result.stderr
    state = load(state_dir, "1000000000000004")
    assert state.items["backup.export"].status == "done"
    assert state.items["backup.export"].note == "bills saved to the NAS"
    assert state.items["billing.balance"].status == "waived"
    assert state.items["billing.balance"].note == "forfeit the 12 CNY"
    assert state.items["domains.held"].status == "open"
    assert "Checklist: 1 done, 1 waived, 2 open (4 items)" in result.stdout
    # Reopening an item is a decision too.
    assert invoke("prepare", "--from", DOMAINS_ICP, "--later", "backup.export").exit_code == 0
    assert load(state_dir, "1000000000000004").items["backup.export"].status == "open"


def test_yes_alone_rechecks_and_records_the_check(state_dir: Path) -> None:
    result = invoke("prepare", "--from", DOMAINS_ICP, "--yes")
    assert result.exit_code == 0, result.stderr
    state = load(state_dir, "1000000000000004")
    assert state.last_check is not None and state.last_check.verdict == "blocked"
    assert [e.change for e in state.events] == ["record started", "check: blocked"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--state", "icp_filings"], "expected KEY=VALUE"),
        (["--state", "bogus=none"], "unknown statement 'bogus'"),
        (["--state", "enterprise=boss"], "expected one of none, super_admin, member"),
        (["--state", "identity_verified=maybe"], "expected yes or no"),
        (["--done", "biling.outstanding"], "no checklist item 'biling.outstanding'"),
        (["--done", "identity.caller"], "no checklist item 'identity.caller'"),
        (["--waive", "billing.balance"], "a reason is required"),
        (["--done", "backup.export", "--later", "backup.export"], "given twice"),
    ],
)
def test_bad_flags_are_one_line_and_nothing_is_written(
    state_dir: Path, args: list[str], says: str
) -> None:
    result = invoke("prepare", "--from", PARTLY_KNOWN, "--state", "partner=none", *args)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert says in result.stderr
    assert not (state_dir / f"{ACCOUNT}.yaml").exists()


def test_a_statement_never_clears_what_the_source_found(state_dir: Path) -> None:
    """Fail closed: the inventory holds an ICP filing; stating none does not remove it."""
    result = invoke("prepare", "--from", DOMAINS_ICP, "--state", "icp_filings=none")
    assert result.exit_code == 0
    assert "contradicts the facts read" in result.stderr
    check = invoke("check", "--from", DOMAINS_ICP, "--format", "json")
    ids = {f["id"]: f["severity"] for f in json.loads(check.stdout)["findings"]}
    assert ids["icp.filings"] == "must_process"
    assert "statement icp_filings=none contradicts" in check.stderr


def test_a_statement_can_add_a_blocker_the_source_did_not_see(state_dir: Path) -> None:
    assert invoke("prepare", "--from", DOMAINS_ICP, "--state", "partner=Acme").exit_code == 0
    check = invoke("check", "--from", DOMAINS_ICP, "--format", "json")
    titles = [f["title"] for f in json.loads(check.stdout)["findings"]]
    assert "Reseller relationship with Acme" in titles


def test_prepare_refuses_once_closure_is_initiated(state_dir: Path) -> None:
    assert invoke("prepare", "--from", PARTLY_KNOWN, "--yes").exit_code == 0
    store = StateStore.open(ACCOUNT, state_dir)
    with store.session("test") as session:
        session.change(lambda state, now, cmd: state.set_stage("initiated", now, cmd))
    result = invoke("prepare", "--from", PARTLY_KNOWN, "--yes")
    assert result.exit_code == 1
    assert "already initiated" in result.stderr


def test_state_dir_option_wins_over_the_environment(state_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    result = invoke("prepare", "--from", PARTLY_KNOWN, "--yes", "--state-dir", str(other))
    assert result.exit_code == 0
    assert (other / f"{ACCOUNT}.yaml").exists()
    assert not state_dir.exists()
    assert oct(other.stat().st_mode & 0o777) == "0o700"
    assert oct((other / f"{ACCOUNT}.yaml").stat().st_mode & 0o777) == "0o600"


def test_check_does_not_wait_for_a_busy_record_and_says_it_was_not_updated(
    state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acctclose.cli import state_hooks
    from acctclose.state_file import locked

    assert invoke("prepare", "--from", PARTLY_KNOWN, "--state", "icp=none").exit_code == 0
    monkeypatch.setattr(state_hooks, "RECORD_WAIT_SECONDS", 0.2)
    store = StateStore.open(ACCOUNT, state_dir)
    before = store.path.read_bytes()
    with locked(store.paths, "acctclose prepare"):  # an interactive prepare is running
        result = invoke("check", "--from", PARTLY_KNOWN, "--format", "json")
    assert result.exit_code == 4  # partner still unknown; the ICP statement was used
    findings = {f["id"]: f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert "icp.filings" not in findings
    assert "the record was not updated" in result.stderr
    assert store.path.read_bytes() == before
