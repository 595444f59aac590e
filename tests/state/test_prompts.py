"""The prompt seam's scripted side: answers by key, defaults, never a hang, IDs confirmed."""

from __future__ import annotations

import pytest

from acctclose.prompts import Choice, ConfirmationRefused, NoAnswer, ScriptedPrompter

CHOICES = [Choice("done", "Done"), Choice("later", "Later")]


def test_answers_by_key_else_the_default() -> None:
    prompter = ScriptedPrompter({"item:a": "done", "ok": "yes", "name": "Acme"})
    assert prompter.select("item:a", "?", CHOICES, default="later") == "done"
    assert prompter.select("item:b", "?", CHOICES, default="later") == "later"
    assert prompter.confirm("ok", "?") is True
    assert prompter.confirm("other", "?", default=False) is False
    assert prompter.text("name", "?") == "Acme"
    assert prompter.asked == ["item:a", "item:b", "ok", "other", "name"]


def test_a_question_without_answer_or_default_is_an_error_not_a_hang() -> None:
    with pytest.raises(NoAnswer):
        ScriptedPrompter().text("reason", "Why?")
    with pytest.raises(NoAnswer):
        ScriptedPrompter().select("x", "Which?", CHOICES)
    with pytest.raises(NoAnswer):
        ScriptedPrompter({"x": "maybe"}).select("x", "Which?", CHOICES)
    with pytest.raises(NoAnswer):
        ScriptedPrompter({"r": " "}).text(
            "r", "Why?", validate=lambda t: None if t.strip() else "needed"
        )


def test_irreversible_steps_need_the_account_id_not_just_yes() -> None:
    with pytest.raises(ConfirmationRefused, match="--confirm-account 1234"):
        ScriptedPrompter().confirm_id("close", "Close account 1234?", "1234")
    with pytest.raises(ConfirmationRefused, match="does not name this account"):
        ScriptedPrompter(confirmed_id="9999").confirm_id("close", "Close?", "1234")
    ScriptedPrompter(confirmed_id="1234").confirm_id("close", "Close?", "1234")


def test_prompter_for_a_run_without_terminal_is_scripted_with_yes_else_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from acctclose import prompts

    monkeypatch.setattr(prompts, "terminal_available", lambda: False)
    scripted = prompts.prompter_for(yes=True, confirmed_id="1234")
    assert isinstance(scripted, ScriptedPrompter)
    scripted.confirm_id("close", "Close?", "1234")
    with pytest.raises(prompts.NoTerminal, match="acctclose close asks questions"):
        prompts.prompter_for(command="acctclose close")
    monkeypatch.setattr(prompts, "terminal_available", lambda: True)
    assert isinstance(prompts.prompter_for(), prompts.QuestionaryPrompter)
