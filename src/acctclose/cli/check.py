"""`acctclose check`: the closure-readiness report. Never changes anything in the cloud."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from acctclose.cli.errors import handled_errors
from acctclose.cli.members_options import Concurrency, MemberIds, MembersFile, Rate, Timeout
from acctclose.cli.options import (
    OUTPUT_PANEL,
    AsOf,
    EnableResourceCenter,
    FromFile,
    FxRates,
    OutputFile,
    Profile,
    ReportFormat,
    SaveInventory,
    Site,
    as_of_date,
    debug_enabled,
    fx_rates,
    report_destination,
    source_options,
    terminal_width,
)
from acctclose.cli.state_options import StateDir
from acctclose.output_file import write_atomically


def check_command(
    ctx: typer.Context,
    from_file: FromFile = None,
    profile: Profile = None,
    site: Site = None,
    enable_resource_center: EnableResourceCenter = False,
    save_inventory: SaveInventory = None,
    fx_rate: FxRates = None,
    as_of: AsOf = None,
    state_dir: StateDir = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format (default: table on a terminal, json otherwise).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    output: OutputFile = None,
    member: MemberIds = None,
    members_file: MembersFile = None,
    concurrency: Concurrency = None,
    rate: Rate = None,
    timeout: Timeout = None,
) -> None:
    """Check whether the account can be closed: findings in the order of work, a verdict and a
    timeline. Exit 0 ready, 3 blocked, 4 incomplete, 1 error. With --member: the deletion
    check of Resource Directory members (docs/members.md)."""
    if member or members_file:  # Resource Directory members (issue 6): their own module
        from acctclose.cli.check_members import run_member_check

        if from_file or enable_resource_center or save_inventory or fx_rate or as_of:
            raise typer.BadParameter(
                "--from, --enable-resource-center, --save-inventory, --fx-rate and --as-of "
                "are for this account's own check",
                param_hint="--member",
            )
        with handled_errors(debug_enabled(ctx)):
            run_member_check(
                members=member,
                members_file=members_file,
                profile=profile,
                site=site.value if site else None,
                fmt=output_format.value if output_format else None,
                output=output,
                state_dir=state_dir,
                concurrency=concurrency,
                rate=rate,
                timeout=timeout,
            )
    if concurrency is not None or rate is not None or timeout is not None:
        raise typer.BadParameter(
            "--concurrency, --rate and --timeout are for --member", param_hint="--member"
        )
    rates = fx_rates(fx_rate)
    today = as_of_date(as_of)
    fmt, interactive = report_destination(output_format, output)
    options = source_options(
        from_file=from_file,
        profile=profile,
        site=site,
        enable_resource_center=enable_resource_center,
        save_inventory=save_inventory,
        show_progress=sys.stderr.isatty() and fmt != "json",
    )
    with handled_errors(debug_enabled(ctx)):
        from acctclose.check import build_report
        from acctclose.cli.state_hooks import remember_check, with_recorded_statements
        from acctclose.render import render
        from acctclose.sources import load_facts

        inventory = load_facts(options)
        # The owner's record (issue 4): statements fill in facts no API reports.
        inventory, record = with_recorded_statements(inventory, state_dir)
        report = build_report(inventory, source=options.source_name, today=today, fx_rates=rates)
        remember_check(record, report)
        text = render(report, fmt, color=interactive, width=terminal_width(interactive))
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomically(output, text)
            sys.stderr.write(f"Report written to {output} (verdict: {report.verdict})\n")
        from acctclose.report import EXIT_CODES

        raise typer.Exit(EXIT_CODES[report.verdict])
