"""`--format table`: the Rich report for a person at a terminal, in the order of work."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from acctclose.report import STEPS, Report, Severity, Verdict

_SEVERITY_STYLE = {
    Severity.MUST_PROCESS: ("must process", "bold red"),
    Severity.UNKNOWN: ("unknown", "bold yellow"),
    Severity.RENOUNCEABLE: ("renounceable", "cyan"),
    Severity.ADVISORY: ("advisory", "dim"),
}

_VERDICT_TEXT = {
    Verdict.READY: ("READY", "bold green", "Nothing blocks closure and every check ran."),
    Verdict.BLOCKED: ("BLOCKED", "bold red", "Must-process items remain: work down the list."),
    Verdict.INCOMPLETE: (
        "INCOMPLETE",
        "bold yellow",
        "Nothing known blocks, but some facts could not be established: not ready.",
    ),
}


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width or 100,
        highlight=False,
        soft_wrap=False,
    )
    label, style, meaning = _VERDICT_TEXT[report.verdict]
    counts = ", ".join(
        f"{len(report.of_severity(severity))} {name}"
        for severity, (name, _) in _SEVERITY_STYLE.items()
    )
    console.print(
        Panel(
            Group(
                Text.assemble(("Verdict: ", "bold"), (label, style), f"  {meaning}"),
                Text(f"{counts}  ·  source: {report.source}", style="dim"),
            ),
            title=f"Account {report.account_id} ({report.site} site)",
            title_align="left",
        )
    )
    for step, name in STEPS.items():
        findings = [finding for finding in report.findings if finding.step == step]
        if not findings:
            continue
        table = Table(
            title=f"{step}. {name}", title_justify="left", box=box.SIMPLE_HEAD, expand=True
        )
        table.add_column("", no_wrap=True, width=12)
        table.add_column("Finding", ratio=3)
        table.add_column("What to do", ratio=3)
        for finding in findings:
            name_text, severity_style = _SEVERITY_STYLE[finding.severity]
            table.add_row(
                Text(name_text, style=severity_style),
                Text.assemble((finding.title, "bold"), "\n", (finding.id, "dim")),
                finding.what_to_do,
            )
        console.print(table)
    timeline = report.timeline
    console.print(
        Text.assemble(
            ("Timeline: ", "bold"),
            f"initiate closure between {timeline.earliest_close} and {timeline.latest_close}.",
        )
    )
    for line in timeline.basis:
        console.print(Padding(Text(f"• {line}", style="dim"), (0, 0, 0, 2)))
    return buffer.getvalue()
