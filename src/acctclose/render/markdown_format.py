"""`--format markdown`: a report to paste into a ticket or a pull request."""

from __future__ import annotations

from acctclose.report import STEPS, Report, Severity

_MARK = {
    Severity.MUST_PROCESS: "**must process**",
    Severity.RENOUNCEABLE: "renounceable",
    Severity.ADVISORY: "advisory",
    Severity.UNKNOWN: "**unknown**",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    lines = [
        f"# Closure readiness: account {report.account_id} ({report.site} site)",
        "",
        f"**Verdict: {report.verdict}** · source: {report.source} · "
        f"generated {report.generated_at:%Y-%m-%d %H:%M} UTC",
        "",
    ]
    for step, name in STEPS.items():
        findings = [finding for finding in report.findings if finding.step == step]
        if not findings:
            continue
        lines += [f"## {step}. {name}", "", "| | finding | what to do | id |", "|---|---|---|---|"]
        lines += [
            f"| {_MARK[f.severity]} | {_cell(f.title)} | {_cell(f.what_to_do)} | `{f.id}` |"
            for f in findings
        ]
        lines.append("")
    timeline = report.timeline
    lines += [
        "## Timeline",
        "",
        f"Initiate closure between **{timeline.earliest_close}** and **{timeline.latest_close}**.",
        "",
        *[f"- {line}" for line in timeline.basis],
        "",
    ]
    return "\n".join(lines)
