"""Domains: every domain still held blocks closure, even one past its expiry date."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext, counted, sample

HELD = FindingSpec(
    id="domains.held",
    area="domains",
    step=2,
    severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
    summary="Domain names still held by the account, including expired ones in their renewal "
    "grace or redemption period.",
    source='Closure guide: "Domain names: Transfer all domain names under the account to another '
    'account or service provider." Alibaba Cloud support ("How do I cancel my Alibaba Cloud '
    'account if my domain name has not expired"): a domain in grace or redemption still blocks.',
    action="Transfer each domain to another account or registrar (Domains console › Transfer "
    "Out), sell it, or wait until it is deleted; allow 7-15 business days.",
)

SPECS = (HELD,)


def check(context: RuleContext) -> list[Finding]:
    domains = context.inventory.domains
    if domains is None:
        return [
            Finding(
                HELD,
                Severity.UNKNOWN,
                "Domain names not established",
                "Any domain still held blocks closure.",
                action="Run the live check, or list the domains from the Domains console in the "
                "inventory file.",
            )
        ]
    if not domains:
        return []
    expired = [domain for domain in domains if domain.expires and domain.expires < context.today]
    detail = "Closure is refused while the account holds any domain name."
    if expired:
        detail += (
            f" {counted(expired, 'domain')} past the expiry date: in the renewal grace or "
            "redemption period a domain still belongs to the account and still blocks."
        )
    return [
        Finding(
            HELD,
            Severity.MUST_PROCESS,
            f"{counted(domains, 'domain name')} still held",
            detail,
            {
                "count": len(domains),
                "expired": len(expired),
                "sample": [
                    {
                        "name": domain.name,
                        "expires": domain.expires.isoformat() if domain.expires else None,
                    }
                    for domain in sample(domains)
                ],
            },
        )
    ]
