"""`--format junit`: one test case per checklist area, for CI dashboards.

An area with a must_process finding fails, one with an unknown finding errors, and
any other passes; the message lists every finding that decided it.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from acctclose.report import AREAS, Report, Severity


def render(report: Report) -> str:
    suite = ET.Element(
        "testsuite",
        name=f"acctclose {report.account_id}",
        timestamp=report.generated_at.strftime("%Y-%m-%dT%H:%M:%S"),
        tests=str(len(AREAS)),
    )
    counts = {"failure": 0, "error": 0}
    for area in AREAS:
        case = ET.SubElement(suite, "testcase", classname="acctclose.check", name=area)
        findings = [f for f in report.findings if f.area == area]
        blocking = [f for f in findings if f.severity is Severity.MUST_PROCESS]
        unknown = [f for f in findings if f.severity is Severity.UNKNOWN]
        if not blocking and not unknown:
            continue
        tag = "failure" if blocking else "error"
        counts[tag] += 1
        decisive = blocking + unknown
        element = ET.SubElement(
            case, tag, message="; ".join(f.title for f in decisive), type=decisive[0].id
        )
        element.text = "\n".join(
            f"[{f.severity}] {f.id}: {f.title}. What to do: {f.what_to_do}" for f in decisive
        )
    suite.set("failures", str(counts["failure"]))
    suite.set("errors", str(counts["error"]))
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
