"""What must hold before a member is checked or deleted, from Alibaba Cloud's guide "Delete a
member of the resource account type". Every refusal is decided from reads alone, before any
call that could change something, and reads as one sentence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from acctclose.errors import AcctcloseError
from acctclose.members.api import DirectoryApi
from acctclose.members.directory import (
    Caller,
    Directory,
    NotInDirectory,
    delegated_administrators,
    list_members,
    read_caller,
    read_directory,
)
from acctclose.members.model import RESOURCE_ACCOUNT, Member
from acctclose.sources.live.retry import PERMISSION_CODES, CallFailed

ROOT_USER = (
    "the management account's root user cannot delete members (Alibaba Cloud's guide): "
    "use a RAM user or role of the management account with AliyunResourceDirectoryFullAccess"
)


class Refused(AcctcloseError):
    """A precondition does not hold: nothing was written."""


@dataclass(frozen=True, slots=True)
class Preflight:
    caller: Caller
    directory: Directory
    members: dict[str, Member]
    delegated: dict[str, list[str]]  # account -> services it administers


def caller_refusal(caller: Caller, directory: Directory, *, deleting: bool) -> str | None:
    if caller.account_id != directory.master_account_id:
        return (
            f"the caller's account {caller.account_id} is not the management account "
            f"({directory.master_account_id}) of resource directory {directory.directory_id}: "
            "members are checked and deleted by a RAM user or role of the management account"
        )
    if deleting and caller.kind == "account":
        return ROOT_USER
    return None


def deletion_disabled(directory: Directory) -> str | None:
    if directory.deletion_enabled:
        return None
    return (
        f"member deletion is not enabled for resource directory {directory.directory_id} "
        f"(MemberDeletionStatus {directory.member_deletion}): enabling it is a separate step, "
        "`acctclose members enable-deletion`"
    )


def member_refusal(member_id: str, preflight: Preflight) -> str | None:
    """Why this ID cannot be checked or deleted as a member at all, or None."""
    directory = preflight.directory
    if member_id == directory.master_account_id:
        return f"{member_id} is the management account of the directory, not a member to delete"
    member = preflight.members.get(member_id)
    if member is None:
        return f"{member_id} is not a member of resource directory {directory.directory_id}"
    if member.type != RESOURCE_ACCOUNT:
        return (
            f"{member_id} is an invited member ({member.type or 'unknown type'}): it can only be "
            "removed from the directory, not deleted"
        )
    return None


def delegated_refusal(member_id: str, delegated: Mapping[str, list[str]]) -> str | None:
    services = delegated.get(member_id)
    if not services:
        return None
    return (
        f"{member_id} is a delegated administrator ({', '.join(sorted(services))}): delegated "
        "administrator accounts cannot be deleted; deregister it first"
    )


def refuse(reasons: Iterable[str]) -> None:
    """One line for every refusal of the run; Refused when there is any."""
    found = list(dict.fromkeys(reasons))
    if found:
        raise Refused("; ".join(found) + ": nothing was changed")


def explain(error: CallFailed, caller: Caller) -> str:
    """An API refusal in the guide's words where the guide has them."""
    denied = error.code in PERMISSION_CODES or error.code.startswith(("Forbidden", "NoPermission"))
    if denied and caller.kind == "account":
        return f"{ROOT_USER} ({error.api}: {error.code})"
    return error.reason


def read_preflight(api: DirectoryApi, member_ids: Iterable[str], *, deleting: bool) -> Preflight:
    """Everything a run must know before its first check or deletion; Refused when the run
    cannot go ahead for every member (one line naming each reason)."""
    caller = read_caller(api)
    try:
        directory = read_directory(api)
    except NotInDirectory:
        raise Refused(
            f"the caller's account {caller.account_id} is not in a resource directory: "
            "there are no members to check or delete"
        ) from None
    refuse(reason for reason in [caller_refusal(caller, directory, deleting=deleting)] if reason)
    if deleting:
        refuse(reason for reason in [deletion_disabled(directory)] if reason)
    members = {member.account_id: member for member in list_members(api)}
    preflight = Preflight(caller, directory, members, delegated_administrators(api))
    reasons = [member_refusal(member_id, preflight) for member_id in member_ids]
    if deleting:
        reasons += [delegated_refusal(member_id, preflight.delegated) for member_id in member_ids]
    refuse(reason for reason in reasons if reason)
    return preflight


def blocking_preconditions(member_id: str, preflight: Preflight) -> list[dict[str, str]]:
    """For `check`: what would make `close` refuse this member, as must-process findings."""
    found = []
    delegated = delegated_refusal(member_id, preflight.delegated)
    if delegated:
        found.append(
            (
                "member.delegated_administrator",
                delegated,
                "Deregister it as a delegated administrator.",
            )
        )
    disabled = deletion_disabled(preflight.directory)
    if disabled:
        found.append(
            ("directory.member_deletion_disabled", disabled, "acctclose members enable-deletion")
        )
    if preflight.caller.kind == "account":
        found.append(
            (
                "caller.root_user",
                ROOT_USER,
                "Run close as a RAM user or role of the management account.",
            )
        )
    return [
        {"id": finding_id, "severity": "must_process", "title": title, "action": action}
        for finding_id, title, action in found
    ]
