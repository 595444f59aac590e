"""`acctclose close` without --member: the guided closure of the account itself (issue 5).

Order of a run: find the record; during or after the cool-down, record the end date or the
result. Otherwise the preconditions (a fresh check, or the owner's word that the console's
check is clean), then in scripts the refusals (no or a different --confirm-account, no
--reason) before anything is written, then the wizard's steps, each recorded as it completes.
Exit 0 done or stopped by choice, 3 blocked, 4 not known to be ready, 1 refused or an error,
130 interrupted (the record keeps every completed step).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from acctclose.closure_prediction import Prediction, from_record, from_report
from acctclose.closure_steps import CLOSED_NEXT, FAILED_NEXT, progress, step_number
from acctclose.errors import AcctcloseError
from acctclose.prompts import Choice, Prompter, prompter_for, terminal_available
from acctclose.report import EXIT_CODES, Report, Verdict
from acctclose.state import State
from acctclose.state_file import state_dir as resolve_state_dir
from acctclose.state_store import Session, StateStore
from acctclose.wizard import REASONS, Blocked, Stopped, Wizard, ask_end_date

COMMAND = "acctclose close"
IRREVERSIBLE = ("renounceable", "confirm")
CONSOLE_CHECK = (
    "Has the console's own Closure Check (Account Center › My Account › Security › Account "
    "deletion › Check) come back with nothing under You must process?"
)


def run_account_wizard(
    ctx: typer.Context,
    *,
    profile: str | None,
    site: str | None,
    yes: bool,
    confirm_account: str | None,
    state_dir: Path | None,
    from_file: Path | None = None,
    fx_rate: list[str] | None = None,
    console_check_clean: bool = False,
    account: str | None = None,
    reason: str | None = None,
    cool_down_ends: str | None = None,
    result: str | None = None,
) -> None:
    out = Console(highlight=False)
    out.soft_wrap = not out.is_terminal  # one line per sentence in scripts and logs
    ends = _end_date(cool_down_ends)
    directory = resolve_state_dir(state_dir)
    if account is not None and not account.isdigit():
        raise AcctcloseError(f"--account: expected the numeric account ID, got {account!r}")
    known = account or _only_account(directory)
    state = StateStore.open(known, directory).load() if known else None
    if state is not None and state.stage in ("cooling_down", "closed"):
        return _after_submission(state, directory, out, yes=yes, ends=ends, result=result)
    stage = state.stage if state else "no record"
    if result is not None:
        raise AcctcloseError(f"--result: no closure is in its cool-down (stage: {stage})")
    if ends is not None and not yes and not terminal_available():
        # Only recording a date, too early: say so rather than "no terminal to ask at".
        raise AcctcloseError(f"--cool-down-ends: no closure is in its cool-down (stage: {stage})")
    answers = _scripted_answers(reason)
    prompter = prompter_for(yes=yes, confirmed_id=confirm_account, answers=answers, command=COMMAND)
    report: Report | None = None
    fresh: Prediction | None = None  # None: the console's check stands in for a fresh one
    if console_check_clean:
        if known is None:
            raise AcctcloseError(
                "--console-check-clean reads no facts, so it needs the account: pass --account ID"
            )
        account_id, site_name = known, state.site if state else None
    else:
        account_id, site_name, report, fresh = _fresh_check(
            from_file, profile, site, fx_rate, state_dir
        )
        if account is not None and account != account_id:
            raise AcctcloseError(f"--account {account}: the facts read are of account {account_id}")
    store = StateStore.open(account_id, directory)
    if fresh is not None and fresh.verdict is not Verdict.READY:
        if report is not None and store.exists():  # keep what the check found; start no record
            from acctclose.cli.state_hooks import remember_check

            remember_check(store, report)
        _require_ready(fresh, out)
    if not prompter.interactive:
        _refuse_early(store.load(), account_id, confirm_account, reason)
    with store.session(COMMAND, site=site_name) as session:
        if not store.exists():
            session.change(lambda st, now, cmd: st.log(now, cmd, "record started"))
        if report is not None:
            session.change(lambda st, now, cmd: st.set_last_check(report, now, cmd))
        prediction = fresh or from_record(session.state)
        if fresh is None:
            _console_check(prompter, out)
            outcome, basis = "console_check_clean", "the owner's word: the console's check is clean"
        else:
            outcome, basis = "ready", prediction.basis
        _walk(session, prompter, prediction, out, ends, outcome, basis)


def _walk(
    session: Session,
    prompter: Prompter,
    prediction: Prediction,
    out: Console,
    ends: date | None,
    outcome: str,
    basis: str,
) -> None:
    out.print(
        f"[bold]Closing account {session.state.account_id}[/] — the guide's seven steps, "
        f"each recorded as it completes. Record: {escape(str(session.store.path))}"
    )
    wizard = Wizard(session, prompter, prediction, out, cool_down_ends=ends)
    wizard.begin(outcome, basis)
    try:
        wizard.run()
    except Stopped:
        _kept(session, out, "Stopped")
        return
    except Blocked as blocked:
        out.print(f"[bold red]Blocked:[/] {escape(str(blocked))}.")
        raise typer.Exit(EXIT_CODES[Verdict.BLOCKED]) from None
    except KeyboardInterrupt:
        _kept(session, out, "Interrupted")
        raise


def _kept(session: Session, out: Console, what: str) -> None:
    pending = progress(session.state).first_pending
    where = f" at step {step_number(pending)}" if pending else ""
    out.print(
        f"{what}. Every completed step is kept in {escape(str(session.store.path))}; run "
        f"acctclose close again to continue{where}."
    )


# --- preconditions ---------------------------------------------------------------------


def _fresh_check(
    from_file: Path | None,
    profile: str | None,
    site: str | None,
    fx_rate: list[str] | None,
    state_dir: Path | None,
) -> tuple[str, str, Report, Prediction]:
    import sys

    from acctclose import preparation
    from acctclose.money import parse_fx_rate
    from acctclose.sources import SourceOptions, load_facts

    if from_file is not None and (profile or site):
        raise AcctcloseError("--profile and --site are for the live source, not --from")
    rates = {}
    for spec in fx_rate or []:
        try:
            currency, rate = parse_fx_rate(spec)
        except ValueError as error:
            raise AcctcloseError(f"--fx-rate: {error}") from None
        rates[currency] = rate
    options = SourceOptions(
        from_file=from_file,
        profile=profile,
        site=site,
        show_progress=from_file is None and sys.stderr.isatty(),
    )
    try:
        inventory = load_facts(options)
    except AcctcloseError as error:
        if from_file is not None:
            raise
        raise AcctcloseError(
            f"{error}. Once the RAM identities are deleted acctclose cannot read the account: "
            "run the console's own check, then acctclose close --console-check-clean"
        ) from None
    store = StateStore.open(inventory.account.id, state_dir)
    state = store.load()
    assessment = preparation.assess(inventory, state, source=options.source_name, fx_rates=rates)
    prediction = from_report(assessment.report, assessment.overlay.inventory)
    return inventory.account.id, inventory.account.site, assessment.report, prediction


def _require_ready(prediction: Prediction, out: Console) -> None:
    verdict = prediction.verdict
    if verdict is Verdict.READY:
        return
    if verdict is Verdict.BLOCKED:
        out.print("[bold red]Blocked:[/] these must be processed before closure can start:")
        for item in prediction.must_process:
            out.print(f"  • {escape(item.title)} [dim]({item.id})[/]")
            if item.action:
                out.print(f"      {escape(item.action)}")
        out.print("Work through them with acctclose prepare, then run acctclose close again.")
    else:
        out.print("[bold yellow]Not known to be ready:[/] these could not be established:")
        for item in prediction.unknown:
            out.print(f"  • {escape(item.title)} [dim]({item.id})[/]")
        out.print(
            "State them with acctclose prepare, or, if the console's own check is clean, run "
            "acctclose close --console-check-clean."
        )
    raise typer.Exit(EXIT_CODES[verdict])


def _console_check(prompter: Prompter, out: Console) -> None:
    out.print(
        "acctclose reads nothing this time: it relies on the console's own check and on the "
        "last check in the record."
    )
    if not prompter.confirm("close:console_check", CONSOLE_CHECK, default=False):
        out.print(
            "[bold red]Blocked:[/] process what the console lists (Process, then Re-check), "
            "then run acctclose close again."
        )
        raise typer.Exit(EXIT_CODES[Verdict.BLOCKED])


def _refuse_early(
    state: State | None, account_id: str, confirm_account: str | None, reason: str | None
) -> None:
    """In scripts, refuse before anything is written, not halfway through the steps."""
    pending = progress(state).pending if state is not None else (*IRREVERSIBLE, "reason")
    if any(step in pending for step in IRREVERSIBLE):
        if confirm_account is None:
            raise AcctcloseError(
                f"closing account {account_id} cannot be undone: --yes alone is refused; pass "
                f"--yes --confirm-account {account_id}"
            )
        if confirm_account != account_id:
            raise AcctcloseError(
                f"--confirm-account {confirm_account} does not name this account "
                f"({account_id}): nothing was done"
            )
    if "reason" in pending and not (reason and reason.strip()):
        raise AcctcloseError(
            "--yes needs --reason TEXT: the closure reason chosen in the Confirm Deletion dialog"
        )


def _scripted_answers(reason: str | None) -> dict[str, Any]:
    """What --yes answers: every console step done as the guide says, the reason given."""
    answers: dict[str, Any] = {
        "close:device": "pc",
        "close:identity": True,
        "close:agreement": True,
        "close:system_check": "same",
        "close:console_check": True,
    }
    if reason and reason.strip():
        text = reason.strip()
        match = next((c.value for c in REASONS if text.lower() in (c.value, c.label.lower())), None)
        answers["close:reason"] = match or "other"
        if match is None or match == "other":
            answers["close:reason:text"] = text
    return answers


# --- during and after the cool-down ----------------------------------------------------


def _after_submission(
    state: State,
    directory: Path,
    out: Console,
    *,
    yes: bool,
    ends: date | None,
    result: str | None,
) -> None:
    account_id = state.account_id
    if state.stage == "closed":
        if result not in (None, "closed") or ends is not None:
            raise AcctcloseError(f"account {account_id} is recorded as closed: nothing to change")
        out.print(f"Account {account_id} is closed. {CLOSED_NEXT}")
        return
    store = StateStore.open(account_id, directory)
    asked = ends is None and result is None
    prompter = prompter_for(yes=yes, command=COMMAND) if asked else None
    with store.session(COMMAND) as session:
        out.print(f"Account {account_id} is in its closure cool-down.")
        if prompter is not None and prompter.interactive:
            if session.state.cool_down_ends is None:
                ends = ask_end_date(prompter)
            result = _ask_result(prompter)
        if ends is not None:
            chosen = ends
            session.change(lambda st, now, cmd: st.set_cool_down_end(chosen, now, cmd))
            out.print(f"Recorded: the cool-down ends {chosen.isoformat()}.")
        if result in ("closed", "failed"):
            outcome = result
            session.change(lambda st, now, cmd: st.mark_result(outcome, now, cmd))
            out.print(f"Recorded: closure {outcome}.")
            out.print(f"Next: {CLOSED_NEXT if outcome == 'closed' else FAILED_NEXT}")
        elif session.state.cool_down_ends and ends is None:
            out.print(f"It ends {session.state.cool_down_ends.isoformat()}.")


def _ask_result(prompter: Prompter) -> str:
    return prompter.select(
        "close:result",
        "Has the result arrived by SMS or email?",
        [
            Choice("pending", "Not yet (the cool-down goes on)"),
            Choice("closed", "Closure successful: the account is closed"),
            Choice("failed", "Closure failed: the account was restored"),
        ],
        default="pending",
    )


def _end_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AcctcloseError(f"--cool-down-ends: expected YYYY-MM-DD, got {text!r}") from None


def _only_account(directory: Path) -> str | None:
    """The one account recorded in the directory; None when there are none or several."""
    accounts = [
        path.name.removesuffix(".yaml")
        for path in directory.glob("*.yaml")
        if path.name.removesuffix(".yaml").isdigit()
    ]
    return accounts[0] if len(accounts) == 1 else None
