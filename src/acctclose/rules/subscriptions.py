"""Subscriptions: prepaid instances must have expired or been unsubscribed."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext, counted, sample

ACTIVE = FindingSpec(
    id="subscriptions.active",
    area="subscriptions",
    step=2,
    severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
    summary="Subscription (prepaid) instances that have neither expired nor been unsubscribed.",
    source='Closure guide, Resource and dependency cleanup: "ensure all subscription resources '
    'have expired or been unsubscribed."',
    action="Unsubscribe each instance (Expenses and Costs › Orders › Unsubscribe) or wait for it "
    "to expire with auto-renewal turned off.",
)

SPECS = (ACTIVE,)


def check(context: RuleContext) -> list[Finding]:
    subscriptions = context.inventory.subscriptions
    if subscriptions is None:
        return [
            Finding(
                ACTIVE,
                Severity.UNKNOWN,
                "Subscription instances not established",
                "Subscriptions that have not expired block closure.",
                action="Run the live check, or list them from Expenses and Costs › Renewal "
                "Management in the inventory file.",
            )
        ]
    # Fail closed: only a status that says ended counts as ended, whatever the end date says.
    active = [sub for sub in subscriptions if not sub.ended]
    if not active:
        return []
    return [
        Finding(
            ACTIVE,
            Severity.MUST_PROCESS,
            f"{counted(active, 'subscription')} not expired or unsubscribed",
            "Closure is refused while any subscription instance is still running.",
            {
                "count": len(active),
                "sample": [
                    {
                        "id": sub.id,
                        "product": sub.product,
                        "region": sub.region,
                        "status": sub.status,
                        "end_time": sub.end_time.isoformat() if sub.end_time else None,
                    }
                    for sub in sample(active)
                ],
            },
        )
    ]
