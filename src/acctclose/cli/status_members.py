"""`acctclose status --member ID`: a member's deletion status, read from Alibaba Cloud
(GetAccountDeletionStatus, a read) beside what the record says acctclose did.

Exit 0 every member deleted, 3 a deletion or its check failed, 4 still under way or not
started, 1 error."""

from __future__ import annotations

from pathlib import Path

import typer

from acctclose.cli.members_run import api_errors, connect, emit, now, table_width
from acctclose.cli.options import report_destination
from acctclose.members.ids import member_ids


def run_member_status(
    *,
    members: list[str] | None,
    profile: str | None,
    site: str | None,
    fmt: str | None,
    state_dir: Path | None,
) -> None:
    from acctclose.members.batch import run_batch
    from acctclose.members.close_run import settle
    from acctclose.members.deletion import read_status
    from acctclose.members.model import MemberOutcome
    from acctclose.members.preconditions import read_preflight
    from acctclose.members.report import document, render
    from acctclose.state_store import StateStore

    ids = member_ids(members, None)
    chosen, interactive = report_destination(fmt)
    api, settings = connect(profile=profile, site=site)
    with api_errors(api):
        preflight = read_preflight(api, ids, deleting=False)
        statuses = run_batch(ids, lambda m: read_status(api, m), settings.concurrency, api.stop)
    state = StateStore.open(preflight.caller.account_id, state_dir).load()
    outcomes = []
    for member_id, status in zip(ids, statuses, strict=True):
        recorded = state.members.get(member_id) if state else None
        outcome = MemberOutcome(member_id, preflight.members[member_id].display_name or None)
        if status is None:
            outcome.outcome, outcome.detail = "not_started", "no deletion check or deletion yet"
        elif status.status == "Checking" and not (recorded and recorded.submitted_at):
            outcome.deletion = status
            outcome.outcome, outcome.detail = "not_started", "a deletion check, no deletion"
        else:
            settle(outcome, status)
        if recorded is not None:
            at = recorded.at.strftime("%Y-%m-%d %H:%M UTC")
            outcome.detail = "; ".join(
                part for part in (outcome.detail, f"recorded: {recorded.status} at {at}") if part
            )
            outcome.abandoned = tuple(recorded.abandoned)
        outcomes.append(outcome)
    doc = document("status", outcomes, preflight, now())
    emit(render(doc, chosen, color=interactive, width=table_width(interactive)), None, "")
    raise typer.Exit(doc["exit_code"])
