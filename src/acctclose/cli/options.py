"""Options shared by the commands that read an account's facts (check, prepare, status, close)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from acctclose.money import parse_fx_rate

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
