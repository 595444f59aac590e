"""`acctclose close` in scripts: `--yes --confirm-account ID --reason TEXT` runs the same steps
and records them; every refusal happens before anything is written."""

from __future__ import annotations

from pathlib import Path

from acctclose.closure_steps import STEP_IDS
from acctclose.state_store import StateStore
from tests.close.conftest import (
    BLOCKED,
    BLOCKED_ID,
    CLEAN,
    CLEAN_ID,
    EXAMPLES,
    READY,
    READY_ID,
    record,
    step_outcomes,
)


def test_scripted_close_records_every_step_and_enters_the_cool_down(acctclose, state_dir):
    run = acctclose(
        "close",
        "--from",
        READY,
        "--yes",
        "--confirm-account",
        READY_ID,
        "--reason",
        "cost",
        "--cool-down-ends",
        "2026-12-10",
    )

    assert run.returncode == 0, run.stderr
    state = record(state_dir, READY_ID)
    assert state.stage == "cooling_down"
    assert str(state.cool_down_ends) == "2026-12-10"
    steps = [step.id for step in state.closure.steps if step.id in STEP_IDS]
    assert steps == list(STEP_IDS)  # the guide's order, each once
    outcomes = step_outcomes(state)
    assert outcomes["renounceable"] == "confirmed"
    assert outcomes["confirm"] == "confirmed"
    reason = next(step for step in state.closure.steps if step.id == "reason")
    assert reason.note == "The cost"
    assert state.closure.initiated_at is not None
    assert state.closure.cool_down_started_at is not None
    # what happens next, as the guide says
    assert "AliyunServiceRoleForAccountDeletion" in run.stdout
    assert "within about 5 minutes" in run.stdout.lower()
    assert "eip-bp1test (ACS::VPC::EIP, cn-hangzhou)" in run.stdout  # each forfeited resource


def test_a_free_text_reason_is_recorded_in_the_owners_words(acctclose, state_dir):
    run = acctclose(
        "close",
        "--from",
        CLEAN,
        "--yes",
        "--confirm-account",
        CLEAN_ID,
        "--reason",
        "Company wound up",
    )

    assert run.returncode == 0, run.stderr
    state = record(state_dir, CLEAN_ID)
    notes = {step.id: step.note for step in state.closure.steps}
    assert notes["reason"] == "Company wound up"
    assert step_outcomes(state)["renounceable"] == "nothing_to_renounce"


def test_yes_without_confirm_account_is_refused_and_nothing_is_written(acctclose, state_dir):
    run = acctclose("close", "--from", READY, "--yes", "--reason", "cost")

    assert run.returncode == 1
    assert run.stderr.count("\n") == 1  # one clear line
    assert f"--confirm-account {READY_ID}" in run.stderr
    assert not StateStore.open(READY_ID, state_dir).exists()


def test_a_mismatched_confirm_account_is_refused_and_nothing_is_written(acctclose, state_dir):
    run = acctclose(
        "close",
        "--from",
        READY,
        "--yes",
        "--confirm-account",
        "1000000000000099",
        "--reason",
        "cost",
    )

    assert run.returncode == 1
    assert "does not name this account" in run.stderr
    assert not StateStore.open(READY_ID, state_dir).exists()


def test_yes_without_a_reason_is_refused_before_any_step(acctclose, state_dir):
    run = acctclose("close", "--from", READY, "--yes", "--confirm-account", READY_ID)

    assert run.returncode == 1
    assert "--reason" in run.stderr
    assert not StateStore.open(READY_ID, state_dir).exists()


def test_a_blocked_account_is_refused_with_its_must_process_items(acctclose, state_dir):
    run = acctclose(
        "close",
        "--from",
        BLOCKED,
        "--yes",
        "--confirm-account",
        BLOCKED_ID,
        "--reason",
        "cost",
    )

    assert run.returncode == 3
    assert "must be processed" in run.stdout
    assert "acctclose prepare" in run.stdout
    assert not StateStore.open(BLOCKED_ID, state_dir).exists()


def test_without_a_terminal_or_yes_it_fails_at_once_never_waits(acctclose, state_dir):
    run = acctclose("close", "--from", READY)

    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert "no terminal" in run.stderr
    assert not StateStore.open(READY_ID, state_dir).exists()


def test_the_consoles_clean_check_stands_in_once_acctclose_cannot_read(acctclose, state_dir):
    # A rehearsal left a record; then the RAM identities went and nothing can be read.
    first = acctclose("prepare", "--from", READY, "--yes")
    assert first.returncode == 0, first.stderr

    run = acctclose(
        "close",
        "--console-check-clean",
        "--yes",
        "--confirm-account",
        READY_ID,
        "--reason",
        "no_longer_needed",
    )

    assert run.returncode == 0, run.stderr
    state = record(state_dir, READY_ID)
    precondition = next(step for step in state.closure.steps if step.id == "precondition")
    assert precondition.outcome == "console_check_clean"
    assert state.stage == "cooling_down"
    assert "Cash balance 1,000.00 CNY" in run.stdout  # the last check's prediction, listed


def test_the_result_is_recorded_and_status_then_shows_the_guides_next_step(acctclose, state_dir):
    closing = acctclose(
        "close",
        "--from",
        CLEAN,
        "--yes",
        "--confirm-account",
        CLEAN_ID,
        "--reason",
        "cost",
    )
    assert closing.returncode == 0, closing.stderr
    status = acctclose("status", "--format", "json")
    assert "acctclose status --watch" in status.stdout

    ends = acctclose("close", "--cool-down-ends", "2026-12-10")
    failed = acctclose("close", "--result", "failed")

    assert (ends.returncode, failed.returncode) == (0, 0)
    state = record(state_dir, CLEAN_ID)
    assert (state.stage, state.closure.result) == ("failed", "failed")
    status = acctclose("status", "--format", "json")
    assert status.returncode == 3  # blocked until checked again
    assert "settle the overdue payments" in status.stdout


def test_a_failed_closure_starts_again_from_step_one(acctclose, state_dir):
    acctclose("close", "--from", CLEAN, "--yes", "--confirm-account", CLEAN_ID, "--reason", "cost")
    acctclose("close", "--result", "failed")

    again = acctclose(
        "close",
        "--from",
        CLEAN,
        "--yes",
        "--confirm-account",
        CLEAN_ID,
        "--reason",
        "cost",
    )

    assert again.returncode == 0, again.stderr
    state = record(state_dir, CLEAN_ID)
    ids = [step.id for step in state.closure.steps]
    assert ids.count("restart") == 1
    assert ids[ids.index("restart") :].count("device") == 1  # every step done again
    assert state.stage == "cooling_down"


def test_closed_is_final_and_status_says_so(acctclose, state_dir):
    acctclose("close", "--from", CLEAN, "--yes", "--confirm-account", CLEAN_ID, "--reason", "cost")

    closed = acctclose("close", "--result", "closed")
    again = acctclose("close", "--result", "failed")

    assert closed.returncode == 0
    assert again.returncode == 1
    status = acctclose("status", "--format", "json")
    assert "create a new account" in status.stdout
    table = acctclose("status", "--format", "table")
    assert "Next: Nothing more to do" in table.stdout
    assert record(state_dir, CLEAN_ID).stage == "closed"


def test_a_result_before_the_cool_down_is_refused(acctclose, state_dir: Path):
    acctclose("prepare", "--from", READY, "--yes")

    run = acctclose("close", "--result", "closed")

    assert run.returncode == 1
    assert "no closure is in its cool-down" in run.stderr
    assert record(state_dir, READY_ID).stage == "preparing"


def test_what_the_last_check_had_to_process_counts_as_processed_once_the_console_is_clean(
    acctclose, state_dir
):
    # The last live check, read by a RAM user, listed the RAM identities; then they went.
    reader_last = str(EXAMPLES / "ram-reader-last.yaml")
    account_id = "1000000000000006"
    acctclose("prepare", "--from", reader_last, "--yes")

    run = acctclose(
        "close",
        "--console-check-clean",
        "--yes",
        "--confirm-account",
        account_id,
        "--reason",
        "cost",
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "at the last check: 2 RAM users to delete; processed since" in run.stdout
    assert record(state_dir, account_id).stage == "cooling_down"


def test_an_incomplete_check_is_not_taken_for_ready(acctclose, state_dir):
    run = acctclose(
        "close",
        "--from",
        str(EXAMPLES / "partly-known.yaml"),
        "--yes",
        "--confirm-account",
        "1000000000000008",
        "--reason",
        "cost",
    )

    assert run.returncode == 4
    assert "--console-check-clean" in run.stdout
    assert not StateStore.open("1000000000000008", state_dir).exists()


def test_an_end_date_before_the_cool_down_is_refused_in_one_line(acctclose, state_dir):
    acctclose("prepare", "--from", READY, "--yes")

    run = acctclose("close", "--cool-down-ends", "2026-12-09")

    assert run.returncode == 1
    assert run.stderr == (
        "acctclose: error: --cool-down-ends: no closure is in its cool-down (stage: preparing)\n"
    )
    assert record(state_dir, READY_ID).cool_down_ends is None
