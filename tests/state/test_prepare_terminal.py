"""`prepare` at a real terminal (a pseudo-terminal driven by pexpect): answer, stop, resume."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from acctclose.state_store import StateStore
from tests.state.conftest import ROOT

ACCOUNT = "1000000000000042"
INVENTORY = str(Path(__file__).parent / "accounts" / "to-prepare.yaml")
DONE, WAIVE, LATER, STOP = "1", "2", "3", "4"


def spawn(state_dir: Path) -> pexpect.spawn:
    env = {
        **os.environ,
        "ACCTCLOSE_STATE_DIR": str(state_dir),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("COLUMNS", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "acctclose", "prepare", "--from", INVENTORY],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 220),
    )


def choose(child: pexpect.spawn, item_title: str, key: str) -> None:
    child.expect_exact(item_title)
    child.expect_exact("Mark it:")
    child.send(key)
    child.send("\r")


def type_text(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.send(text + "\r")


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None
    return child.exitstatus


def record(state_dir: Path):
    state = StateStore.open(ACCOUNT, state_dir).load()
    assert state is not None
    return state


def test_answer_stop_midway_then_resume_where_it_stopped(state_dir: Path) -> None:
    child = spawn(state_dir)
    type_text(child, "Does the account hold ICP filings?", "none")
    type_text(child, "managed by an Alibaba Cloud partner", "Acme Reseller")
    choose(child, "Cash balance 12.00 CNY", WAIVE)
    type_text(child, "Why waive it?", "forfeit the 12 CNY")
    choose(child, "Export bills, orders, invoices", DONE)
    type_text(child, "Note (optional):", "saved to the NAS")
    choose(child, "Back up 1 data-bearing resource", LATER)
    choose(child, "1 pay-as-you-go resource will be released", STOP)
    child.expect_exact("Stopped. Your answers are kept")
    assert finish(child) == 0

    state = record(state_dir)
    assert state.statement_values() == {"icp_filings": "none", "partner": "Acme Reseller"}
    assert state.items["billing.balance"].status == "waived"
    assert state.items["billing.balance"].note == "forfeit the 12 CNY"
    assert state.items["backup.export"].status == "done"
    assert state.items["backup.export"].note == "saved to the NAS"
    assert state.items["resources.backup"].status == "open"
    assert "resources.release" not in state.items

    child = spawn(state_dir)
    child.expect_exact("items already answered; resuming")
    # Decided items are not asked again: the first question is the item left for later.
    choose(child, "Back up 1 data-bearing resource", DONE)
    assert "Cash balance 12.00 CNY" not in child.before
    assert "ICP filings?" not in child.before
    type_text(child, "Note (optional):", "")
    for title in (
        "1 pay-as-you-go resource will be released",
        "1 subscription not expired or unsubscribed",
        "1 domain name still held",
        "Reseller relationship with Acme Reseller",
    ):
        choose(child, title, DONE)
        type_text(child, "Note (optional):", "")
    child.expect_exact("RAM identities go last")
    choose(child, "1 RAM user to delete", DONE)
    type_text(child, "Note (optional):", "")
    child.expect_exact("Force billing comes last")
    choose(child, "Unbilled charges this month", DONE)
    type_text(child, "Note (optional):", "paid")
    child.expect_exact("Re-check the account now?")
    child.send("y")
    child.expect_exact("Checklist: 8 done, 1 waived, 0 open (9 items)")
    assert finish(child) == 0

    state = record(state_dir)
    assert {record.status for record in state.items.values()} == {"done", "waived"}
    assert state.last_check is not None and state.last_check.verdict == "blocked"


@pytest.mark.parametrize("at", ["statement", "item"])
def test_ctrl_c_at_a_prompt_exits_130_and_keeps_the_answers(state_dir: Path, at: str) -> None:
    child = spawn(state_dir)
    type_text(child, "Does the account hold ICP filings?", "none")
    if at == "item":
        type_text(child, "managed by an Alibaba Cloud partner", "none")
        choose(child, "Cash balance 12.00 CNY", DONE)
        type_text(child, "Note (optional):", "")
        child.expect_exact("Export bills, orders, invoices")
    child.expect_exact("?")
    child.sendcontrol("c")
    child.expect_exact("Your answers so far are kept")
    assert finish(child) == 130

    state = record(state_dir)
    assert state.statement_values()["icp_filings"] == "none"
    if at == "item":
        assert state.items["billing.balance"].status == "done"
        assert "backup.export" not in state.items


def test_export_asks_before_overwriting_a_file_it_did_not_write(
    state_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup"
    out.mkdir()
    (out / "resources.csv").write_text("my own notes\n", encoding="utf-8")
    env = {**os.environ, "ACCTCLOSE_STATE_DIR": str(state_dir), "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    args = ["-m", "acctclose", "prepare", "--from", INVENTORY, "--export", str(out)]
    for answer, kept in (("n", True), ("y", False)):
        child = pexpect.spawn(
            sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8", timeout=15
        )
        child.expect_exact("exists and differs from this export. Overwrite it?")
        child.send(answer)
        assert finish(child) == 0
        content = (out / "resources.csv").read_text(encoding="utf-8")
        assert (content == "my own notes\n") is kept
