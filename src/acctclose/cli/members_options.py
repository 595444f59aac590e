"""Options of the Resource Directory member commands (check/close/status --member, members)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

MEMBERS_PANEL = "Resource Directory members"

MemberIds = Annotated[
    list[str] | None,
    typer.Option(
        "--member",
        metavar="ID",
        help="A Resource Directory member (account ID) to work on instead of this account "
        "(repeatable). Needs the management account's credentials; see docs/members.md.",
        rich_help_panel=MEMBERS_PANEL,
    ),
]
MembersFile = Annotated[
    Path | None,
    typer.Option(
        "--members-file",
        metavar="FILE",
        help="Member account IDs, one a line (# comments), in addition to --member.",
        rich_help_panel=MEMBERS_PANEL,
    ),
]
Concurrency = Annotated[
    int | None,
    typer.Option(
        "--concurrency",
        metavar="N",
        help="Members worked on side by side (default 16).",
        rich_help_panel=MEMBERS_PANEL,
    ),
]
Rate = Annotated[
    float | None,
    typer.Option(
        "--rate",
        metavar="CALLS/S",
        help="API calls per second, all members together (default 10).",
        rich_help_panel=MEMBERS_PANEL,
    ),
]
Timeout = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help="How long to wait for each member's check, and for its deletion to end "
        "(default 600 s for a check, 1800 s for a deletion).",
        rich_help_panel=MEMBERS_PANEL,
    ),
]
