"""`prepare --export DIR`: write the backups with a progress bar, then say what was skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from acctclose.export import ExportPart, bill_source_for, plan_export, run_export
from acctclose.inventory import Inventory
from acctclose.prompts import QuestionaryPrompter
from acctclose.sources import SourceOptions
from acctclose.state_store import Session


def export_backups(
    session: Session,
    inventory: Inventory,
    options: SourceOptions,
    directory: Path,
    *,
    cycles: int,
    today: date | None,
    overwrite: bool,
    ask: bool,
    out: Console,
    err: Console,
) -> None:
    plan = plan_export(
        inventory,
        bill_source_for(options),
        cycles=cycles,
        today=today or datetime.now(UTC).date(),
    )
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    task = progress.add_task("Exporting", total=len(plan.parts))

    def confirm_overwrite(path: Path) -> bool:
        if overwrite:
            return True
        if not ask:
            return False
        progress.stop()  # a question cannot share the line with a live bar
        try:
            return QuestionaryPrompter().confirm(
                f"export.overwrite:{path.name}",
                f"{path} exists and differs from this export. Overwrite it?",
                default=False,
            )
        finally:
            progress.start()

    def on_part(part: ExportPart) -> None:
        progress.update(task, advance=1, description=f"Exporting {part.what}")
        if not err.is_terminal:
            err.print(f"exported {part.what}")

    with progress:
        result = run_export(
            plan,
            directory,
            inventory.account.id,
            confirm_overwrite=confirm_overwrite,
            on_part=on_part,
        )
    for name in result.written:
        out.print(f"Wrote {escape(str(directory / name))}")
    if result.already:
        out.print(f"Already exported by an earlier run: {len(result.already)} file(s)")
    for name in result.kept:
        out.print(
            f"[yellow]Kept[/] {escape(str(directory / name))}: it exists with other content "
            "(pass --overwrite to replace it, or choose another folder)"
        )
    for reason in result.skipped:
        out.print(f"[yellow]Skipped[/] {escape(reason)}")
    summary = (
        f"export to {directory}: {len(result.written)} written, {len(result.already)} already "
        f"there, {len(result.kept)} kept, {len(result.skipped)} skipped"
    )
    session.change(lambda state, now, cmd: state.log(now, cmd, summary))
    if result.complete:
        out.print(
            "Export complete. Mark backup.export done once orders, invoices, data and logs are "
            "saved too."
        )
