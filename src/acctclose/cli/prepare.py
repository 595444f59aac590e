"""`acctclose prepare`: the preparation checklist, interactive or scripted, and backups.

At a terminal it asks for the facts only the owner knows, then walks the open items in
the order of work. With --state/--done/--waive/--later (or --yes) it asks nothing and
records what the flags say. Without a terminal and without those flags it refuses
(exit 1) rather than wait for answers that cannot come.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acctclose.cli.errors import handled_errors
from acctclose.cli.options import (
    AsOf,
    EnableResourceCenter,
    FromFile,
    FxRates,
    Profile,
    Site,
    as_of_date,
    debug_enabled,
    fx_rates,
    source_options,
)
from acctclose.cli.state_options import StateDir
from acctclose.errors import AcctcloseError

SCRIPT_PANEL = "Scripted (no questions)"
EXPORT_PANEL = "Backups"

NEEDS_TERMINAL = (
    "prepare asks questions and there is no terminal: record answers with --state KEY=VALUE, "
    "--done ID, --waive ID=REASON, --later ID, or pass --yes to only re-check "
    "(see docs/prepare.md)"
)


def prepare_command(
    ctx: typer.Context,
    from_file: FromFile = None,
    profile: Profile = None,
    site: Site = None,
    enable_resource_center: EnableResourceCenter = False,
    fx_rate: FxRates = None,
    as_of: AsOf = None,
    state_dir: StateDir = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            metavar="KEY=VALUE",
            help="State a fact no API reports (repeatable): icp_filings=none|NUMBER,…, "
            "partner=none|NAME, enterprise_multi_account=none|super_admin|member, "
            "resource_directory=…, finance_trusteeship=…, financial_management=…, "
            "identity_verified=yes|no.",
            rich_help_panel=SCRIPT_PANEL,
        ),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option(
            "--done",
            metavar="ID[=NOTE]",
            help="Mark a checklist item done (repeatable), e.g. billing.outstanding.",
            rich_help_panel=SCRIPT_PANEL,
        ),
    ] = None,
    waive: Annotated[
        list[str] | None,
        typer.Option(
            "--waive",
            metavar="ID=REASON",
            help="Waive a checklist item, with the reason (repeatable).",
            rich_help_panel=SCRIPT_PANEL,
        ),
    ] = None,
    later: Annotated[
        list[str] | None,
        typer.Option(
            "--later",
            metavar="ID[=NOTE]",
            help="Leave an item for later, reopening it if it was done or waived (repeatable).",
            rich_help_panel=SCRIPT_PANEL,
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Ask nothing: record only what the flags say, then re-check.",
            rich_help_panel=SCRIPT_PANEL,
        ),
    ] = False,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="DIR",
            help="Export bills, subscriptions and the resource inventory to DIR (resumable; "
            "existing files are never overwritten without asking).",
            rich_help_panel=EXPORT_PANEL,
        ),
    ] = None,
    cycles: Annotated[
        int,
        typer.Option(
            "--cycles",
            min=1,
            max=120,
            help="How many past billing cycles of bills to export.",
            rich_help_panel=EXPORT_PANEL,
        ),
    ] = 12,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Let --export replace existing files that differ, without asking.",
            rich_help_panel=EXPORT_PANEL,
        ),
    ] = False,
) -> None:
    """Prepare for closure: state the facts no API reports, then work through the checklist in
    the order of work, marking each item done, waived (with a reason) or left for later. Every
    answer is saved at once; run it again to resume. See docs/prepare.md."""
    rates = fx_rates(fx_rate)
    today = as_of_date(as_of)
    options = source_options(
        from_file=from_file,
        profile=profile,
        site=site,
        enable_resource_center=enable_resource_center,
        show_progress=sys.stderr.isatty(),
    )
    with handled_errors(debug_enabled(ctx)):
        from acctclose.cli.prepare_flags import parse_flags

        answers = parse_flags(state or [], done or [], waive or [], later or [])
        scripted = yes or not answers.empty
        if not scripted and export is None and not _terminal():
            raise AcctcloseError(NEEDS_TERMINAL)
        from acctclose.cli.prepare_run import PrepareRun

        run = PrepareRun(options, state_dir, rates, today)
        if not answers.empty or (yes and export is None):
            run.scripted(answers)
        if export is not None:
            run.export(export, cycles=cycles, overwrite=overwrite, ask=not yes and _terminal())
        elif not scripted:
            run.interactive()


def _terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
