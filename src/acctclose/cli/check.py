"""`acctclose check`: the closure-readiness report. Never changes anything in the cloud."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acctclose.cli.errors import handled_errors
from acctclose.errors import AcctcloseError
from acctclose.money import parse_fx_rate
from acctclose.output_file import write_atomically
from acctclose.report import EXIT_CODES

_SOURCE_PANEL = "Source"
_OUTPUT_PANEL = "Output"


class Format(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    junit = "junit"


def _fx_rates(specs: list[str]) -> dict[str, Decimal]:
    rates = {}
    for spec in specs:
        try:
            currency, rate = parse_fx_rate(spec)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--fx-rate") from None
        rates[currency] = rate
    return rates


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"expected YYYY-MM-DD, got {text!r}", param_hint="--as-of"
        ) from None


def check_command(
    ctx: typer.Context,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Read the facts from this inventory file (YAML or JSON) instead of the live "
            "APIs. No credentials, no network.",
            rich_help_panel=_SOURCE_PANEL,
        ),
    ] = None,
    fx_rate: Annotated[
        list[str] | None,
        typer.Option(
            "--fx-rate",
            metavar="CUR=RATE",
            help="CNY per unit of another currency, e.g. USD=7.1 (repeatable). Without it, "
            "non-CNY amounts are unknown.",
            rich_help_panel=_SOURCE_PANEL,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Judge the facts and count the timeline as of this date (default: today).",
            rich_help_panel=_SOURCE_PANEL,
        ),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format (default: table on a terminal, json otherwise).",
            rich_help_panel=_OUTPUT_PANEL,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically) instead of standard output.",
            rich_help_panel=_OUTPUT_PANEL,
        ),
    ] = None,
) -> None:
    """Check whether the account can be closed: findings in the order of work, a verdict and a
    timeline. Exit 0 ready, 3 blocked, 4 incomplete, 1 error."""
    rates = _fx_rates(fx_rate or [])
    today = _as_of(as_of)
    with handled_errors(ctx.obj.get("debug", False) if ctx.obj else False):
        from acctclose.check import build_report
        from acctclose.render import render

        if from_file is None:
            raise AcctcloseError(
                "no live source yet: pass --from INVENTORY (see examples/accounts/)"
            )
        from acctclose.sources.file import load_inventory

        inventory = load_inventory(from_file)
        report = build_report(inventory, source="file", today=today, fx_rates=rates)
        interactive = output is None and sys.stdout.isatty()
        fmt = output_format or (Format.table if interactive else Format.json)
        text = render(report, fmt.value, color=interactive, width=_width() if interactive else None)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomically(output, text)
            sys.stderr.write(f"Report written to {output} (verdict: {report.verdict})\n")
        raise typer.Exit(EXIT_CODES[report.verdict])


def _width() -> int:
    import shutil

    return min(shutil.get_terminal_size().columns, 140)
