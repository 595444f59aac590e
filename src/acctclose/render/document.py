"""The report as plain data: the contract's JSON shape, shared by the json and yaml formats."""

from __future__ import annotations

from typing import Any

from acctclose.report import REPORT_SCHEMA_VERSION, STEPS, Finding, Report


def finding_document(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "area": finding.area,
        "severity": str(finding.severity),
        "title": finding.title,
        "detail": finding.detail,
        "evidence": finding.evidence,
        "action": finding.what_to_do,
        "step": finding.step,
        "step_name": STEPS[finding.step],
    }


def report_document(report: Report) -> dict[str, Any]:
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "generated_at": report.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": report.source,
        "account": {"id": report.account_id, "site": report.site},
        "verdict": str(report.verdict),
        "findings": [finding_document(finding) for finding in report.findings],
        "timeline": {
            "earliest_close": report.timeline.earliest_close,
            "latest_close": report.timeline.latest_close,
            "basis": list(report.timeline.basis),
        },
    }
