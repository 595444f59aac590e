"""The closure wizard's steps as the record knows them, and the guide's next step per stage.

Kept apart from wizard.py (which talks to the owner) so that `status` can say what comes
next from the record alone, without loading prompts or consoles.
"""

from __future__ import annotations

from dataclasses import dataclass

from acctclose.state import ClosureStep, State

# Stage 2 of the guide ("Initiate the closure process"), in its order.
STEP_IDS: tuple[str, ...] = (
    "device",
    "identity",
    "agreement",
    "system_check",
    "renounceable",
    "reason",
    "confirm",
)
STEP_TITLES: dict[str, str] = {
    "device": "Computer or app: where to start",
    "identity": "Verify the account's identity",
    "agreement": "The closure agreement",
    "system_check": "The system check",
    "renounceable": "What is forfeited (Renounceable)",
    "reason": "The closure reason",
    "confirm": "Confirm deletion",
}
# Outcomes that complete a step; anything else ("blocked") leaves it to be done again.
COMPLETE_OUTCOMES: frozenset[str] = frozenset(
    {"done", "same", "differs", "confirmed", "nothing_to_renounce"}
)
# Not wizard steps, but kept in the same list: how an attempt started and what it rested on.
RESTART = "restart"
PRECONDITION = "precondition"

CLOSED_NEXT = (
    "Nothing more to do: the account and all its data are deleted. To use Alibaba Cloud "
    "again, create a new account. Taobao, Alipay and DingTalk accounts are not affected."
)
FAILED_NEXT = (
    "The account was restored. Log on, settle the overdue payments in Expenses and Costs › "
    "Fee Hub, re-check (acctclose prepare), then start again (acctclose close)."
)


@dataclass(frozen=True, slots=True)
class Progress:
    done: tuple[str, ...]
    pending: tuple[str, ...]

    @property
    def first_pending(self) -> str | None:
        return self.pending[0] if self.pending else None


def attempt_steps(state: State) -> list[ClosureStep]:
    """The steps of the current attempt: those after the last restart (a failed closure
    starts the process again, so its steps no longer count)."""
    steps = state.closure.steps
    starts = [index for index, step in enumerate(steps) if step.id == RESTART]
    return steps[starts[-1] + 1 :] if starts else list(steps)


def needs_restart(state: State) -> bool:
    """A failed closure whose attempt has not been restarted yet."""
    if state.closure.result != "failed":
        return False
    restarts = [step for step in state.closure.steps if step.id == RESTART]
    failed_at = state.closure.result_at
    return not restarts or (failed_at is not None and restarts[-1].at < failed_at)


def progress(state: State) -> Progress:
    completed = {step.id for step in attempt_steps(state) if step.outcome in COMPLETE_OUTCOMES}
    if needs_restart(state):
        completed = set()
    done = tuple(step for step in STEP_IDS if step in completed)
    return Progress(done, tuple(step for step in STEP_IDS if step not in completed))


def step_number(step_id: str) -> int:
    return STEP_IDS.index(step_id) + 1


def next_step(state: State) -> str:
    """What the owner does next, in the guide's words, for `status`."""
    stage = state.stage
    if stage == "closed":
        return CLOSED_NEXT
    if stage == "failed":
        return FAILED_NEXT
    if stage == "cooling_down":
        ends = state.cool_down_ends
        when = (
            f"It ends {ends.isoformat()}"
            if ends
            else "Record its end date when the SMS arrives (acctclose close --cool-down-ends DATE)"
        )
        return (
            f"Wait for the cool-down to end; it cannot be shortened or revoked. {when}. Watch for "
            "new unpaid bills (acctclose status --watch), then record the result from the SMS "
            "or email (acctclose close --result closed|failed)."
        )
    pending = progress(state).first_pending
    if stage == "initiated" or (pending and pending != STEP_IDS[0]):
        if pending is None:
            return "Record the cool-down (acctclose close)."
        return (
            f"Continue the closure wizard (acctclose close) at step {step_number(pending)}: "
            f"{STEP_TITLES[pending]}."
        )
    check = state.last_check
    if check is not None and check.verdict == "ready":
        return "Initiate closure with the guided wizard: acctclose close."
    return "Work through the open items (acctclose prepare), then re-check."
