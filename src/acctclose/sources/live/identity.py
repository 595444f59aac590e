"""Who is calling: STS GetCallerIdentity gives the account ID and the kind of identity."""

from __future__ import annotations

from dataclasses import dataclass

from acctclose.inventory import Caller
from acctclose.sources.live.context import LiveContext
from acctclose.sources.live.retry import ResponseError

# STS IdentityType -> the inventory's caller.
CALLERS: dict[str, Caller] = {
    "Account": "account",
    "RAMUser": "ram_user",
    "AssumedRoleUser": "assumed_role",
}


@dataclass(frozen=True, slots=True)
class CallerIdentity:
    account_id: str
    caller: Caller | None
    arn: str | None


def read_caller(ctx: LiveContext) -> CallerIdentity:
    sts = ctx.clients.sts()
    body = ctx.call("sts", "GetCallerIdentity", sts.get_caller_identity)
    account_id = str(body.get("AccountId") or "").strip()
    if not account_id.isdigit():
        raise ResponseError("sts", "GetCallerIdentity", "no numeric AccountId")
    # An identity type not listed here stays unknown rather than guessed.
    return CallerIdentity(account_id, CALLERS.get(str(body.get("IdentityType"))), body.get("Arn"))
