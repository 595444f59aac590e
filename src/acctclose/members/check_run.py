"""`check` for members: start each member's deletion check and poll it, side by side.
Calls only CheckAccountDelete and reads; never DeleteAccount."""

from __future__ import annotations

from collections.abc import Sequence

from acctclose.members.api import DirectoryApi, Interrupted
from acctclose.members.batch import run_batch
from acctclose.members.deletion_check import findings, run_check
from acctclose.members.model import MemberOutcome
from acctclose.members.preconditions import Preflight, blocking_preconditions
from acctclose.members.progress import MemberProgress, NoProgress
from acctclose.members.record import MemberRecorder
from acctclose.members.settings import MemberSettings
from acctclose.sources.live.retry import Unreadable


def check_members(
    api: DirectoryApi,
    preflight: Preflight,
    member_ids: Sequence[str],
    settings: MemberSettings,
    *,
    progress: MemberProgress | None = None,
    recorder: MemberRecorder | None = None,
) -> list[MemberOutcome]:
    shown = progress or NoProgress()
    record = recorder or MemberRecorder(None, "acctclose check")

    def one(member_id: str) -> MemberOutcome:
        member = preflight.members[member_id]
        outcome = MemberOutcome(member_id, member.display_name or None)
        shown.update(member_id, "checking")
        record.note(member_id, "checking", display_name=member.display_name)
        outcome.findings = list(blocking_preconditions(member_id, preflight))
        try:
            outcome.check = run_check(api, member_id, settings.check_poll)
        except Interrupted:
            raise
        except Exception as error:
            # Fail closed: a check without a result is unknown, never allowed.
            reason = (
                error.reason
                if isinstance(error, Unreadable)
                else (f"unexpected {type(error).__name__} during the check")
            )
            outcome.findings.append(
                {
                    "id": "member.check_unknown",
                    "severity": "unknown",
                    "title": f"The deletion check gave no result: {reason}",
                    "action": f"Run acctclose check --member {member_id} again.",
                }
            )
        else:
            outcome.findings.extend(findings(outcome.check, member_id))
        outcome.outcome = verdict(outcome.findings)
        outcome.detail = describe(outcome)
        record.outcome(outcome)
        shown.update(member_id, outcome.outcome, outcome.detail)
        return outcome

    return run_batch(list(member_ids), one, settings.concurrency, api.stop)


def describe(outcome: MemberOutcome) -> str:
    parts = []
    must = [
        f.get("check_id") or f["id"] for f in outcome.findings if f["severity"] == "must_process"
    ]
    may = [f["check_id"] for f in outcome.findings if f["severity"] == "renounceable"]
    if must:
        parts.append("must process: " + ", ".join(must))
    if may:
        parts.append("abandonable: " + ", ".join(may))
    parts += [f["title"] for f in outcome.findings if f["severity"] == "unknown"]
    return "; ".join(parts)


def verdict(found: list[dict[str, str]]) -> str:
    severities = {finding["severity"] for finding in found}
    if "must_process" in severities:
        return "blocked"
    return "incomplete" if "unknown" in severities else "allowed"
