"""Options of the commands that read or write the owner's record (prepare, status, check)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RECORD_PANEL = "Record"

StateDir = Annotated[
    Path | None,
    typer.Option(
        "--state-dir",
        metavar="DIR",
        help="Where the record is kept (default: $ACCTCLOSE_STATE_DIR, else the user state "
        "directory, e.g. ~/.local/state/acctclose).",
        rich_help_panel=RECORD_PANEL,
    ),
]
