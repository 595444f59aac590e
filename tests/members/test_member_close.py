"""`acctclose close --member` in scripts: the recorded calls prove DeleteAccount is sent once
per confirmed member with exactly the abandoned check ids, and never on a refusal."""

from __future__ import annotations

import yaml

from acctclose.state_store import StateStore
from tests.fakes.resource_directory import MASTER_ID
from tests.members.conftest import (
    ABANDONABLE,
    ALLOWED,
    BLOCKED,
    FAILING,
    SILENT,
    deletions,
    writes,
)


def close(acctclose, *members: str, abandon: tuple[str, ...] = (), confirm=None, **env: str):  # type: ignore[no-untyped-def]
    args = ["close", "--yes", "--format", "json"]
    for member in members:
        args += ["--member", member]
    for member in members if confirm is None else confirm:
        args += ["--confirm-account", member]
    for check_id in abandon:
        args += ["--abandon", check_id]
    return acctclose(*args, **env)


def test_an_allowed_member_is_deleted_with_one_delete_call(acctclose, cloud, tmp_path):
    result = close(acctclose, ALLOWED)

    assert result.returncode == 0, result.stderr
    member = result.members()[ALLOWED]
    assert member["outcome"] == "deleted"
    assert member["deletion"]["status"] == "Success"
    assert deletions(cloud) == [(ALLOWED, [])]
    # The status was polled until it ended (Deleting first, then Success).
    assert cloud.count("GetAccountDeletionStatus") >= 3
    record = StateStore.open(MASTER_ID, tmp_path / "state").load()
    assert record is not None and record.members[ALLOWED].status == "deleted"
    assert record.members[ALLOWED].submitted_at is not None


def test_only_the_confirmed_abandon_ids_are_sent_when_all_are_abandoned(acctclose, cloud):
    result = close(acctclose, ABANDONABLE, abandon=("NON_SP_oss", "NON_SP_cs", "NON_SP_other"))

    assert result.returncode == 0, result.stderr
    assert result.members()[ABANDONABLE]["abandoned"] == ["NON_SP_cs", "NON_SP_oss"]
    assert deletions(cloud) == [(ABANDONABLE, ["NON_SP_cs", "NON_SP_oss"])]


def test_a_member_with_an_abandonable_check_not_abandoned_is_not_deleted(cli, cloud):
    result = close(cli, ABANDONABLE, abandon=("NON_SP_cs",))

    assert result.returncode == 1
    member = result.members()[ABANDONABLE]
    assert member["outcome"] == "not_abandoned"
    assert "NON_SP_oss" in member["detail"]
    assert deletions(cloud) == []
    assert result.stderr.count("acctclose: error:") == 1


def test_a_blocked_member_is_checked_but_never_submitted(cli, cloud):
    result = close(cli, BLOCKED, abandon=("NON_SP_cs",))

    assert result.returncode == 1
    assert result.members()[BLOCKED]["outcome"] == "blocked"
    assert writes(cloud) == ["CheckAccountDelete"]


def test_a_failing_deletion_ends_delete_failed_with_the_reasons(cli, cloud):
    result = close(cli, FAILING, ALLOWED)

    assert result.returncode == 1
    members = result.members()
    assert members[FAILING]["outcome"] == "delete_failed"
    assert members[FAILING]["deletion"]["fail_reasons"][0]["name"] == "Others"
    assert members[ALLOWED]["outcome"] == "deleted"
    assert sorted(deletions(cloud)) == [(ALLOWED, []), (FAILING, [])]
    assert f"member {FAILING} not deleted: delete_failed" in result.stderr


def test_a_silence_period_is_shown_and_recorded_and_not_waited_for(acctclose, cloud, tmp_path):
    result = close(acctclose, SILENT)

    assert result.returncode == 4  # under way, not yet deleted: not 0
    member = result.members()[SILENT]
    assert member["outcome"] == "silence_period"
    assert member["deletion"]["silence_period"] is True
    assert "silence period" in member["detail"]
    state_text = (tmp_path / "state" / f"{MASTER_ID}.yaml").read_text()
    recorded = yaml.safe_load(state_text)["members"][SILENT]
    assert recorded["status"] == "silence_period" and recorded["deletion_type"] == "1"
    assert cloud.count("GetAccountDeletionStatus") == 1  # the status before; none after


def test_a_rerun_never_submits_again(acctclose, cloud):
    first = close(acctclose, ALLOWED, SILENT)
    assert first.returncode == 4

    again = close(acctclose, ALLOWED, SILENT)

    assert again.returncode == 4
    members = again.members()
    assert members[ALLOWED]["outcome"] == "already_deleted"
    assert members[SILENT]["outcome"] == "silence_period"
    assert sorted(deletions(cloud)) == [(ALLOWED, []), (SILENT, [])]  # from the first run only
    assert cloud.count("CheckAccountDelete") == 2  # no new check either


def test_a_throttled_delete_is_sent_again_and_accepted_once(cli, cloud):
    cloud.fail("DeleteAccount", "throttle", times=2)

    result = close(cli, ALLOWED)

    assert result.returncode == 0, result.stderr
    assert len(deletions(cloud)) == 3  # two refused by flow control, one accepted
    assert cloud.directory.members[ALLOWED].deletions == [[]]


def test_a_delete_whose_answer_was_lost_is_not_sent_blindly_again(cli, cloud):
    cloud.fail("DeleteAccount", "server_error", times=1)

    result = close(cli, ALLOWED)

    assert result.returncode == 1
    assert result.members()[ALLOWED]["outcome"] == "incomplete"
    assert "not known to be accepted" in result.members()[ALLOWED]["detail"]
    assert cloud.count("DeleteAccount") == 1


def test_yes_without_confirming_every_member_is_refused_before_any_call(cli, cloud):
    result = close(cli, ALLOWED, ABANDONABLE, confirm=[ALLOWED])

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "acctclose: error: deleting a member cannot be undone: with --yes, pass "
        f"--confirm-account {ABANDONABLE} for each member (missing for: {ABANDONABLE})"
    )
    assert cloud.actions() == []


def test_without_a_terminal_and_without_yes_nothing_is_asked_or_done(cli, cloud):
    result = cli("close", "--member", ALLOWED)

    assert result.returncode == 1
    assert "there is no terminal" in result.stderr
    assert cloud.actions() == []


def test_junit_report_alongside_the_json_one(cli, cloud, tmp_path):
    junit = tmp_path / "close.xml"
    result = cli(
        "close",
        "--yes",
        "--member",
        ALLOWED,
        "--member",
        FAILING,
        "--confirm-account",
        ALLOWED,
        "--confirm-account",
        FAILING,
        "--format",
        "json",
        "--junit",
        str(junit),
    )

    assert result.returncode == 1
    xml = junit.read_text()
    assert xml.count("<testcase") == 2 and 'failures="1"' in xml
    assert result.json()["exit_code"] == 1


def test_a_deletion_whose_own_check_fails_ends_check_failed(cli, cloud):
    cloud.directory.members[ALLOWED].delete_result = "CheckFailed"

    result = close(cli, ALLOWED)

    assert result.returncode == 1
    assert result.members()[ALLOWED]["outcome"] == "check_failed"
    assert result.members()[ALLOWED]["deletion"]["status"] == "CheckFailed"
    assert deletions(cloud) == [(ALLOWED, [])]
