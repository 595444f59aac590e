"""`close --member`: delete Resource Directory members, each one only after its check allows
it, its abandonable checks are all abandoned, and its ID is confirmed.

Phases, so that questions never interleave with live progress:
1. where each member stands (GetAccountDeletionStatus), side by side: a member already
   `Deleting` or `Success` (or submitted by an earlier run) is never submitted again;
2. the deletion check of every other member, side by side;
3. the questions, one member after the other: which abandonable checks to abandon (all
   must be), then the member's ID typed (or `--confirm-account` in scripts);
4. DeleteAccount once per confirmed member, with exactly the abandoned check ids, then
   GetAccountDeletionStatus polled until Success, DeleteFailed or CheckFailed, side by side.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from acctclose.members.api import DirectoryApi, Interrupted
from acctclose.members.batch import run_batch
from acctclose.members.check_run import check_members
from acctclose.members.deletion import SILENCE_PERIOD, poll_deletion, read_status, submit
from acctclose.members.model import DeletionStatus, MemberOutcome
from acctclose.members.preconditions import Preflight, explain
from acctclose.members.progress import MemberProgress, NoProgress
from acctclose.members.record import MemberRecorder
from acctclose.members.settings import MemberSettings
from acctclose.prompts import ConfirmationRefused, Prompter
from acctclose.sources.live.retry import CallFailed, Unreadable
from acctclose.state import utc_now

SUBMITTED = frozenset({"submitted", "deleting", "silence_period"})
SILENCE_NOTE = (
    "DeletionType 1: deleted after a silence period (recent pay-as-you-go use; older docs "
    "say 45 days, current docs give no length)"
)

ProgressFor = Callable[[str, int], AbstractContextManager[MemberProgress]]
Say = Callable[[str], None]


def no_progress(title: str, total: int) -> AbstractContextManager[MemberProgress]:
    return contextlib.nullcontext(NoProgress())


@dataclass
class _Plan:
    outcome: MemberOutcome
    watch: bool = False  # a deletion already under way: poll it, never submit
    abandon: tuple[str, ...] | None = None  # confirmed: submit with exactly these ids


def close_members(
    api: DirectoryApi,
    preflight: Preflight,
    member_ids: Sequence[str],
    settings: MemberSettings,
    *,
    prompter_for: Callable[[str], Prompter],
    say: Say = lambda text: None,
    progress_for: ProgressFor = no_progress,
    recorder: MemberRecorder | None = None,
) -> list[MemberOutcome]:
    record = recorder or MemberRecorder(None, "acctclose close")
    ids = list(dict.fromkeys(member_ids))
    plans = {
        member_id: _Plan(
            MemberOutcome(member_id, preflight.members[member_id].display_name or None)
        )
        for member_id in ids
    }

    # 1. Where each member stands.
    with progress_for("Reading deletion status", len(ids)) as shown:
        statuses = dict(
            zip(
                ids,
                run_batch(ids, lambda m: _status(api, m, shown), settings.concurrency, api.stop),
                strict=True,
            )
        )
    to_check = []
    for member_id in ids:
        plan = plans[member_id]
        _triage(plan, statuses[member_id], record.previous(member_id))
        if plan.watch or plan.outcome.outcome != "incomplete":
            continue
        if isinstance(statuses[member_id], str):  # the status could not be read
            continue
        to_check.append(member_id)

    # 2. The deletion checks.
    with progress_for("Checking members", len(to_check)) as shown:
        checked = check_members(api, preflight, to_check, settings, progress=shown, recorder=record)
    for result in checked:
        plan = plans[result.account_id]
        plan.outcome.check, plan.outcome.findings = result.check, result.findings
        if result.outcome != "allowed":
            plan.outcome.outcome, plan.outcome.detail = result.outcome, result.detail

    # 3. The questions, one member at a time.
    for result in checked:
        if result.outcome == "allowed":
            _decide(plans[result.account_id], prompter_for(result.account_id), say)

    # 4. Submit once, then poll; and poll the deletions already under way.
    work = [m for m in ids if plans[m].watch or plans[m].abandon is not None]
    with progress_for("Deleting members", len(work)) as shown:
        run_batch(
            work,
            lambda m: _delete(api, plans[m], settings, preflight, record, shown),
            settings.concurrency,
            api.stop,
        )
    # Members that went no further than triage, a blocked check or a question: their end.
    checked_ids = {result.account_id: result.outcome for result in checked}
    for member_id in ids:
        if member_id in work:
            continue  # recorded by _delete
        outcome = plans[member_id].outcome
        if checked_ids.get(member_id) == outcome.outcome:
            continue  # the check's outcome, recorded by the check
        record.outcome(outcome)
    return [plans[member_id].outcome for member_id in ids]


def _status(
    api: DirectoryApi, member_id: str, shown: MemberProgress
) -> DeletionStatus | str | None:
    shown.update(member_id, "reading status")
    try:
        status = read_status(api, member_id)
    except Interrupted:
        raise
    except Unreadable as error:
        return error.reason
    shown.update(member_id, status.status if status else "no deletion yet")
    return status


def _triage(plan: _Plan, status: DeletionStatus | str | None, previous: object) -> None:
    outcome = plan.outcome
    previous_status = getattr(previous, "status", None)  # from the record, if any
    if isinstance(status, str):
        outcome.outcome, outcome.detail = "incomplete", f"deletion status unknown: {status}"
        return
    outcome.deletion = status
    if status is not None and status.status == "Success":
        outcome.outcome, outcome.detail = "already_deleted", "deleted before this run"
        return
    if status is not None and status.status == "Deleting":
        plan.watch = True
        outcome.detail = "already being deleted: not submitted again"
        return
    submitted_before = previous_status in SUBMITTED or (
        getattr(previous, "submitted_at", None) is not None
    )
    if submitted_before and (status is None or status.status == "Checking"):
        # Our record says DeleteAccount was accepted: never submit twice; look again.
        plan.watch = True
        outcome.detail = "submitted by an earlier run: not submitted again"
        return
    if status is not None and status.status in ("DeleteFailed", "CheckFailed"):
        outcome.detail = f"an earlier deletion ended {status.status}; checking again"


def _decide(plan: _Plan, prompter: Prompter, say: Say) -> None:
    outcome = plan.outcome
    assert outcome.check is not None
    member_id, name = outcome.account_id, outcome.display_name
    label = f"{member_id} ({name})" if name else member_id
    abandonable = outcome.check.abandonable
    if abandonable:
        say(
            f"Member {label}: {len(abandonable)} check(s) may be abandoned; all must be "
            "abandoned (or resolved and checked again) for deletion to go ahead:"
        )
        for item in abandonable:
            say(f"  {item.check_id}  {item.name}: {item.description}")
    kept = [
        item.check_id
        for item in abandonable
        if not prompter.confirm(
            f"abandon:{item.check_id}",
            f"Member {member_id}: abandon {item.check_id} ({item.name})?",
            default=False,
        )
    ]
    if kept:
        outcome.outcome = "not_abandoned"
        outcome.detail = (
            f"not abandoned: {', '.join(kept)}: resolve them or abandon them, then close again"
        )
        return
    try:
        prompter.confirm_id(
            f"confirm:{member_id}",
            f"Delete member {label} with all its resources and data? This cannot be undone.",
            member_id,
        )
    except ConfirmationRefused as refused:
        outcome.outcome, outcome.detail = "not_confirmed", str(refused)
        return
    plan.abandon = tuple(item.check_id for item in abandonable)
    outcome.abandoned = plan.abandon


def _delete(
    api: DirectoryApi,
    plan: _Plan,
    settings: MemberSettings,
    preflight: Preflight,
    record: MemberRecorder,
    shown: MemberProgress,
) -> None:
    outcome = plan.outcome
    member_id = outcome.account_id
    try:
        if plan.abandon is not None:
            shown.update(member_id, "submitting")
            deletion_type = submit(api, member_id, plan.abandon)
            record.note(
                member_id,
                "submitted",
                display_name=outcome.display_name,
                abandoned=list(plan.abandon),
                deletion_type=deletion_type,
                submitted_at=utc_now(),
            )
            outcome.deletion = DeletionStatus("Deleting", deletion_type)
            # From here on the member is being deleted, whatever happens to this run.
            outcome.outcome, outcome.detail = "deleting", "submitted"
            if deletion_type == SILENCE_PERIOD:
                settle(outcome, outcome.deletion)
                return
        shown.update(member_id, "deleting")
        last = poll_deletion(
            api,
            member_id,
            settings.deletion_poll,
            on_status=lambda status: shown.update(member_id, status.status),
        )
        settle(outcome, last or outcome.deletion)
    except Interrupted:
        raise
    except CallFailed as error:
        # A deletion already accepted stays "deleting": a later run must not submit again.
        if outcome.outcome != "deleting":
            outcome.outcome = "incomplete"
        outcome.detail = explain(error, preflight.caller)
        if plan.abandon is not None and error.api == "DeleteAccount":
            outcome.detail += (
                f" (not known to be accepted: see acctclose status --member {member_id})"
            )
    except Unreadable as error:
        if outcome.outcome != "deleting":
            outcome.outcome = "incomplete"
        outcome.detail = error.reason
    finally:
        record.outcome(outcome)
        shown.update(member_id, outcome.outcome, outcome.detail)


def settle(outcome: MemberOutcome, status: DeletionStatus | None) -> None:
    """The outcome a deletion status means (also what `status --member` shows)."""
    outcome.deletion = status
    if status is None:
        outcome.outcome, outcome.detail = "incomplete", "no deletion status after submitting"
    elif status.status == "Success":
        outcome.outcome, outcome.detail = "deleted", ""
    elif status.deletion_type == SILENCE_PERIOD and status.status in ("Deleting", "Checking"):
        outcome.outcome, outcome.detail = "silence_period", SILENCE_NOTE
    elif status.status == "DeleteFailed":
        outcome.outcome, outcome.detail = "delete_failed", _reasons(status)
    elif status.status == "CheckFailed":
        outcome.outcome, outcome.detail = "check_failed", _reasons(status)
    else:
        outcome.outcome = "deleting"
        outcome.detail = f"still {status.status} when this run stopped waiting"


def _reasons(status: DeletionStatus) -> str:
    return "; ".join(f"{r.name}: {r.description}" for r in status.fail_reasons) or status.status
