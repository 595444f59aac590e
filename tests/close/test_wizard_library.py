"""The wizard as a library, over the prompt seam with answers given in advance: no terminal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from acctclose.closure_prediction import Item, Prediction
from acctclose.closure_steps import STEP_IDS, next_step, progress
from acctclose.prompts import ConfirmationRefused, ScriptedPrompter
from acctclose.state_store import Session, StateStore
from acctclose.wizard import Blocked, Stopped, Wizard

ACCOUNT = "1000000000000077"
ANSWERS: dict[str, Any] = {
    "close:device": "pc",
    "close:identity": True,
    "close:agreement": True,
    "close:system_check": "same",
    "close:reason": "cost",
}


def prediction(
    *, verified: bool | None = True, renounceable: tuple[Item, ...] = (), must=()
) -> Prediction:
    return Prediction("a test", tuple(must), renounceable, (), verified)


@contextmanager
def session(tmp_path: Path) -> Iterator[Session]:
    with StateStore.open(ACCOUNT, tmp_path).session("acctclose close") as held:
        yield held


def run(
    tmp_path: Path, answers: dict[str, Any], predicted: Prediction, confirmed: str | None = ACCOUNT
) -> tuple[ScriptedPrompter, str]:
    out = io.StringIO()
    prompter = ScriptedPrompter(answers, confirmed_id=confirmed)
    with session(tmp_path) as held:
        wizard = Wizard(held, prompter, predicted, Console(file=out, width=120))
        wizard.begin("ready", predicted.basis)
        try:
            wizard.run()
        finally:
            out.write("\n")
    return prompter, out.getvalue()


def load(tmp_path: Path):  # type: ignore[no-untyped-def]
    state = StateStore.open(ACCOUNT, tmp_path).load()
    assert state is not None
    return state


def test_the_steps_are_asked_in_the_guides_order(tmp_path):
    forfeit = (Item("billing.balance", "Cash balance 5.00 CNY"),)
    prompter, _ = run(tmp_path, ANSWERS, prediction(renounceable=forfeit))

    asked = [key.removeprefix("close:") for key in prompter.asked if key.count(":") == 1]
    assert asked == list(STEP_IDS)
    assert load(tmp_path).stage == "cooling_down"


def test_alipay_is_offered_only_to_an_identity_verified_account(tmp_path):
    _, verified = run(tmp_path / "a", ANSWERS, prediction(verified=True))
    _, unverified = run(tmp_path / "b", ANSWERS, prediction(verified=False))

    def step_two(text: str) -> str:
        return text.split("Step 2 of 7")[1].split("Step 3 of 7")[0]

    assert "Alipay authorization" in step_two(verified)
    assert "Alipay authorization" not in step_two(unverified)
    assert "only the mobile phone number is offered" in step_two(unverified)


def test_a_console_difference_adding_a_must_process_item_stops_the_wizard(tmp_path):
    answers = {
        **ANSWERS,
        "close:system_check": "differs",
        "close:system_check:must": True,
        "close:system_check:must_items": "Unexpired domain example.cn",
    }

    with pytest.raises(Blocked, match=r"example\.cn"):
        run(tmp_path, answers, prediction())

    state = load(tmp_path)
    assert state.stage == "preparing"  # back to preparing: nothing was submitted
    outcomes = {step.id: step.outcome for step in state.closure.steps}
    assert outcomes["system_check"] == "blocked"
    assert progress(state).first_pending == "system_check"  # the next run checks again
    assert "step 4" in next_step(state)


def test_a_renounceable_difference_is_recorded_and_listed_for_forfeiting(tmp_path):
    answers = {
        **ANSWERS,
        "close:system_check": "differs",
        "close:system_check:renounceable": "SLB lb-abc123, NAT gateway ngw-1",
    }

    _, shown = run(tmp_path, answers, prediction())

    state = load(tmp_path)
    step = next(step for step in state.closure.steps if step.id == "system_check")
    assert step.outcome == "differs"
    assert "SLB lb-abc123" in (step.note or "")
    assert "• SLB lb-abc123" in shown and "• NAT gateway ngw-1" in shown


def test_predicted_must_process_items_the_console_confirms_stop_the_wizard(tmp_path):
    must = (Item("ram.users", "1 RAM user left"),)
    with pytest.raises(Blocked, match="1 RAM user left"):
        run(tmp_path, ANSWERS, prediction(must=must))


def test_forfeiting_needs_the_account_id_and_a_refusal_records_no_confirmation(tmp_path):
    forfeit = (Item("billing.balance", "Cash balance 5.00 CNY"),)

    with pytest.raises(ConfirmationRefused):
        run(tmp_path, ANSWERS, prediction(renounceable=forfeit), confirmed="1000000000000078")

    outcomes = {step.id: step.outcome for step in load(tmp_path).closure.steps}
    assert "renounceable" not in outcomes and "confirm" not in outcomes


def test_answering_no_stops_and_keeps_the_steps_done(tmp_path):
    answers = {**ANSWERS, "close:agreement": False}

    with pytest.raises(Stopped):
        run(tmp_path, answers, prediction())

    state = load(tmp_path)
    assert progress(state).done == ("device", "identity")
    assert state.stage == "initiated"
