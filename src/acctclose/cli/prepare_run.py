"""What one `prepare` run does, over the library: read the facts, hold the record's lock,
ask or apply, re-check. Output goes to stdout; notes and progress to stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from acctclose import preparation
from acctclose.checklist import Item
from acctclose.cli.prepare_flags import ScriptedAnswers
from acctclose.errors import AcctcloseError
from acctclose.inventory import Inventory
from acctclose.preparation import Assessment
from acctclose.prompts import Prompter, QuestionaryPrompter
from acctclose.report import Severity, Verdict
from acctclose.sources import SourceOptions, load_facts
from acctclose.state_store import Session, StateStore
from acctclose.statements import describe

_VERDICT_STYLE = {
    Verdict.READY: "bold green",
    Verdict.BLOCKED: "bold red",
    Verdict.INCOMPLETE: "bold yellow",
}
_CLOSED_STAGES = ("initiated", "cooling_down", "closed")


class PrepareRun:
    def __init__(
        self,
        options: SourceOptions,
        state_dir: Path | None,
        fx_rates: dict[str, Decimal],
        today: date | None,
    ) -> None:
        self.options = options
        self.state_dir = state_dir
        self.fx_rates = fx_rates
        self.today = today
        self.out = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)
        for console in (self.out, self.err):
            console.soft_wrap = not console.is_terminal  # one line per fact, for scripts
        self._inventory: Inventory | None = None

    # Reading and holding the record

    def facts(self, again: bool = False) -> Inventory:
        if self._inventory is None or again:
            self._inventory = load_facts(self.options)
        return self._inventory

    @contextmanager
    def session(self) -> Iterator[Session]:
        inventory = self.facts()
        store = StateStore.open(inventory.account.id, self.state_dir)
        with store.session("acctclose prepare", site=inventory.account.site) as session:
            stage = session.state.stage
            if stage in _CLOSED_STAGES:
                raise AcctcloseError(
                    f"closure of account {inventory.account.id} is already {stage}: there is "
                    "nothing left to prepare (see acctclose status)"
                )
            if not store.exists():
                session.change(lambda state, now, cmd: state.log(now, cmd, "record started"))
            elif stage == "failed":
                # The guide: after a failed closure, settle what is overdue and start again.
                session.change(lambda state, now, cmd: state.set_stage("preparing", now, cmd))
            try:
                yield session
            except KeyboardInterrupt:
                self.err.print(f"Your answers so far are kept in {escape(str(store.path))}.")
                raise

    def assess(self, session: Session, again: bool = False) -> Assessment:
        assessment = preparation.assess(
            self.facts(again),
            session.state,
            source=self.options.source_name,
            today=self.today,
            fx_rates=self.fx_rates,
        )
        preparation.record_check(session, assessment.report)
        for conflict in assessment.overlay.conflicts:
            self.err.print(f"[yellow]Note:[/] {escape(str(conflict))}")
        return assessment

    # The three ways to run

    def scripted(self, answers: ScriptedAnswers) -> None:
        with self.session() as session:
            for key, value in answers.statements.items():
                preparation.record_statement(session, key, value)
                self.out.print(f"Stated {key} = {escape(_text(value))}")
            for decision in answers.decisions:
                preparation.record_item(session, decision.item_id, decision.status, decision.note)
                self.out.print(f"Item {decision.item_id}: {decision.status}")
            assessment = self.assess(session)
            self._summary(session, assessment)

    def interactive(self, prompter: Prompter | None = None) -> None:
        prompter = prompter or QuestionaryPrompter()
        with self.session() as session:
            assessment = self.assess(session)
            self._header(session, assessment)
            stated = dict(session.state.statements)
            if not preparation.ask_statements(prompter, session, self.facts(), self.out):
                return self._stopped(session)
            if session.state.statements != stated:
                assessment = self.assess(session)  # the statements change the findings
            items = preparation.checklist_for(assessment, session.state)
            if not preparation.walk_items(prompter, session, items, self.out):
                return self._stopped(session)
            self.out.print("\nThat was every open item.")
            if prompter.confirm("recheck", "Re-check the account now?", default=True):
                assessment = self.assess(session, again=True)
            self._summary(session, assessment)

    def export(self, directory: Path, *, cycles: int, overwrite: bool, ask: bool) -> None:
        from acctclose.cli.prepare_export import export_backups

        with self.session() as session:
            export_backups(
                session,
                self.facts(),
                self.options,
                directory,
                cycles=cycles,
                today=self.today,
                overwrite=overwrite,
                ask=ask,
                out=self.out,
                err=self.err,
            )

    # Output

    def _header(self, session: Session, assessment: Assessment) -> None:
        report = assessment.report
        self.out.print(
            f"[bold]Preparing account {report.account_id}[/] ({report.site} site). "
            f"Record: {escape(str(session.store.path))}"
        )
        self._verdict(assessment)
        items = preparation.checklist_for(assessment, session.state)
        decided = sum(1 for item in items if item.decided)
        if decided:
            self.out.print(f"{decided} of {len(items)} items already answered; resuming.")

    def _verdict(self, assessment: Assessment) -> None:
        report = assessment.report
        counts = ", ".join(
            f"{len(report.of_severity(severity))} {severity.value.replace('_', ' ')}"
            for severity in Severity
        )
        style = _VERDICT_STYLE[report.verdict]
        self.out.print(f"Check: [{style}]{report.verdict.value.upper()}[/] ({counts})")

    def _summary(self, session: Session, assessment: Assessment) -> None:
        items = preparation.checklist_for(assessment, session.state)
        self._verdict(assessment)
        self.out.print(_progress_line(items))
        blockers = [
            finding
            for finding in assessment.report.findings
            if finding.severity in (Severity.MUST_PROCESS, Severity.UNKNOWN)
        ]
        for finding in blockers:
            self.out.print(
                f"  [red]•[/] {escape(finding.title)} [dim]({finding.id}, "
                f"{finding.severity.value.replace('_', ' ')})[/]"
            )
        if assessment.report.verdict is Verdict.READY:
            self.out.print("Next: initiate closure (acctclose close).")
        self.out.print(f"[dim]Record: {escape(str(session.store.path))}[/]")

    def _stopped(self, session: Session) -> None:
        self.out.print(
            "Stopped. Your answers are kept; run acctclose prepare again to continue "
            f"([dim]{escape(str(session.store.path))}[/])."
        )


def _progress_line(items: list[Item]) -> str:
    statuses = [item.status for item in items]
    return (
        f"Checklist: {statuses.count('done')} done, {statuses.count('waived')} waived, "
        f"{statuses.count('open')} open ({len(items)} item{'' if len(items) == 1 else 's'})"
    )


def _text(value: object) -> str:
    return describe(value)
