"""The whole wizard at a real terminal (a pseudo-terminal driven by pexpect): the happy path,
a wrongly typed account ID (refused, nothing recorded as confirmed), and Ctrl-C at step 4
followed by a run that resumes there."""

from __future__ import annotations

import pexpect

from tests.close.conftest import READY, READY_ID, finish, record, step_outcomes

CTRL_C = "\x03"


def pick(child: pexpect.spawn, question: str, shortcut: str) -> None:
    child.expect_exact(question)
    child.send(shortcut)
    child.send("\r")


def yes(child: pexpect.spawn, question: str) -> None:
    child.expect_exact(question)
    child.send("y")


def type_id(child: pexpect.spawn, account_id: str) -> None:
    child.expect_exact(f"Type the account ID ({READY_ID}) to go ahead:")
    child.send(account_id + "\r")


def steps_one_to_three(child: pexpect.spawn) -> None:
    child.expect_exact("Closure is submitted by logging on as the Alibaba Cloud account itself")
    child.expect_exact("Account deletion › Start deleting account")
    pick(child, "Where are you closing the account?", "1")
    child.expect_exact("Alipay authorization")  # the account is identity-verified
    yes(child, "Is the identity verification done?")
    child.expect_exact("cannot be recovered by any means")
    yes(child, "Do you accept these consequences")


def test_the_whole_wizard_at_a_terminal_records_each_step(spawn, state_dir):
    child = spawn("close", "--from", READY)

    steps_one_to_three(child)
    child.expect_exact("You must process")
    pick(child, "Compare with the console. What does it show?", "1")
    child.expect_exact("hobby-site-assets (ACS::OSS::Bucket, cn-hangzhou)")
    type_id(child, READY_ID)
    pick(child, "asks for a closure reason", "1")
    child.expect_exact("cannot be stopped")
    type_id(child, READY_ID)
    child.expect_exact("AliyunServiceRoleForAccountDeletion")
    child.expect_exact("end date from the SMS")
    child.send("2026-12-10\r")
    child.expect_exact("Stage: cooling_down (ends 2026-12-10)")

    assert finish(child) == 0
    state = record(state_dir, READY_ID)
    assert state.stage == "cooling_down"
    assert str(state.cool_down_ends) == "2026-12-10"
    assert step_outcomes(state)["confirm"] == "confirmed"
    reason = next(step for step in state.closure.steps if step.id == "reason")
    assert reason.note == "I no longer need Alibaba Cloud services"


def test_a_wrongly_typed_account_id_is_refused_and_nothing_is_confirmed(spawn, state_dir):
    child = spawn("close", "--from", READY)

    steps_one_to_three(child)
    pick(child, "Compare with the console. What does it show?", "1")
    type_id(child, "1000000000000099")
    child.expect_exact("nothing was done")

    assert finish(child) == 1
    state = record(state_dir, READY_ID)
    outcomes = step_outcomes(state)
    assert "renounceable" not in outcomes
    assert "confirm" not in outcomes
    assert state.stage == "initiated"  # the console flow started; nothing was submitted
    assert outcomes["system_check"] == "same"


def test_ctrl_c_at_step_four_keeps_the_steps_done_and_the_next_run_resumes_there(spawn, state_dir):
    child = spawn("close", "--from", READY)
    steps_one_to_three(child)
    child.expect_exact("Compare with the console. What does it show?")
    child.send(CTRL_C)
    child.expect_exact("continue at step 4")

    assert finish(child) == 130
    state = record(state_dir, READY_ID)
    assert list(step_outcomes(state)) == ["precondition", "device", "identity", "agreement"]

    child = spawn("close", "--from", READY)
    child.expect_exact("Resuming: 3 of 7 steps already done")
    child.expect_exact("Step 4 of 7: The system check")
    pick(child, "Compare with the console. What does it show?", "1")
    type_id(child, READY_ID)
    pick(child, "asks for a closure reason", "4")
    type_id(child, READY_ID)
    child.expect_exact("end date from the SMS")
    child.send("\r")  # not arrived yet: recorded later
    child.expect_exact("end date not recorded yet")

    assert finish(child) == 0
    state = record(state_dir, READY_ID)
    done = [step.id for step in state.closure.steps if step.id != "precondition"]
    assert done == [
        "device",
        "identity",
        "agreement",
        "system_check",
        "renounceable",
        "reason",
        "confirm",
    ]  # each step once, none asked twice
    assert state.stage == "cooling_down"
    assert state.cool_down_ends is None


def test_during_the_cool_down_close_asks_for_the_end_date_and_the_result(
    spawn, acctclose, state_dir
):
    scripted = acctclose(
        "close", "--from", READY, "--yes", "--confirm-account", READY_ID, "--reason", "cost"
    )
    assert scripted.returncode == 0, scripted.stderr
    child = spawn("close")

    child.expect_exact("is in its closure cool-down")
    child.expect_exact("end date from the SMS")
    child.send("2026-12-09\r")
    pick(child, "Has the result arrived by SMS or email?", "3")
    child.expect_exact("Recorded: closure failed.")
    child.expect_exact("settle the overdue payments")

    assert finish(child) == 0
    state = record(state_dir, READY_ID)
    assert (state.stage, str(state.cool_down_ends)) == ("failed", "2026-12-09")


def test_a_console_check_that_is_not_clean_stops_before_any_step(spawn, acctclose, state_dir):
    acctclose("prepare", "--from", READY, "--yes")
    child = spawn("close", "--console-check-clean")

    child.expect_exact("come back with nothing under You must process?")
    child.send("n")
    child.expect_exact("Blocked:")

    assert finish(child) == 3
    assert "device" not in step_outcomes(record(state_dir, READY_ID))
