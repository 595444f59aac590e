"""docs/findings.md, made from the rules' own declarations so the reference cannot drift.

Regenerate with: python -m acctclose.findings_doc > docs/findings.md
(a test fails while the committed file differs).
"""

from __future__ import annotations

from acctclose.report import STEPS, Severity
from acctclose.rules import all_specs

_INTRO = """\
# Findings reference

Every finding `acctclose check` can report, in the order of work. A finding's `id` is
stable: scripts may rely on it. Its `severity` depends on the facts:

- `must_process`: closure is refused until it is handled (verdict `blocked`, exit 3);
- `renounceable`: it may be abandoned in the closure check (forfeited with the account);
- `advisory`: advice, never a blocker;
- `unknown`: the fact could not be established, so the tool cannot say it is fine
  (verdict `incomplete`, exit 4; fail closed).

This page is generated from the rule modules (`src/acctclose/rules/`):
`python -m acctclose.findings_doc > docs/findings.md`.
"""


def render_findings_doc() -> str:
    lines = [_INTRO]
    specs = all_specs()
    for step, name in STEPS.items():
        step_specs = [spec for spec in specs if spec.step == step]
        if not step_specs:
            continue
        lines.append(f"## Step {step}: {name}\n")
        for spec in step_specs:
            severities = ", ".join(f"`{severity}`" for severity in spec.severities)
            lines += [
                f"### `{spec.id}`\n",
                f"{spec.summary}\n",
                f"- Area: `{spec.area}`",
                f"- Severities: {severities}",
                f"- What to do: {spec.action}",
                f"- Source: {spec.source}",
                "",
            ]
    lines.append(_severity_table(specs))
    return "\n".join(lines)


def _severity_table(specs: list) -> str:
    header = "| id | " + " | ".join(severity.value for severity in Severity) + " |"
    rule = "|---|" + "---|" * len(Severity)
    rows = [
        f"| `{spec.id}` | "
        + " | ".join("✓" if severity in spec.severities else "" for severity in Severity)
        + " |"
        for spec in specs
    ]
    return "\n".join(["## Which severities each finding can take\n", header, rule, *rows, ""])


if __name__ == "__main__":
    print(render_findings_doc(), end="")
