"""`acctclose check --member ID`: the deletion check of Resource Directory members.

Starts each member's check (CheckAccountDelete) and polls its result; reports NotAllowReason
as must-process and AbandonableChecks as renounceable findings, with their check ids. Never
calls DeleteAccount. Exit 0 every member allowed, 3 any blocked, 4 any unknown, 1 error."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from acctclose.cli.members_run import (
    api_errors,
    connect,
    emit,
    now,
    progress_factory,
    table_width,
)
from acctclose.cli.options import report_destination
from acctclose.members.ids import member_ids


def run_member_check(
    *,
    members: list[str] | None,
    members_file: Path | None,
    profile: str | None,
    site: str | None,
    fmt: str | None,
    output: Path | None,
    state_dir: Path | None,
    concurrency: int | None = None,
    rate: float | None = None,
    timeout: float | None = None,
) -> None:
    from acctclose.members.check_run import check_members
    from acctclose.members.preconditions import read_preflight
    from acctclose.members.record import MemberRecorder
    from acctclose.members.report import document, render

    ids = member_ids(members, members_file)
    chosen, interactive = report_destination(fmt, output)
    api, settings = connect(
        profile=profile, site=site, concurrency=concurrency, rate=rate, timeout=timeout
    )
    with api_errors(api):
        preflight = read_preflight(api, ids, deleting=False)
        progress = progress_factory(sys.stderr.isatty() and chosen != "json")
        recorder = MemberRecorder.for_account(
            preflight.caller.account_id, state_dir, "acctclose check --member"
        )
        with recorder, progress("Checking members", len(ids)) as shown:
            outcomes = check_members(
                api, preflight, ids, settings, progress=shown, recorder=recorder
            )
    doc = document("check", outcomes, preflight, now())
    text = render(doc, chosen, color=interactive, width=table_width(interactive))
    emit(text, output, f"exit {doc['exit_code']}")
    raise typer.Exit(doc["exit_code"])
