"""Options of `acctclose close` for the account wizard (issue 5). Declared here so that
cli/close.py stays a dispatcher; this module imports nothing heavy."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

WIZARD_PANEL = "Account closure"


class ResultChoice(StrEnum):
    closed = "closed"
    failed = "failed"


ConsoleCheckClean = Annotated[
    bool,
    typer.Option(
        "--console-check-clean",
        help="Once the RAM identities are gone and acctclose can no longer read the account: "
        "the console's own Closure Check (Account Center › Security › Account deletion › Check) "
        "shows nothing to process. Recorded as your word; asked again at a terminal.",
        rich_help_panel=WIZARD_PANEL,
    ),
]
Account = Annotated[
    str | None,
    typer.Option(
        "--account",
        metavar="ID",
        help="The account whose record to use when no facts are read (--console-check-clean, "
        "--result, --cool-down-ends). Default: the only account recorded.",
        rich_help_panel=WIZARD_PANEL,
    ),
]
Reason = Annotated[
    str | None,
    typer.Option(
        "--reason",
        metavar="TEXT",
        help="With --yes: the closure reason chosen in the Confirm Deletion dialog "
        "(no_longer_needed, other_provider, duplicate_account, cost, or your own words).",
        rich_help_panel=WIZARD_PANEL,
    ),
]
CoolDownEnds = Annotated[
    str | None,
    typer.Option(
        "--cool-down-ends",
        metavar="YYYY-MM-DD",
        help="Record the cool-down's end date from Alibaba Cloud's SMS.",
        rich_help_panel=WIZARD_PANEL,
    ),
]
Result = Annotated[
    ResultChoice | None,
    typer.Option(
        "--result",
        help="Record the closure's result from the SMS or email after the cool-down: closed, "
        "or failed (the account was restored).",
        rich_help_panel=WIZARD_PANEL,
    ),
]
