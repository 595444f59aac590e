"""ICP filings: no API reads them, so they are a statement of the owner's."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext, counted, sample

FILINGS = FindingSpec(
    id="icp.filings",
    area="icp",
    step=2,
    severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
    summary="ICP filings on the account must be cancelled or transferred to another account.",
    source='Closure guide: "ICP filings: Log on to the ICP filing system. Complete the '
    'cancellation of website ICP filings or transfer the ICP filing entity to another account."',
    action="Log on to the ICP filing system and cancel each filing or transfer the filing entity "
    "to another account; allow 7-15 business days.",
)

SPECS = (FILINGS,)


def check(context: RuleContext) -> list[Finding]:
    filings = context.inventory.icp_filings
    if filings is None:
        return [
            Finding(
                FILINGS,
                Severity.UNKNOWN,
                "ICP filings not stated",
                "No Alibaba Cloud API reports ICP filings; only the owner can say.",
                action="Look in the ICP filing system, then state what you found: "
                "`acctclose prepare --state icp_filings=none` (or list them in the inventory "
                "file).",
            )
        ]
    if not filings:
        return []
    return [
        Finding(
            FILINGS,
            Severity.MUST_PROCESS,
            f"{counted(filings, 'ICP filing')} to cancel or transfer",
            "Closure is refused while the account holds ICP filings.",
            {"count": len(filings), "sample": [filing.number for filing in sample(filings)]},
        )
    ]
