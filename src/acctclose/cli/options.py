"""Options shared by the commands that read an account's facts (check, prepare, status, close)."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acctclose.money import parse_fx_rate

if TYPE_CHECKING:
    from acctclose.sources import SourceOptions

SOURCE_PANEL = "Source"
OUTPUT_PANEL = "Output"

FromFile = Annotated[
    Path | None,
    typer.Option(
        "--from",
        help="Read the facts from this inventory file (YAML or JSON) instead of the live APIs. "
        "No credentials, no network.",
        rich_help_panel=SOURCE_PANEL,
    ),
]
FxRates = Annotated[
    list[str] | None,
    typer.Option(
        "--fx-rate",
        metavar="CUR=RATE",
        help="CNY per unit of another currency, e.g. USD=7.1 (repeatable). Without it, non-CNY "
        "amounts are unknown.",
        rich_help_panel=SOURCE_PANEL,
    ),
]


class ReportFormat(StrEnum):
    """The formats of a report (the account's check, or a members report)."""

    table = "table"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    junit = "junit"


def report_destination(chosen: str | None, output: Path | None = None) -> tuple[str, bool]:
    """The format to write and whether a person reads it at a terminal: unless a format is
    chosen, a table on a terminal and JSON anywhere else (a file, a pipe, CI)."""
    interactive = output is None and sys.stdout.isatty()
    return str(chosen or ("table" if interactive else "json")), interactive


def terminal_width(interactive: bool, widest: int = 140) -> int | None:
    """The table width at a terminal (capped so long lines stay readable); None elsewhere."""
    return min(shutil.get_terminal_size().columns, widest) if interactive else None


OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (atomically) instead of standard output.",
        rich_help_panel=OUTPUT_PANEL,
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Judge the facts and count the timeline as of this date (default: today).",
        rich_help_panel=SOURCE_PANEL,
    ),
]


def fx_rates(specs: list[str] | None) -> dict[str, Decimal]:
    rates = {}
    for spec in specs or []:
        try:
            currency, rate = parse_fx_rate(spec)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--fx-rate") from None
        rates[currency] = rate
    return rates


def as_of_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"expected YYYY-MM-DD, got {text!r}", param_hint="--as-of"
        ) from None


def debug_enabled(ctx: typer.Context) -> bool:
    return bool(ctx.obj and ctx.obj.get("debug"))


class SiteChoice(StrEnum):
    china = "china"
    international = "international"


Profile = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar="NAME",
        help="Use this aliyun CLI profile (~/.aliyun/config.json) for credentials.",
        rich_help_panel=SOURCE_PANEL,
    ),
]
Site = Annotated[
    SiteChoice | None,
    typer.Option(
        "--site",
        help="Which Alibaba Cloud site the account is on: china (aliyun.com, the default) or "
        "international (alibabacloud.com). Picks the API endpoints.",
        rich_help_panel=SOURCE_PANEL,
    ),
]
EnableResourceCenter = Annotated[
    bool,
    typer.Option(
        "--enable-resource-center",
        help="If Resource Center is off, turn it on (the one change acctclose makes while "
        "reading, and only when asked) so deployed resources can be listed.",
        rich_help_panel=SOURCE_PANEL,
    ),
]
SaveInventory = Annotated[
    Path | None,
    typer.Option(
        "--save-inventory",
        metavar="PATH",
        help="Also write the facts read to this inventory file (YAML, or JSON for .json), "
        "for --from later. Never holds secrets.",
        rich_help_panel=SOURCE_PANEL,
    ),
]


def source_options(
    *,
    from_file: Path | None,
    profile: str | None = None,
    site: SiteChoice | None = None,
    enable_resource_center: bool = False,
    save_inventory: Path | None = None,
    show_progress: bool = False,
) -> SourceOptions:
    if from_file is not None and (profile or site or enable_resource_center):
        raise typer.BadParameter(
            "--profile, --site and --enable-resource-center are for the live source",
            param_hint="--from",
        )
    from acctclose.sources import SourceOptions

    return SourceOptions(
        from_file=from_file,
        profile=profile,
        site=site.value if site else None,
        enable_resource_center=enable_resource_center,
        save_inventory=save_inventory,
        show_progress=show_progress and from_file is None,
    )
