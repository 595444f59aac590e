"""The members library in-process against the fake server, and its pure parts."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from acctclose.members.batch import run_batch
from acctclose.members.check_run import check_members
from acctclose.members.deletion import read_status
from acctclose.members.deletion_check import parse_check_result
from acctclose.members.directory import Caller
from acctclose.members.preconditions import ROOT_USER, explain, read_preflight
from acctclose.members.settings import MemberSettings, PollTiming
from acctclose.sources.live.retry import CallFailed, ResponseError
from acctclose.state import MemberRecord, State
from acctclose.state_document import dump, load
from tests.members.conftest import ABANDONABLE, ALLOWED, BLOCKED, writes


def test_no_check_yet_reads_as_no_status_and_other_errors_still_fail(api, cloud):
    assert read_status(api, ALLOWED) is None  # 409 EntityNotExists.CheckAccount

    cloud.fail("GetAccountDeletionStatus", "error", status=409, code="AccountTypeOrStatusMismatch")
    with pytest.raises(CallFailed, match="AccountTypeOrStatusMismatch"):
        read_status(api, ALLOWED)


def test_check_members_in_process_never_deletes(api, cloud, settings):
    preflight = read_preflight(api, [ALLOWED, BLOCKED, ABANDONABLE], deleting=False)

    outcomes = check_members(api, preflight, [ALLOWED, BLOCKED, ABANDONABLE], settings)

    assert [o.outcome for o in outcomes] == ["allowed", "blocked", "allowed"]
    assert writes(cloud) == ["CheckAccountDelete"] * 3


def test_a_malformed_result_is_unknown_never_allowed(api, cloud, settings):
    cloud.fail("GetAccountDeletionCheckResult", "malformed", times=-1)
    preflight = read_preflight(api, [ALLOWED], deleting=False)

    [outcome] = check_members(api, preflight, [ALLOWED], settings)

    assert outcome.outcome == "incomplete"
    assert [f["severity"] for f in outcome.findings] == ["unknown"]


def test_a_refusal_without_a_reason_still_blocks():
    body = {
        "AccountDeletionCheckResultInfo": {"Status": "PreCheckComplete", "AllowDelete": "false"}
    }
    result = parse_check_result(body)
    assert result is not None and not result.allow_delete and result.not_allowed


def test_an_undocumented_check_status_is_an_error_not_a_result():
    with pytest.raises(ResponseError):
        parse_check_result({"AccountDeletionCheckResultInfo": {"Status": "Weird"}})


def test_the_api_refusing_the_root_user_is_told_in_the_guides_words():
    error = CallFailed("resourcemanager", "DeleteAccount", "Forbidden.RAM", permission="x")
    root = Caller("1000000000000001", "account", None)
    ram = Caller("1000000000000001", "ram_user", None)

    assert explain(error, root).startswith(ROOT_USER)
    assert explain(error, ram) == error.reason


def test_poll_delays_grow_to_the_cap_and_scale_for_tests():
    timing = PollTiming(first=2.0, factor=1.5, cap=5.0)
    delays = timing.delays()
    assert [next(delays) for _ in range(5)] == [2.0, 3.0, 4.5, 5.0, 5.0]
    assert timing.scaled(0.02).cap == pytest.approx(0.05)


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("ACCTCLOSE_POLL_SECONDS", "0.1")
    monkeypatch.setenv("ACCTCLOSE_MEMBER_RATE", "7")
    settings = MemberSettings.from_environment(concurrency=3, timeout=9)
    assert settings.check_poll.first == 0.1 and settings.check_poll.timeout == 9
    assert settings.rate == 7 and settings.concurrency == 3


def test_batches_never_run_more_members_at_once_than_asked():
    running, peak, lock = 0, 0, threading.Lock()

    def work(item: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return item * 2

    assert run_batch(list(range(20)), work, 3, threading.Event()) == [i * 2 for i in range(20)]
    assert peak == 3


def test_member_progress_survives_a_round_trip_through_the_record(tmp_path: Path):
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    state = State.new("1000000000000001", "china", now)
    record = MemberRecord(
        status="silence_period",
        at=now,
        display_name="recent-payg",
        abandonable=["NON_SP_cs"],
        abandoned=["NON_SP_cs"],
        deletion_type="1",
        submitted_at=now,
        note="DeletionType 1",
    )
    state.set_member("2000000000000007", record, "acctclose close --member")

    loaded = load(dump(state), tmp_path / "1000000000000001.yaml")

    assert loaded.members == {"2000000000000007": record}
    assert loaded.events[-1].change == "member 2000000000000007: silence_period (DeletionType 1)"


def test_a_record_without_members_is_written_as_before(tmp_path: Path):
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert "members" not in dump(State.new("1000000000000001", None, now))


def test_a_member_recorded_as_submitted_is_never_submitted_again(api, cloud, settings, tmp_path):
    from dataclasses import replace

    from acctclose.members.close_run import close_members
    from acctclose.members.record import MemberRecorder
    from acctclose.prompts import ScriptedPrompter
    from acctclose.state_store import StateStore

    # An earlier run was cut short after DeleteAccount was accepted; Alibaba Cloud still
    # answers "Checking" (its pre-deletion check), which alone would look like no deletion.
    cloud.directory.members[ALLOWED].checks_started = 1
    store = StateStore.open("1000000000000001", tmp_path)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with store.session("test") as session:
        record = MemberRecord(status="incomplete", at=now, submitted_at=now)
        session.change(lambda state, at, cmd: state.set_member(ALLOWED, record, cmd))
    quick = replace(settings, deletion_poll=replace(settings.deletion_poll, timeout=0.05))
    preflight = read_preflight(api, [ALLOWED], deleting=True)

    with MemberRecorder(store, "acctclose close --member") as recorder:
        [outcome] = close_members(
            api,
            preflight,
            [ALLOWED],
            quick,
            prompter_for=lambda m: ScriptedPrompter(confirmed_id=m),
            recorder=recorder,
        )

    assert "DeleteAccount" not in cloud.actions() and "CheckAccountDelete" not in cloud.actions()
    assert outcome.outcome == "deleting"
    assert "not submitted again" in outcome.detail or "Checking" in outcome.detail
    loaded = store.load()
    assert loaded is not None and loaded.members[ALLOWED].submitted_at == now
