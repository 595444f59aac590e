"""Partner: a reseller relationship must be cancelled first."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext

RESELLER = FindingSpec(
    id="partner.reseller",
    area="partner",
    step=2,
    severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
    summary="A partnership with an Alibaba Cloud partner (reseller) must be cancelled first.",
    source='Closure guide, Cancel partner relationships: "If the account has a partnership with '
    'an Alibaba Cloud partner (reseller), cancel the partnership before closing the account."',
    action="Ask the partner to end the relationship (or cancel it in the partner console), then "
    "re-check.",
)

SPECS = (RESELLER,)


def check(context: RuleContext) -> list[Finding]:
    partner = context.inventory.partner
    if partner is None:
        return [
            Finding(
                RESELLER,
                Severity.UNKNOWN,
                "Reseller relationship not stated",
                "No Alibaba Cloud API reports a reseller relationship; only the owner can say.",
                action="State it: `acctclose prepare --state partner=none` (or the partner's "
                "name), or record `partner:` in the inventory file.",
            )
        ]
    if not partner.present:
        return []
    return [
        Finding(
            RESELLER,
            Severity.MUST_PROCESS,
            f"Reseller relationship with {partner.name}",
            "Closure is refused while the account is managed by a partner.",
            {"partner": partner.name},
        )
    ]
