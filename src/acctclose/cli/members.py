"""`acctclose members`: the Resource Directory's members (`list`), and the one switch member
deletion needs (`enable-deletion`, asked for by name, never done on the way to something else)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from acctclose.cli.errors import handled_errors
from acctclose.cli.options import (
    OUTPUT_PANEL,
    Profile,
    Site,
    debug_enabled,
    report_destination,
)

members_app = typer.Typer(
    help="Resource Directory members: list them, and enable member deletion.",
    no_args_is_help=True,
)


class Format(StrEnum):
    table = "table"
    json = "json"


@members_app.command("list")
def list_command(
    ctx: typer.Context,
    profile: Profile = None,
    site: Site = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default on a terminal) or json.",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
) -> None:
    """The directory's members (ListAccounts): ID, name, type, status, and whether acctclose
    can delete it (only ResourceAccount members that are not delegated administrators)."""
    with handled_errors(debug_enabled(ctx)):
        from acctclose.cli.members_run import api_errors, connect
        from acctclose.members.preconditions import delegated_refusal, read_preflight

        api, _ = connect(profile=profile, site=site.value if site else None)
        with api_errors(api):
            preflight = read_preflight(api, [], deleting=False)
        rows = []
        for member in sorted(preflight.members.values(), key=lambda m: m.display_name):
            refusal = delegated_refusal(member.account_id, preflight.delegated)
            deletable = member.type == "ResourceAccount" and refusal is None
            rows.append(
                {
                    "account_id": member.account_id,
                    "display_name": member.display_name,
                    "type": member.type,
                    "status": member.status,
                    "delegated_administrator_for": sorted(
                        preflight.delegated.get(member.account_id, [])
                    ),
                    "deletable": deletable,
                }
            )
        fmt, interactive = report_destination(output_format)
        if fmt == Format.json:
            document = {
                "directory": {
                    "id": preflight.directory.directory_id,
                    "management_account_id": preflight.directory.master_account_id,
                    "member_deletion": preflight.directory.member_deletion,
                },
                "members": rows,
            }
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            return
        sys.stdout.write(_table(rows, preflight.directory.member_deletion, interactive))


def _table(rows: list[dict[str, Any]], member_deletion: str, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    grid = Table(
        title=f"{len(rows)} members (member deletion: {member_deletion})", title_justify="left"
    )
    for column in ("member", "name", "type", "status", "deletable"):
        grid.add_column(column)
    for row in rows:
        grid.add_row(
            row["account_id"],
            row["display_name"],
            row["type"],
            row["status"],
            "yes" if row["deletable"] else "no",
        )
    from acctclose.cli.members_run import table_width

    console = Console(width=table_width(color) or 120, force_terminal=color, no_color=not color)
    with console.capture() as captured:
        console.print(grid)
    return captured.get()


@members_app.command("enable-deletion")
def enable_deletion_command(
    ctx: typer.Context,
    profile: Profile = None,
    site: Site = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Do not ask (scripts)."),
    ] = False,
) -> None:
    """Enable member deletion for the resource directory (SetMemberDeletionPermission). It lets
    `close --member` delete members; it deletes nothing by itself."""
    with handled_errors(debug_enabled(ctx)):
        from acctclose.cli.members_run import api_errors, connect, say
        from acctclose.members.directory import enable_member_deletion
        from acctclose.members.preconditions import Refused, caller_refusal, read_preflight
        from acctclose.prompts import prompter_for

        api, _ = connect(profile=profile, site=site.value if site else None)
        with api_errors(api):
            preflight = read_preflight(api, [], deleting=False)
            refusal = caller_refusal(preflight.caller, preflight.directory, deleting=True)
            if refusal:
                raise Refused(refusal)
            directory = preflight.directory
            if directory.deletion_enabled:
                say(f"Member deletion is already enabled for {directory.directory_id}.")
                return
            prompter = prompter_for(yes=yes, command="acctclose members enable-deletion")
            question = (
                f"Enable member deletion for resource directory {directory.directory_id}? "
                "Members can then be deleted through the API (each still confirmed by its ID)."
            )
            if not prompter.confirm("enable-deletion", question, default=yes):
                say("Nothing was changed.")
                raise typer.Exit(1)
            status = enable_member_deletion(api)
        say(f"Member deletion for {directory.directory_id}: {status or 'Enabled'}.")
