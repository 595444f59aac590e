"""`acctclose check --member`: the deletion check, polled until complete, as findings; never a
deletion. Run as a subprocess against the fake server (the real SDK, real HTTP)."""

from __future__ import annotations

from pathlib import Path

from tests.members.conftest import (
    ABANDONABLE,
    ALLOWED,
    BLOCKED,
    DELEGATED,
    writes,
)


def test_an_allowed_member_is_ready_after_the_check_stops_pre_checking(acctclose, cloud, directory):
    result = acctclose("check", "--member", ALLOWED)

    assert result.returncode == 0, result.stderr
    member = result.members()[ALLOWED]
    assert member["outcome"] == "allowed" and member["allow_delete"] is True
    assert member["findings"] == []
    # The fake answered PreChecking for several polls before the result.
    assert directory.members[ALLOWED].result_polls == directory.members[ALLOWED].check_polls + 1
    assert cloud.count("CheckAccountDelete") == 1
    assert "DeleteAccount" not in cloud.actions()


def test_not_allowed_reasons_are_must_process_and_abandonable_checks_renounceable(acctclose, cloud):
    result = acctclose("check", "--member", BLOCKED)

    assert result.returncode == 3
    findings = {f["check_id"]: f for f in result.members()[BLOCKED]["findings"]}
    assert findings["NON_SP_efc"]["severity"] == "must_process"
    assert findings["NON_SP_efc"]["title"] == "Enterprise finance: A finance relationship."
    assert findings["NON_SP_cs"]["severity"] == "renounceable"
    assert "--abandon NON_SP_cs" in findings["NON_SP_cs"]["action"]
    assert result.members()[BLOCKED]["outcome"] == "blocked"


def test_abandonable_checks_alone_do_not_block(cli):
    result = cli("check", "--member", ABANDONABLE)

    assert result.returncode == 0
    member = result.members()[ABANDONABLE]
    assert member["outcome"] == "allowed"
    assert [f["check_id"] for f in member["findings"]] == ["NON_SP_cs", "NON_SP_oss"]
    assert {f["severity"] for f in member["findings"]} == {"renounceable"}


def test_many_members_side_by_side_from_flags_and_a_file_never_delete(cli, cloud, tmp_path):
    listed = tmp_path / "members.txt"
    listed.write_text(f"# leavers\n{ABANDONABLE}  # the leaver\n\n{BLOCKED}\n{ALLOWED}\n")

    result = cli("check", "--member", ALLOWED, "--members-file", str(listed))

    assert result.returncode == 3  # one is blocked
    assert list(result.members()) == [ALLOWED, ABANDONABLE, BLOCKED]  # each once, in order
    assert result.json()["summary"]["outcomes"] == {"allowed": 2, "blocked": 1}
    assert writes(cloud) == ["CheckAccountDelete"] * 3  # starts checks; nothing else


def test_a_delegated_administrator_is_reported_as_blocking_by_check(cli):
    result = cli("check", "--member", DELEGATED)

    assert result.returncode == 3
    ids = [f["id"] for f in result.members()[DELEGATED]["findings"]]
    assert ids == ["member.delegated_administrator"]


def test_throttled_calls_are_retried_and_the_check_still_completes(acctclose, cloud):
    cloud.fail("CheckAccountDelete", "throttle", times=2)
    cloud.fail("GetAccountDeletionCheckResult", "throttle", times=3)
    cloud.fail("ListAccounts", "throttle", times=1, code="Throttling.Api")

    result = acctclose("check", "--member", ALLOWED)

    assert result.returncode == 0, result.stderr
    assert result.members()[ALLOWED]["outcome"] == "allowed"
    assert cloud.count("CheckAccountDelete") == 3  # two throttled, then accepted


def test_a_check_that_never_completes_is_incomplete_after_the_timeout(cli, directory):
    directory.members[ALLOWED].check_polls = 10_000

    result = cli("check", "--member", ALLOWED, "--timeout", "0.3")

    assert result.returncode == 4
    member = result.members()[ALLOWED]
    assert member["outcome"] == "incomplete"
    assert "still running after 0.3 s" in member["detail"]


def test_junit_has_one_case_per_member_failing_the_blocked_one(cli, tmp_path):
    out = tmp_path / "members.xml"
    result = cli(
        "check", "--member", ALLOWED, "--member", BLOCKED, "--format", "junit", "-o", str(out)
    )

    assert result.returncode == 3
    xml = out.read_text()
    assert xml.count("<testcase") == 2 and 'failures="1"' in xml
    assert "NON_SP_efc" in xml


def test_a_members_file_with_a_bad_line_is_one_error(cli, cloud, tmp_path: Path):
    listed = tmp_path / "members.txt"
    listed.write_text(f"{ALLOWED}\nsandbox-7\n")

    result = cli("check", "--members-file", str(listed))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"acctclose: error: {listed}, line 2: expected a member's numeric account ID, "
        "got 'sandbox-7'"
    ]
    assert cloud.actions() == []  # refused before any call


def test_check_member_refuses_options_of_the_accounts_own_check(cli, cloud):
    result = cli("check", "--member", ALLOWED, "--from", "x.yaml")

    assert result.returncode == 2
    assert cloud.actions() == []
