"""`acctclose status --watch`: during the cool-down, re-read the outstanding amount at an
interval and report a new unpaid bill at once (issue 5). The options are declared here so
cli/status.py only dispatches.

Exit codes: 3 an unpaid bill was seen (in a script the watch stops at the first one; at a
terminal it keeps watching and the last reading decides), 4 the last reading could not be
made, 0 otherwise, 130 on Ctrl-C. Nothing in the cloud is changed; the record gets one event
per unpaid bill seen.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acctclose.errors import AcctcloseError

if TYPE_CHECKING:
    from acctclose.cooldown_watch import Reading
    from acctclose.state_store import StateStore

WATCH_PANEL = "Cool-down watch"
COMMAND = "acctclose status --watch"

Watch = Annotated[
    bool,
    typer.Option(
        "--watch",
        help="During the cool-down: re-read the outstanding amount (live billing read) at "
        "every --interval and report a new unpaid bill at once (exit 3 in scripts).",
        rich_help_panel=WATCH_PANEL,
    ),
]
Interval = Annotated[
    float,
    typer.Option(
        "--interval",
        metavar="SECONDS",
        min=0.1,
        help="With --watch: seconds between readings.",
        rich_help_panel=WATCH_PANEL,
    ),
]
Checks = Annotated[
    int | None,
    typer.Option(
        "--checks",
        metavar="N",
        min=1,
        help="With --watch: stop after N readings (1 for a cron job). Default: until the "
        "cool-down's end date has passed or Ctrl-C.",
        rich_help_panel=WATCH_PANEL,
    ),
]
WatchProfile = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar="NAME",
        help="With --watch: the aliyun CLI profile whose credentials read the billing.",
        rich_help_panel=WATCH_PANEL,
    ),
]


def run_watch(
    *,
    account_id: str,
    directory: Path,
    interval: float,
    checks: int | None,
    profile: str | None,
) -> int:
    """Watch until told to stop; the exit code."""
    from acctclose.cooldown_watch import WHAT_TO_DO, live_reader, watch
    from acctclose.credentials import resolve_credentials
    from acctclose.sources.live.settings import LiveSettings
    from acctclose.state_store import StateStore

    store = StateStore.open(account_id, directory)
    state = store.load()
    if state is None or state.stage != "cooling_down":
        stage = state.stage if state else "no record"
        raise AcctcloseError(
            f"status --watch is for the cool-down, and account {account_id} is not in it "
            f"(stage: {stage})"
        )
    settings = LiveSettings.from_environment(site=state.site)
    try:
        credentials = resolve_credentials(profile)
    except AcctcloseError as error:
        raise AcctcloseError(
            f"{error}. status --watch reads the billing, so it needs credentials that can still "
            "read it (BSS read permissions)"
        ) from None
    terminal = sys.stdout.isatty()
    reported: list[Reading] = []

    def show(reading: Reading) -> None:
        first_unpaid = reading.unpaid and not any(r.unpaid for r in reported[-1:])
        reported.append(reading)
        sys.stdout.write(reading.describe() + "\n")
        sys.stdout.flush()
        if first_unpaid:
            if terminal:
                sys.stdout.write("\a")  # ring the bell: this is the one thing to act on
                sys.stdout.flush()
            else:  # stdout may go to a log: say it where a person or CI will see it
                sys.stderr.write(
                    f"acctclose: a new unpaid bill during the cool-down: {WHAT_TO_DO}\n"
                )
            _remember(store, reading)

    def still_cooling() -> bool:
        current = store.load()
        return current is not None and current.stage == "cooling_down"

    ends = state.cool_down_ends
    sys.stderr.write(
        f"acctclose: watching account {account_id} for unpaid bills every {interval:g} s"
        + (f" until the cool-down ends ({ends.isoformat()})" if ends else "")
        + "\n"
    )
    end = watch(
        live_reader(settings, credentials, account_id),
        interval=interval,
        on_reading=show,
        stop_on_unpaid=not terminal,
        checks=checks,
        ends=ends,
        still_cooling=still_cooling,
    )
    if end.reason == "cool_down_over":
        sys.stderr.write(
            "acctclose: the cool-down's end date has passed: record the result from the SMS "
            "or email with acctclose close --result closed|failed\n"
        )
    last = end.last
    if last is not None and last.unpaid:
        return 3
    if last is not None and last.outstanding is None:
        return 4
    return 0


def _remember(store: StateStore, reading: Reading) -> None:
    """One event in the record per unpaid bill seen; never fatal (the report comes first)."""
    from acctclose.money import format_amount
    from acctclose.state_file import StateError

    amount = format_amount(reading.outstanding or Decimal(0), reading.currency or "CNY")
    try:
        with store.session(COMMAND, timeout=2.0) as session:
            session.change(
                lambda state, now, cmd: state.log(
                    now, cmd, f"unpaid bill seen during the cool-down: {amount} outstanding"
                )
            )
    except StateError as error:
        sys.stderr.write(f"acctclose: note: the record was not updated: {error}\n")
