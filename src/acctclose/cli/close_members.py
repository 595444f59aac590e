"""`acctclose close --member ID`: delete Resource Directory members of type ResourceAccount.

Preconditions are read first and any refusal stops the run before a single write. Each
member is checked; its abandonable checks must all be abandoned (asked at a terminal,
`--abandon CHECK_ID` in scripts); its ID must be typed (or `--yes --confirm-account ID`, once
per member, in scripts). Then DeleteAccount, once, and its status until it ends.
Exit 0 every member deleted (now or before), 4 deletion still under way (silence period),
1 anything else (one line on stderr says which members)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from acctclose.cli.errors import fail
from acctclose.cli.members_run import (
    api_errors,
    connect,
    emit,
    now,
    progress_factory,
    say,
    table_width,
)
from acctclose.cli.options import report_destination
from acctclose.errors import AcctcloseError
from acctclose.members.ids import check_id, member_ids
from acctclose.members.model import PENDING, SUCCESSFUL
from acctclose.prompts import Prompter, QuestionaryPrompter, ScriptedPrompter, terminal_available


def run_member_close(
    *,
    members: list[str] | None,
    members_file: Path | None,
    profile: str | None,
    site: str | None,
    yes: bool,
    confirm_accounts: list[str] | None,
    abandon: list[str] | None,
    fmt: str | None,
    output: Path | None,
    junit: Path | None,
    state_dir: Path | None,
    concurrency: int | None = None,
    rate: float | None = None,
    timeout: float | None = None,
) -> None:
    from acctclose.members.close_run import close_members
    from acctclose.members.preconditions import read_preflight
    from acctclose.members.record import MemberRecorder
    from acctclose.members.report import EXIT_ERROR, document, render

    ids = member_ids(members, members_file)
    prompter_for = _prompters(ids, yes, confirm_accounts, abandon)
    chosen, interactive = report_destination(fmt, output)
    api, settings = connect(
        profile=profile, site=site, concurrency=concurrency, rate=rate, timeout=timeout
    )
    with api_errors(api):
        preflight = read_preflight(api, ids, deleting=True)
        recorder = MemberRecorder.for_account(
            preflight.caller.account_id, state_dir, "acctclose close --member"
        )
        with recorder:
            outcomes = close_members(
                api,
                preflight,
                ids,
                settings,
                prompter_for=prompter_for,
                say=say,
                progress_for=progress_factory(sys.stderr.isatty() and chosen != "json"),
                recorder=recorder,
            )
    doc = document("close", outcomes, preflight, now())
    text = render(doc, chosen, color=interactive, width=table_width(interactive))
    emit(text, output, f"exit {doc['exit_code']}")
    if junit is not None:
        emit(render(doc, "junit"), junit, "JUnit")
    if doc["exit_code"] == EXIT_ERROR:
        # Name a member that failed, not one merely still being deleted.
        failed = sorted(
            (o for o in outcomes if o.outcome not in SUCCESSFUL),
            key=lambda o: o.outcome in PENDING,
        )
        first = failed[0]
        more = f" (and {len(failed) - 1} more, see the report)" if len(failed) > 1 else ""
        fail(f"member {first.account_id} not deleted: {first.outcome}: {first.detail}{more}")
    raise typer.Exit(doc["exit_code"])


def _prompters(
    ids: list[str], yes: bool, confirm_accounts: list[str] | None, abandon: list[str] | None
) -> Callable[[str], Prompter]:
    """Per member: questionary at a terminal; in scripts, answers from the flags. Scripts
    must name every member with --confirm-account (checked here, before anything is read)."""
    confirmed = [check_id(value, "--confirm-account") for value in confirm_accounts or []]
    abandoned = {value.strip() for value in abandon or [] if value.strip()}
    if yes:
        missing = [member for member in ids if member not in confirmed]
        if missing:
            raise AcctcloseError(
                f"deleting a member cannot be undone: with --yes, pass --confirm-account "
                f"{missing[0]} for each member (missing for: {', '.join(missing)})"
            )
        extra = [value for value in confirmed if value not in ids]
        if extra:
            raise AcctcloseError(
                f"--confirm-account {extra[0]} does not name a member of this run: nothing was done"
            )
        answers = {f"abandon:{check}": True for check in abandoned}

        def scripted(member_id: str) -> Prompter:
            return ScriptedPrompter(answers, confirmed_id=member_id)

        return scripted
    if confirm_accounts:
        raise AcctcloseError("--confirm-account goes with --yes (for scripts)")
    if not terminal_available():
        raise AcctcloseError(
            "close --member asks for confirmation and there is no terminal: pass --yes and "
            "--confirm-account ID for each member (and --abandon CHECK_ID for abandonable checks)"
        )
    terminal = QuestionaryPrompter()
    if abandoned:
        # At a terminal too, --abandon answers in advance; the ID is still typed.
        class Preanswered(QuestionaryPrompter):
            def confirm(self, key: str, message: str, *, default: bool = False) -> bool:
                if key.removeprefix("abandon:") in abandoned:
                    say(f"{message} yes (--abandon)")
                    return True
                return super().confirm(key, message, default=default)

        terminal = Preanswered()
    return lambda member_id: terminal
