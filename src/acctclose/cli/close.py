"""`acctclose close`: the closure wizard for this account, or with `--member ID` the deletion of
Resource Directory members through the API. This module only dispatches: members are in
cli/close_members.py, the account wizard (issue 5) in cli/close_wizard.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from acctclose.cli.close_options import (
    Account,
    ConsoleCheckClean,
    CoolDownEnds,
    Reason,
    Result,
)
from acctclose.cli.errors import fail, handled_errors
from acctclose.cli.members_options import (
    MEMBERS_PANEL,
    Concurrency,
    MemberIds,
    MembersFile,
    Rate,
    Timeout,
)
from acctclose.cli.options import (
    OUTPUT_PANEL,
    FromFile,
    FxRates,
    OutputFile,
    Profile,
    ReportFormat,
    Site,
    debug_enabled,
)
from acctclose.cli.state_options import StateDir

CONFIRM_PANEL = "Confirmation"


def close_command(
    ctx: typer.Context,
    member: MemberIds = None,
    members_file: MembersFile = None,
    profile: Profile = None,
    site: Site = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Answer questions from the flags instead of asking (scripts). Alone it never "
            "confirms anything irreversible: add --confirm-account.",
            rich_help_panel=CONFIRM_PANEL,
        ),
    ] = False,
    confirm_account: Annotated[
        list[str] | None,
        typer.Option(
            "--confirm-account",
            metavar="ID",
            help="With --yes: the account ID that may be closed or deleted; for members, "
            "once per member (repeatable).",
            rich_help_panel=CONFIRM_PANEL,
        ),
    ] = None,
    abandon: Annotated[
        list[str] | None,
        typer.Option(
            "--abandon",
            metavar="CHECK_ID",
            help="Abandon this abandonable check of a member's deletion check (repeatable). "
            "Every abandonable check must be abandoned (or resolved) for deletion to go ahead.",
            rich_help_panel=MEMBERS_PANEL,
        ),
    ] = None,
    concurrency: Concurrency = None,
    rate: Rate = None,
    timeout: Timeout = None,
    state_dir: StateDir = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Members report format (default: table on a terminal, json otherwise).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    output: OutputFile = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            metavar="FILE",
            help="Also write the members report as JUnit XML (one test case per member).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    # The account wizard's options (issue 5): cli/close_options.py.
    from_file: FromFile = None,
    fx_rate: FxRates = None,
    console_check_clean: ConsoleCheckClean = False,
    account: Account = None,
    reason: Reason = None,
    cool_down_ends: CoolDownEnds = None,
    result: Result = None,
) -> None:
    """Close this account (the guided wizard), or with --member ID delete Resource Directory
    members. Nothing irreversible happens without the account ID typed or --yes with
    --confirm-account ID."""
    wizard_options = {
        "--from": from_file,
        "--fx-rate": fx_rate,
        "--console-check-clean": console_check_clean,
        "--account": account,
        "--reason": reason,
        "--cool-down-ends": cool_down_ends,
        "--result": result,
    }
    member_options = {
        "--abandon": abandon,
        "--concurrency": concurrency,
        "--rate": rate,
        "--timeout": timeout,
        "--format": output_format,
        "--output": output,
        "--junit": junit,
    }
    # An option the chosen path ignores would be a silent surprise: refuse it instead.
    deleting_members = bool(member or members_file)
    ignored = [
        name
        for name, value in (wizard_options if deleting_members else member_options).items()
        if value
    ]
    if ignored:
        path = "with --member" if deleting_members else "without --member"
        raise typer.BadParameter(f"{', '.join(ignored)} cannot be used {path}")
    with handled_errors(debug_enabled(ctx)):
        if deleting_members:
            from acctclose.cli.close_members import run_member_close

            run_member_close(
                members=member,
                members_file=members_file,
                profile=profile,
                site=site.value if site else None,
                yes=yes,
                confirm_accounts=confirm_account,
                abandon=abandon,
                fmt=output_format.value if output_format else None,
                output=output,
                junit=junit,
                state_dir=state_dir,
                concurrency=concurrency,
                rate=rate,
                timeout=timeout,
            )
            return
        from acctclose.cli.close_wizard import run_account_wizard

        if len(confirm_account or []) > 1:
            fail("--confirm-account: closing this account takes one account ID")
            raise typer.Exit(1)
        run_account_wizard(
            ctx,
            profile=profile,
            site=site.value if site else None,
            yes=yes,
            confirm_account=confirm_account[0] if confirm_account else None,
            state_dir=state_dir,
            from_file=from_file,
            fx_rate=fx_rate,
            console_check_clean=console_check_clean,
            account=account,
            reason=reason,
            cool_down_ends=cool_down_ends,
            result=result.value if result else None,
        )
