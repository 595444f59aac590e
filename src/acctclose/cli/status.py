"""`acctclose status`: where the closure stands, from the record alone (nothing is read or
changed in the cloud). Exit codes as for check, from the last check's verdict: 0 ready,
3 blocked, 4 incomplete, and 4 as well when no check is recorded yet (fail closed)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acctclose.cli.errors import handled_errors
from acctclose.cli.members_options import MemberIds
from acctclose.cli.options import (
    OUTPUT_PANEL,
    AsOf,
    as_of_date,
    debug_enabled,
    report_destination,
    terminal_width,
)
from acctclose.cli.state_options import RECORD_PANEL, StateDir
from acctclose.cli.status_watch import Checks, Interval, Watch, WatchProfile
from acctclose.errors import AcctcloseError


class Format(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


def status_command(
    ctx: typer.Context,
    account: Annotated[
        str | None,
        typer.Option(
            "--account",
            metavar="ID",
            help="The account whose record to show (default: the only one recorded).",
            rich_help_panel=RECORD_PANEL,
        ),
    ] = None,
    state_dir: StateDir = None,
    as_of: AsOf = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: table on a terminal, json otherwise).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    member: MemberIds = None,
    watch: Watch = False,
    interval: Interval = 900.0,
    checks: Checks = None,
    profile: WatchProfile = None,
) -> None:
    """Where the closure stands: stage, checklist progress, blockers from the last check, the
    timeline and the cool-down. Exit 0 ready, 3 blocked, 4 incomplete or no check yet, 1 error."""
    if member:  # Resource Directory members (issue 6): their deletion status, live
        from acctclose.cli.status_members import run_member_status

        with handled_errors(debug_enabled(ctx)):
            run_member_status(
                members=member,
                profile=None,
                site=None,
                fmt=output_format.value if output_format else None,
                state_dir=state_dir,
            )
    today = as_of_date(as_of) or datetime.now(UTC).date()
    with handled_errors(debug_enabled(ctx)):
        from acctclose.state_file import state_dir as resolve_state_dir
        from acctclose.state_store import StateStore
        from acctclose.status import exit_code, failed_since_last_check, status_document

        directory = resolve_state_dir(state_dir)
        account_id = account or _only_account(directory)
        if watch:  # the cool-down watch (issue 5): cli/status_watch.py
            from acctclose.cli.status_watch import run_watch

            raise typer.Exit(
                run_watch(
                    account_id=account_id,
                    directory=directory,
                    interval=interval,
                    checks=checks,
                    profile=profile,
                )
            )
        store = StateStore.open(account_id, directory)
        state = store.load()
        if state is None:
            raise AcctcloseError(
                f"no record for account {account_id} in {directory}: run acctclose prepare first"
            )
        document = status_document(state, today)
        fmt, interactive = report_destination(output_format)
        if fmt == Format.json:
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        elif fmt == Format.yaml:
            import yaml

            sys.stdout.write(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
        else:
            from acctclose.render.status_table import render

            sys.stdout.write(render(document, color=interactive, width=terminal_width(interactive)))
        if failed_since_last_check(state):
            sys.stderr.write(
                "acctclose: closure failed after the last check: settle the overdue payments, "
                "then re-check (acctclose prepare) and start again\n"
            )
        elif state.last_check is None:
            sys.stderr.write(
                "acctclose: no check recorded yet: run acctclose check or prepare "
                "(exit 4: not known to be ready)\n"
            )
        raise typer.Exit(exit_code(state))


def _only_account(directory: Path) -> str:
    accounts = sorted(
        path.name.removesuffix(".yaml")
        for path in directory.glob("*.yaml")
        if path.name.removesuffix(".yaml").isdigit()
    )
    if not accounts:
        raise AcctcloseError(f"no account recorded in {directory}: run acctclose prepare first")
    if len(accounts) > 1:
        raise AcctcloseError(
            f"records for several accounts in {directory} ({', '.join(accounts)}): "
            "pass --account ID"
        )
    return accounts[0]
