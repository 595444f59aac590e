"""Identity: who read the facts, and who can submit closure (advice, never a blocker)."""

from __future__ import annotations

from acctclose.report import Finding, FindingSpec, Severity
from acctclose.rules.context import RuleContext

_BY_ACCOUNT = (
    "Closure is submitted by logging on to the console as the Alibaba Cloud account itself; "
    "RAM users cannot close accounts, and acctclose never needs the account's AccessKey."
)

CALLER = FindingSpec(
    id="identity.caller",
    area="identity",
    step=5,
    severities=(Severity.ADVISORY,),
    summary="Who read the facts, and the reminder that only the account itself submits closure.",
    source='Closure guide, Who can close an account?: "You must log on with your Alibaba Cloud '
    'account. RAM users cannot close accounts."',
    action="Read with a read-only RAM user; submit closure logged on as the account itself.",
)

VERIFICATION = FindingSpec(
    id="identity.verification",
    area="identity",
    step=5,
    severities=(Severity.ADVISORY,),
    summary="Without real-name identity verification only mobile phone verification is offered "
    "when closure is initiated.",
    source='Closure guide, Initiate the closure process: "If your account has not completed '
    'identity verification, only mobile phone number validation is supported."',
    action="Make sure the account's mobile phone number is reachable before initiating closure.",
)

SPECS = (CALLER, VERIFICATION)

_CALLER_TEXT = {
    "account": (
        "Facts were read with the account's own credentials",
        "Alibaba Cloud advises against AccessKeys for the account itself: create a read-only "
        "RAM user for acctclose and delete the account's AccessKey.",
    ),
    "ram_user": (
        "Facts were read by a RAM user",
        "That user is itself a RAM identity that blocks closure: delete it last.",
    ),
    "assumed_role": (
        "Facts were read through an assumed RAM role",
        "That role is itself a RAM identity that blocks closure: delete it last.",
    ),
}

_CALLER_ACTION = {
    "ram_user": "Delete that RAM user last; submit closure logged on as the account itself.",
    "assumed_role": "Delete that RAM role last; submit closure logged on as the account itself.",
}


def check(context: RuleContext) -> list[Finding]:
    account = context.inventory.account
    title, advice = _CALLER_TEXT.get(
        account.caller or "",
        ("Who read these facts is not recorded", "Record account.caller in the inventory file."),
    )
    findings = [
        Finding(
            CALLER,
            Severity.ADVISORY,
            title,
            f"{advice} {_BY_ACCOUNT}",
            {"caller": account.caller},
            action=_CALLER_ACTION.get(account.caller or ""),
        )
    ]
    if account.identity_verified is not True:
        findings.append(
            Finding(
                VERIFICATION,
                Severity.ADVISORY,
                "Identity not verified: only mobile phone verification is offered"
                if account.identity_verified is False
                else "Identity verification not recorded",
                "When closure is initiated, a verified account may also use Alipay; an "
                "unverified one only its mobile phone number.",
                {"identity_verified": account.identity_verified},
            )
        )
    return findings
