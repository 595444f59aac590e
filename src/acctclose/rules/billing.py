"""Billing: unpaid amounts, the cash balance, and this month's unbilled charges."""

from __future__ import annotations

from decimal import Decimal

from acctclose.money import CNY, format_amount, to_cny
from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext

OUTSTANDING_RENOUNCEABLE_CNY = Decimal("10")
BALANCE_RENOUNCEABLE_CNY = Decimal("1000")

_SETTLE = (
    "The system supports abandoning only small balances (i.e., 1,000 CNY or less) or small "
    "overdue payments (10 CNY or less), which are canceled along with the account."
)

OUTSTANDING = FindingSpec(
    id="billing.outstanding",
    area="billing",
    step=1,
    severities=(Severity.MUST_PROCESS, Severity.RENOUNCEABLE, Severity.UNKNOWN),
    summary="Unpaid or overdue bills. More than 10 CNY must be paid; 10 CNY or less may be "
    "abandoned with the account.",
    source='Closure guide, Financial settlement: "Settle overdue payments: Go to Fee Hub. Pay all '
    f'outstanding bills and fees." and "{_SETTLE}"',
    action="Pay the outstanding bills in Expenses and Costs › Fee Hub (Billing › Bills).",
)

BALANCE = FindingSpec(
    id="billing.balance",
    area="billing",
    step=1,
    severities=(Severity.MUST_PROCESS, Severity.RENOUNCEABLE, Severity.UNKNOWN),
    summary="Cash balance that closure would forfeit. More than 1,000 CNY must be used or "
    "withdrawn first; 1,000 CNY or less may be abandoned.",
    source=f'Closure guide, Financial settlement: "If the account has a balance, you cannot '
    f'withdraw it after closure. {_SETTLE}"',
    action="Withdraw the balance in Expenses and Costs › Fee Hub › Funds (or spend it) until "
    "1,000 CNY or less remains; what remains is forfeited.",
)

UNBILLED = FindingSpec(
    id="billing.unbilled",
    area="billing",
    step=4,
    severities=(Severity.MUST_PROCESS, Severity.UNKNOWN),
    summary="This month's charges not yet billed. Handled last: once every other item is "
    "clean, force billing in the closure check, then pay or abandon the result.",
    source='Alibaba Cloud support: the closure check lists "unpaid bills, or bills not yet issued '
    'this month" as must-handle; fix it with "force billing" (强制出账, 1-10 minutes) after '
    "every other item is handled, since forcing earlier creates new bills.",
    action="After every other item is done and re-checked: Account Center › Security › Account "
    "deletion › Check › Force billing; wait 1-10 minutes, then pay or abandon the bill and "
    "re-check.",
)

SPECS = (OUTSTANDING, BALANCE, UNBILLED)


def check(context: RuleContext) -> list[Finding]:
    billing = context.inventory.billing
    findings = [
        _threshold(
            OUTSTANDING, "Outstanding", billing.outstanding, OUTSTANDING_RENOUNCEABLE_CNY, context
        ),
        _threshold(
            BALANCE, "Cash balance", billing.available_cash, BALANCE_RENOUNCEABLE_CNY, context
        ),
        _unbilled(billing.unbilled, billing.currency),
    ]
    return [finding for finding in findings if finding is not None]


def _threshold(
    spec: FindingSpec, label: str, amount: Decimal | None, limit_cny: Decimal, context: RuleContext
) -> Finding | None:
    """Zero: nothing. Up to the limit (inclusive): renounceable. One fen more: must process."""
    currency = context.inventory.billing.currency or CNY
    if amount is None:
        return Finding(
            spec,
            Severity.UNKNOWN,
            f"{label} not established",
            "The amount was not read, so it cannot be judged.",
            action="Read it in Expenses and Costs › Fee Hub, or run the live check.",
        )
    if amount == 0:
        return None
    evidence: dict[str, object] = {
        "amount": str(amount),
        "currency": currency,
        "limit_cny": str(limit_cny),
    }
    amount_cny = to_cny(amount, currency, context.fx_rates)
    shown = format_amount(amount, currency)
    if amount_cny is None:
        return Finding(
            spec,
            Severity.UNKNOWN,
            f"{label} {shown}: no CNY rate given",
            f"The closure limits are in CNY; {currency} cannot be compared without a rate.",
            evidence,
            action=f"Re-run with --fx-rate {currency}=RATE (CNY per 1 {currency}).",
        )
    evidence["amount_cny"] = str(amount_cny)
    if currency != CNY:
        evidence["fx_rate"] = str(context.fx_rates[currency])
    if amount_cny <= limit_cny:
        return Finding(
            spec,
            Severity.RENOUNCEABLE,
            f"{label} {shown} (within the {limit_cny:,} CNY that may be abandoned)",
            "It is forfeited with the account when you abandon it in the closure check.",
            evidence,
            action="Select it under Renounceable in the closure check (Discard), or settle it "
            "first if you would rather not lose it.",
        )
    return Finding(
        spec,
        Severity.MUST_PROCESS,
        f"{label} {shown} (more than the {limit_cny:,} CNY that may be abandoned)",
        "Closure is refused until this is settled.",
        evidence,
    )


def _unbilled(amount: Decimal | None, currency: str | None) -> Finding | None:
    if amount is None:
        return Finding(
            UNBILLED,
            Severity.UNKNOWN,
            "This month's unbilled charges not established",
            "Charges not yet billed this month block closure until force billing settles them.",
            action="Read them in Expenses and Costs › Bill Details (current month), or run the "
            "live check.",
        )
    if amount == 0:
        return None
    return Finding(
        UNBILLED,
        Severity.MUST_PROCESS,
        f"Unbilled charges this month: {format_amount(amount, currency or CNY)}",
        "Any charge not yet billed blocks closure. Leave this for last: force billing creates new "
        "bills, so doing it before the other items means doing it again.",
        {"amount": str(amount), "currency": currency or CNY},
    )
