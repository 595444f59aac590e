"""`status --member`, `members list` and `members enable-deletion` against the fake server."""

from __future__ import annotations

from tests.members.conftest import ALLOWED, DELEGATED, INVITED, SILENT, writes


def test_status_of_a_member_never_checked_is_not_started(cli, cloud):
    # GetAccountDeletionStatus answers 409 EntityNotExists.CheckAccount: no check yet.
    result = cli("status", "--member", ALLOWED)

    assert result.returncode == 4
    member = result.members()[ALLOWED]
    assert member["outcome"] == "not_started" and member["deletion"] is None
    assert writes(cloud) == []


def test_status_after_close_shows_the_silence_period_and_the_record(cli, cloud):
    cli("close", "--yes", "--member", SILENT, "--confirm-account", SILENT)
    cli("close", "--yes", "--member", ALLOWED, "--confirm-account", ALLOWED)
    before = len(writes(cloud))

    result = cli("status", "--member", SILENT, "--member", ALLOWED)

    assert result.returncode == 4  # one member still in its silence period
    members = result.members()
    assert members[SILENT]["outcome"] == "silence_period"
    assert "recorded: silence_period" in members[SILENT]["detail"]
    assert members[ALLOWED]["outcome"] == "deleted"
    assert len(writes(cloud)) == before  # status only reads


def test_members_list_says_which_members_can_be_deleted(cli, cloud):
    result = cli("members", "list", "--format", "json")

    assert result.returncode == 0, result.stderr
    rows = {row["account_id"]: row for row in result.json()["members"]}
    assert rows[ALLOWED]["deletable"] is True
    assert rows[INVITED]["deletable"] is False and rows[INVITED]["type"] == "CloudAccount"
    assert rows[DELEGATED]["delegated_administrator_for"] == ["cloudfw.aliyuncs.com"]
    assert rows[DELEGATED]["deletable"] is False
    assert writes(cloud) == []


def test_enable_deletion_is_its_own_step_and_asks_in_scripts_via_yes(cli, cloud):
    cloud.directory.member_deletion = "Disabled"

    refused = cli("members", "enable-deletion")
    assert refused.returncode == 1 and "no terminal" in refused.stderr
    assert writes(cloud) == []

    done = cli("members", "enable-deletion", "--yes")
    assert done.returncode == 0, done.stderr
    assert writes(cloud) == ["SetMemberDeletionPermission"]
    assert cloud.directory.member_deletion == "Enabled"
