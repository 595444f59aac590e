"""Refusals: one clear line, exit 1, and not a single call that starts or changes anything."""

from __future__ import annotations

import pytest

from tests.fakes.resource_directory import MASTER_ID
from tests.members.conftest import (
    ALLOWED,
    DELEGATED,
    INVITED,
    NOT_IN_DIRECTORY,
    writes,
)


def not_the_management_account(cloud):  # type: ignore[no-untyped-def]
    cloud.account.account_id = "2000000000000009"


def root_user(cloud):  # type: ignore[no-untyped-def]
    cloud.account.identity_type = "Account"


def deletion_disabled(cloud):  # type: ignore[no-untyped-def]
    cloud.directory.member_deletion = "Disabled"


def no_directory(cloud):  # type: ignore[no-untyped-def]
    cloud.directory = None
    cloud.account.directory_master = None


CASES = {
    "caller outside the management account": (
        not_the_management_account,
        ALLOWED,
        "the caller's account 2000000000000009 is not the management account "
        f"({MASTER_ID}) of resource directory rd-abc123: members are checked and deleted by "
        "a RAM user or role of the management account: nothing was changed",
    ),
    "the management account's root user": (
        root_user,
        ALLOWED,
        "the management account's root user cannot delete members (Alibaba Cloud's guide): use "
        "a RAM user or role of the management account with AliyunResourceDirectoryFullAccess: "
        "nothing was changed",
    ),
    "member deletion not enabled": (
        deletion_disabled,
        ALLOWED,
        "member deletion is not enabled for resource directory rd-abc123 (MemberDeletionStatus "
        "Disabled): enabling it is a separate step, `acctclose members enable-deletion`: "
        "nothing was changed",
    ),
    "the member is the management account": (
        None,
        MASTER_ID,
        f"{MASTER_ID} is the management account of the directory, not a member to delete: "
        "nothing was changed",
    ),
    "an invited member": (
        None,
        INVITED,
        f"{INVITED} is an invited member (CloudAccount): it can only be removed from the "
        "directory, not deleted: nothing was changed",
    ),
    "an ID not in the directory": (
        None,
        NOT_IN_DIRECTORY,
        f"{NOT_IN_DIRECTORY} is not a member of resource directory rd-abc123: nothing was changed",
    ),
    "a delegated administrator": (
        None,
        DELEGATED,
        f"{DELEGATED} is a delegated administrator (cloudfw.aliyuncs.com): delegated "
        "administrator accounts cannot be deleted; deregister it first: nothing was changed",
    ),
    "no resource directory": (
        no_directory,
        ALLOWED,
        f"the caller's account {MASTER_ID} is not in a resource directory: there are no members "
        "to check or delete",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_close_refuses_with_one_line_and_writes_nothing(cli, cloud, case):
    arrange, member, message = CASES[case]
    if arrange is not None:
        arrange(cloud)

    result = cli("close", "--yes", "--member", member, "--confirm-account", member)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"acctclose: error: {message}"]
    assert result.stdout == ""
    assert writes(cloud) == []


def test_several_refused_members_are_named_on_the_one_line(cli, cloud):
    result = cli("check", "--member", INVITED, "--member", ALLOWED, "--member", NOT_IN_DIRECTORY)

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert INVITED in line and NOT_IN_DIRECTORY in line and ALLOWED not in line
    assert writes(cloud) == []
