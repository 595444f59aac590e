"""The closure wizard (stages 2-4 of the guide) over the prompt seam.

acctclose cannot close an account: the owner does it in the console or the app, logged on
as the Alibaba Cloud account itself. The wizard walks the owner through the guide's seven
steps in order, says exactly what to click, asks for what was seen and decided, and writes
each step to the record the moment it is complete, so a run stopped anywhere (Ctrl-C
included) continues at the first step not done. The two irreversible steps, forfeiting the
renounceable items and confirming deletion, need the account ID typed (or --yes with
--confirm-account in scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from acctclose.closure_prediction import Item, Prediction
from acctclose.closure_steps import (
    PRECONDITION,
    RESTART,
    STEP_IDS,
    STEP_TITLES,
    needs_restart,
    progress,
    step_number,
)
from acctclose.errors import AcctcloseError
from acctclose.prompts import Choice, Prompter
from acctclose.state_store import Session

BY_ACCOUNT = (
    "Closure is submitted by logging on as the Alibaba Cloud account itself: RAM users cannot "
    "close accounts. acctclose never needs that account's AccessKey; it only tells you what to "
    "do and keeps the record."
)
PC_PATH = (
    "Log on to Account Center as the Alibaba Cloud account › My Account › Security › "
    "Account deletion › Start deleting account"
)
APP_PATH = "Alibaba Cloud app › Me (bottom tab) › Account Management › Close Account › Continue"
AGREEMENT = (
    "Closure is irreversible: after the cool-down the account is closed for good and you can "
    "no longer log on to any Alibaba Cloud service with it.",
    "All data, resources, information and assets (instances, services, funds, bills and "
    "invoices) are deleted and cannot be recovered by any means.",
    "The remaining balance is forfeited (only 1,000 CNY or less may be abandoned), and small "
    "overdue payments (10 CNY or less) are cancelled with the account.",
    "Once the cool-down begins it cannot be revoked or shortened; unsubscribed resources and "
    "released balances cannot be recovered.",
    "Other Alibaba Group accounts (Taobao, Alipay, DingTalk) are not affected; their "
    "associations with this account are removed.",
)
REASONS: tuple[Choice, ...] = (
    Choice("no_longer_needed", "I no longer need Alibaba Cloud services"),
    Choice("other_provider", "I am moving to another provider"),
    Choice("duplicate_account", "It is a duplicate or test account"),
    Choice("cost", "The cost"),
    Choice("other", "Another reason (type it)"),
)
WHAT_HAPPENS_NEXT = (
    "Within about 5 minutes the account enters the closure cool-down and is logged off "
    "automatically.",
    "Alibaba Cloud creates the service-linked role AliyunServiceRoleForAccountDeletion to clean "
    "up resources; it is deleted with the account and needs no action.",
    "During the cool-down you can log on to see the time left, but nothing else, and the "
    "request cannot be revoked. Its end date comes by SMS: its length depends on the billing "
    "cycles of resources used in the last month.",
    "A bill that arrives late and stays unpaid makes the closure fail: watch with "
    "acctclose status --watch.",
    "When it ends you get an SMS and an email: record the result with "
    "acctclose close --result closed|failed.",
)
_STOP = Choice("stop", "Stop here (run acctclose close again to continue)")


class Blocked(AcctcloseError):
    """Something must be processed before closure can go on (exit 3)."""


class Stopped(Exception):
    """The owner chose to stop; every completed step is kept."""

    def __init__(self, step_id: str) -> None:
        super().__init__(step_id)
        self.step_id = step_id


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: str
    note: str | None = None


class Wizard:
    """One run of the wizard over one account's record (the session holds its lock)."""

    def __init__(
        self,
        session: Session,
        prompter: Prompter,
        prediction: Prediction,
        out: Console,
        *,
        cool_down_ends: date | None = None,
    ) -> None:
        self.session = session
        self.prompter = prompter
        self.prediction = prediction
        self.out = out
        self.cool_down_ends = cool_down_ends
        self.account_id = session.state.account_id
        self._console_extra: tuple[str, ...] = ()  # renounceable items only the console showed

    # --- the run -------------------------------------------------------------------------

    def begin(self, outcome: str, basis: str) -> None:
        """Start (or restart after a failed closure) and record what this run rests on:
        `ready` (a fresh check) or `console_check_clean` (the owner's word)."""
        if needs_restart(self.session.state):
            self._record(RESTART, "new attempt after a failed closure")
            self.session.change(lambda state, now, cmd: state.set_stage("preparing", now, cmd))
        self._record(PRECONDITION, outcome, basis)

    def run(self) -> None:
        """Every step not done yet, in the guide's order. Raises Stopped, Blocked,
        ConfirmationRefused or KeyboardInterrupt; completed steps are kept in each case."""
        done = progress(self.session.state).done
        if done:
            self.out.print(
                f"Resuming: {len(done)} of {len(STEP_IDS)} steps already done "
                f"({', '.join(STEP_TITLES[step].lower() for step in done)})."
            )
        for step_id in progress(self.session.state).pending:
            self._heading(step_id)
            outcome = getattr(self, f"_step_{step_id}")()
            self._record(step_id, outcome.outcome, outcome.note)
            if self.session.state.stage == "preparing":  # the console flow has started
                self.session.change(lambda state, now, cmd: state.mark_initiated(now, cmd))
        self._enter_cool_down()

    # --- the steps -----------------------------------------------------------------------

    def _step_device(self) -> Outcome:
        self.out.print(f"[yellow]Remember:[/] {escape(BY_ACCOUNT)}")
        self.out.print("A computer is recommended.")
        self.out.print(f"  [bold]Computer:[/] {escape(PC_PATH)}")
        self.out.print(f"  [bold]App:[/]      {escape(APP_PATH)}")
        self.out.print(
            "  [dim]Run the console's own check (Account deletion › Check) first if you "
            "have not: it finds blocking items early.[/]"
        )
        choices = [
            Choice("pc", "On a computer: I have opened Start deleting account"),
            Choice("app", "In the Alibaba Cloud app: I have tapped Close Account › Continue"),
            _STOP,
        ]
        device = self._select("close:device", "Where are you closing the account?", choices, "pc")
        return Outcome("done", f"device={device}")

    def _step_identity(self) -> Outcome:
        device = self._answer_of("device") or "pc"
        verified = self.prediction.identity_verified
        methods = ["mobile phone number (a code by SMS)"]
        if verified:
            methods.append(
                "Alipay authorization"
                + (" (tap Other verification methods)" if device == "app" else "")
            )
        where = (
            "In the Verify Identity dialog box, choose a method:"
            if device == "pc"
            else "On the Input Captcha page, verify with the account's mobile phone number:"
        )
        self.out.print(escape(where))
        for method in methods:
            self.out.print(f"  • {escape(method)}")
        if verified is False:
            self.out.print(
                "  [dim]The account is not identity-verified: only the mobile phone number "
                "is offered.[/]"
            )
        elif verified is None:
            self.out.print(
                "  [dim]Identity verification is not recorded: Alipay is offered only to "
                "identity-verified accounts; the mobile phone always works.[/]"
            )
        self._confirm("close:identity", "Is the identity verification done?")
        return Outcome("done", "methods offered: " + "; ".join(methods))

    def _step_agreement(self) -> Outcome:
        self.out.print("Read the Alibaba Cloud Account Closure Agreement. What it means, in short:")
        for line in AGREEMENT:
            self.out.print(f"  • {escape(line)}")
        self._confirm(
            "close:agreement",
            "Do you accept these consequences (select the agreement's checkbox, then Next)?",
        )
        return Outcome("done", "consequences acknowledged")

    def _step_system_check(self) -> Outcome:
        self.out.print(
            "The console now scans the account's resources and finances (3 to 5 minutes). "
            f"acctclose's prediction, from {escape(self.prediction.basis)}:"
        )
        self.out.print(_prediction_table(self.prediction))
        choices = [
            Choice("same", "The console shows the same"),
            Choice("differs", "The console shows something different"),
            _STOP,
        ]
        seen = self._select(
            "close:system_check", "Compare with the console. What does it show?", choices, "same"
        )
        if seen == "same":
            if self.prediction.must_process:
                titles = "; ".join(item.title for item in self.prediction.must_process)
                self._blocked(f"the console lists under You must process: {titles}")
            return Outcome("same")
        notes = []
        if self.prompter.confirm(
            "close:system_check:must",
            "Does the console list anything under You must process?",
            default=False,
        ):
            listed = self.prompter.text(
                "close:system_check:must_items",
                "What does it list there? (kept in the record)",
                validate=lambda text: None if text.strip() else "say what the console lists",
            ).strip()
            self._blocked(f"the console lists under You must process: {listed}")
        extra = self.prompter.text(
            "close:system_check:renounceable",
            "Renounceable items the console lists that acctclose did not predict "
            "(comma-separated; empty: none):",
            default="",
        ).strip()
        if extra:
            self._console_extra = tuple(part.strip() for part in extra.split(",") if part.strip())
            notes.append(f"console also lists as renounceable: {extra}")
        other = self.prompter.text(
            "close:system_check:other", "Anything else that differs? (empty: nothing)", default=""
        ).strip()
        if other:
            notes.append(f"other differences: {other}")
        return Outcome("differs", "; ".join(notes) or "differs (no detail given)")

    def _step_renounceable(self) -> Outcome:
        items = list(self.prediction.renounceable) + [
            Item("console", text) for text in self._console_extra or self._recorded_extra()
        ]
        if not items:
            self.out.print("Nothing is listed as Renounceable: nothing is forfeited.")
            return Outcome("nothing_to_renounce")
        self.out.print("Everything below is forfeited or released with the account:")
        resources = 0  # each one named: the owner forfeits nothing unlisted
        for item in items:
            self.out.print(f"  • {escape(item.title)}")
            for detail in item.details:
                self.out.print(f"      {escape(detail)}")
                resources += 1
        self.out.print(
            "In the console: select all Renounceable items, click Discard or Release Selected "
            "Resources, select the checkbox in the risk prompt, and click Confirm Discard or "
            "Release."
        )
        self.out.print(
            "[yellow]Important:[/] after the closure is submitted, unsubscribed resources and "
            "released balances cannot be recovered."
        )
        self.prompter.confirm_id(
            "close:renounceable",
            f"Forfeit everything listed for account {self.account_id}?",
            self.account_id,
        )
        count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
        return Outcome(
            "confirmed",
            f"{count}, {resources} resources listed: " + "; ".join(item.title for item in items),
        )

    def _step_reason(self) -> Outcome:
        chosen = self._select(
            "close:reason",
            "The Confirm Deletion dialog asks for a closure reason. Which one?",
            [*REASONS, _STOP],
            None,
        )
        if chosen == "other":
            text = self.prompter.text(
                "close:reason:text",
                "The reason, in your words:",
                validate=lambda value: None if value.strip() else "a reason is needed",
            ).strip()
            return Outcome("done", text)
        label = next(choice.label for choice in REASONS if choice.value == chosen)
        return Outcome("done", label)

    def _step_confirm(self) -> Outcome:
        reason = self._note_of("reason") or "(not recorded)"
        self.out.print(f"Account: [bold]{self.account_id}[/]    Reason: {escape(reason)}")
        self.out.print(
            "[bold red]Important:[/] after you click Confirm Deletion the closure runs by itself "
            "and cannot be stopped. Do not use the account during this time. After closure "
            "every resource is deleted for good."
        )
        self.prompter.confirm_id(
            "close:confirm",
            f"Click Confirm Deletion in the console now. Closing account {self.account_id}?",
            self.account_id,
        )
        return Outcome("confirmed")

    # --- after the last step -------------------------------------------------------------

    def _enter_cool_down(self) -> None:
        self.out.print("\n[bold]What happens next[/]")
        for line in WHAT_HAPPENS_NEXT:
            self.out.print(f"  • {escape(line)}")
        ends = self.cool_down_ends
        if ends is None and self.prompter.interactive:
            ends = ask_end_date(self.prompter)
        self.session.change(lambda state, now, cmd: state.mark_cooling_down(ends, now, cmd))
        when = f"ends {ends.isoformat()}" if ends else "end date not recorded yet"
        self.out.print(f"Stage: cooling_down ({when}).")

    # --- helpers -------------------------------------------------------------------------

    def _heading(self, step_id: str) -> None:
        number = step_number(step_id)
        self.out.print(
            f"\n[bold underline]Step {number} of {len(STEP_IDS)}: {escape(STEP_TITLES[step_id])}[/]"
        )

    def _select(
        self, key: str, message: str, choices: Sequence[Choice], default: str | None
    ) -> str:
        answer = self.prompter.select(key, message, choices, default=default)
        if answer == "stop":
            raise Stopped(key.removeprefix("close:"))
        return answer

    def _confirm(self, key: str, message: str) -> None:
        """A console action the owner says is done; no means stop here (resume later)."""
        if not self.prompter.confirm(key, message, default=False):
            raise Stopped(key.removeprefix("close:"))

    def _record(self, step_id: str, outcome: str, note: str | None = None) -> None:
        self.session.change(
            lambda state, now, cmd: state.add_closure_step(step_id, outcome, note, now, cmd)
        )

    def _blocked(self, what: str) -> None:
        self._record("system_check", "blocked", what)
        self.session.change(lambda state, now, cmd: state.set_stage("preparing", now, cmd))
        raise Blocked(
            f"{what}. Process each item in the console (Process, then Re-check) or with "
            "acctclose prepare, then run acctclose close again"
        )

    def _answer_of(self, step_id: str) -> str | None:
        note = self._note_of(step_id)
        return note.split("=", 1)[1] if note and "=" in note else None

    def _note_of(self, step_id: str) -> str | None:
        from acctclose.closure_steps import attempt_steps

        for step in reversed(attempt_steps(self.session.state)):
            if step.id == step_id:
                return step.note
        return None

    def _recorded_extra(self) -> tuple[str, ...]:
        """Renounceable items the console added, from a system check recorded in an earlier run."""
        note = self._note_of("system_check") or ""
        marker = "console also lists as renounceable: "
        if marker not in note:
            return ()
        listed = note.split(marker, 1)[1].split("; other differences:", 1)[0]
        return tuple(part.strip() for part in listed.split(",") if part.strip())


def ask_end_date(prompter: Prompter) -> date | None:
    """The cool-down's end date from the SMS, or None to record it later."""
    text = prompter.text(
        "close:cool_down_ends",
        "The cool-down's end date from the SMS (YYYY-MM-DD; empty: record it later):",
        default="",
        validate=lambda value: None if not value.strip() or _is_date(value) else "use YYYY-MM-DD",
    ).strip()
    return date.fromisoformat(text) if text else None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def _prediction_table(prediction: Prediction) -> Table:
    table = Table(show_lines=False, expand=False)
    table.add_column("Console section", no_wrap=True)
    table.add_column("acctclose predicts")
    sections = (
        ("You must process", prediction.must_process),
        ("Renounceable", prediction.renounceable),
    )
    for section, items in sections:
        if not items:
            table.add_row(section, "nothing")
        if section == "You must process":
            for item in prediction.settled:
                table.add_row("", f"[dim](at the last check: {item.title}; processed since)[/]")
        for item in items:
            extra = f" ({len(item.details)} listed)" if item.details else ""
            table.add_row(section, f"{item.title}{extra}")
    return table
