"""Findings, the verdict and the report: the judgement the rules pass on the facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

REPORT_SCHEMA_VERSION = 1


class Severity(StrEnum):
    MUST_PROCESS = "must_process"
    RENOUNCEABLE = "renounceable"
    ADVISORY = "advisory"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    READY = "ready"
    BLOCKED = "blocked"
    INCOMPLETE = "incomplete"


# The contracts' order of work: the step a finding belongs to, so a person can work down the list.
STEPS: dict[int, str] = {
    1: "Money and backups",
    2: "Resources, subscriptions, domains, ICP filings, relationships, partner",
    3: "RAM identities (the one acctclose reads with goes last)",
    4: "Force billing for this month's charges, pay or abandon, re-check",
    5: "Initiate closure (acctclose close), then the cool-down",
}

AREAS: tuple[str, ...] = (
    "billing",
    "backup",
    "resources",
    "subscriptions",
    "domains",
    "icp",
    "relationships",
    "partner",
    "ram",
    "identity",
)


@dataclass(frozen=True, slots=True)
class FindingSpec:
    """What a finding is, declared once beside its rule; docs/findings.md is made from these."""

    id: str
    area: str
    step: int
    severities: tuple[Severity, ...]
    summary: str
    source: str  # the guide's (or support page's) sentence the rule encodes
    action: str


@dataclass(frozen=True, slots=True)
class Finding:
    spec: FindingSpec
    severity: Severity
    title: str
    detail: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    action: str | None = None  # overrides the spec's action when the facts call for another

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def area(self) -> str:
        return self.spec.area

    @property
    def step(self) -> int:
        return self.spec.step

    @property
    def what_to_do(self) -> str:
        return self.action if self.action is not None else self.spec.action


@dataclass(frozen=True, slots=True)
class Timeline:
    earliest_close: str
    latest_close: str
    basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    generated_at: datetime
    source: str
    account_id: str
    site: str
    findings: tuple[Finding, ...]
    timeline: Timeline

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)

    def of_severity(self, severity: Severity) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is severity]


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    """Blocked if anything must be processed; else incomplete if anything is unknown."""
    severities = {finding.severity for finding in findings}
    if Severity.MUST_PROCESS in severities:
        return Verdict.BLOCKED
    if Severity.UNKNOWN in severities:
        return Verdict.INCOMPLETE
    return Verdict.READY


EXIT_CODES: dict[Verdict, int] = {Verdict.READY: 0, Verdict.BLOCKED: 3, Verdict.INCOMPLETE: 4}
