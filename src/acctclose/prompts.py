"""The one seam every question goes through: questionary at a terminal, answers given in
advance in scripts. `prepare` uses it now; the close wizard uses it too.

Every question has a stable `key` (such as `item:billing.outstanding` or
`statement:partner`); a ScriptedPrompter answers by key, so each wizard step can be
tested without a terminal, and the same steps are driven in a real one by pexpect.

Ctrl-C (or Ctrl-D) at a terminal prompt raises KeyboardInterrupt: callers save after
every answer, and the CLI turns the interrupt into exit code 130.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from acctclose.errors import AcctcloseError

# Returns None when the text is acceptable, else the reason it is not.
Validator = Callable[[str], str | None]


class NoAnswer(AcctcloseError):
    """A script did not give the answer a question needs."""


class ConfirmationRefused(AcctcloseError):
    """An irreversible step was not confirmed with the account's ID."""


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


class Prompter(Protocol):
    """Ask the owner; each method returns the answer or raises KeyboardInterrupt."""

    interactive: bool

    def confirm(self, key: str, message: str, *, default: bool = False) -> bool: ...

    def select(
        self, key: str, message: str, choices: Sequence[Choice], *, default: str | None = None
    ) -> str: ...

    def text(
        self,
        key: str,
        message: str,
        *,
        default: str | None = None,
        validate: Validator | None = None,
    ) -> str: ...

    def confirm_id(self, key: str, message: str, expected: str) -> None:
        """Have the owner type `expected` (an account ID); ConfirmationRefused if not."""
        ...


class NoTerminal(AcctcloseError):
    """Questions to ask, no terminal to ask them at, and no answers given in advance."""


def terminal_available() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def prompter_for(
    *,
    yes: bool = False,
    confirmed_id: str | None = None,
    answers: Mapping[str, Any] | None = None,
    command: str = "acctclose",
) -> Prompter:
    """The prompter for a command run: scripted with --yes, questionary at a terminal, and
    otherwise an error at once (exit 1), never a prompt that waits for ever."""
    if yes:
        return ScriptedPrompter(answers, confirmed_id=confirmed_id)
    if terminal_available():
        return QuestionaryPrompter()
    raise NoTerminal(
        f"{command} asks questions and there is no terminal: pass --yes (and --confirm-account "
        "ID for a step that cannot be undone)"
    )


class QuestionaryPrompter:
    """Questions at a terminal."""

    interactive = True

    def confirm(self, key: str, message: str, *, default: bool = False) -> bool:
        import questionary

        return bool(_ask(questionary.confirm(message, default=default)))

    def select(
        self, key: str, message: str, choices: Sequence[Choice], *, default: str | None = None
    ) -> str:
        import questionary

        options = [questionary.Choice(title=c.label, value=c.value) for c in choices]
        chosen = next((option for option in options if option.value == default), None)
        question = questionary.select(
            message, choices=options, default=chosen, use_shortcuts=len(options) <= 9
        )
        return str(_ask(question))

    def text(
        self,
        key: str,
        message: str,
        *,
        default: str | None = None,
        validate: Validator | None = None,
    ) -> str:
        import questionary

        def check(answer: str) -> bool | str:
            problem = validate(answer) if validate else None
            return True if problem is None else problem

        return str(_ask(questionary.text(message, default=default or "", validate=check)))

    def confirm_id(self, key: str, message: str, expected: str) -> None:
        typed = self.text(key, f"{message} Type the account ID ({expected}) to go ahead:")
        if typed.strip() != expected:
            raise ConfirmationRefused(f"typed {typed.strip()!r}, not {expected}: nothing was done")


def _ask(question: Any) -> Any:
    try:
        answer = question.unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None
    if answer is None:  # questionary's own cancel
        raise KeyboardInterrupt
    return answer


class ScriptedPrompter:
    """Answers given in advance (command-line flags, tests): by key, else the default.

    A question with no answer and no default is an error (NoAnswer), never a hang.
    `confirmed_id` is the `--confirm-account` value: the only way a script confirms an
    irreversible step; `--yes` alone never does.
    """

    interactive = False

    def __init__(
        self, answers: Mapping[str, Any] | None = None, *, confirmed_id: str | None = None
    ) -> None:
        self.answers = dict(answers or {})
        self.confirmed_id = confirmed_id
        self.asked: list[str] = []  # the keys asked, in order (tests read it)

    def confirm(self, key: str, message: str, *, default: bool = False) -> bool:
        self.asked.append(key)
        if key not in self.answers:
            return default
        answer = self.answers[key]
        if isinstance(answer, str):
            answer = answer.strip().lower() in ("y", "yes", "true")
        return bool(answer)

    def select(
        self, key: str, message: str, choices: Sequence[Choice], *, default: str | None = None
    ) -> str:
        self.asked.append(key)
        answer = self.answers.get(key, default)
        if answer is None:
            raise NoAnswer(f"no answer given for: {message}")
        values = [choice.value for choice in choices]
        if answer not in values:
            raise NoAnswer(f"{answer!r} is not an answer to {message} ({', '.join(values)})")
        return str(answer)

    def text(
        self,
        key: str,
        message: str,
        *,
        default: str | None = None,
        validate: Validator | None = None,
    ) -> str:
        self.asked.append(key)
        answer = self.answers.get(key, default)
        if answer is None:
            raise NoAnswer(f"no answer given for: {message}")
        problem = validate(str(answer)) if validate else None
        if problem is not None:
            raise NoAnswer(f"{message} {problem}")
        return str(answer)

    def confirm_id(self, key: str, message: str, expected: str) -> None:
        self.asked.append(key)
        if self.confirmed_id is None:
            raise ConfirmationRefused(
                f"{message} This cannot be undone: in a script pass --yes together with "
                f"--confirm-account {expected}"
            )
        if self.confirmed_id != expected:
            raise ConfirmationRefused(
                f"--confirm-account {self.confirmed_id} does not name this account "
                f"({expected}): nothing was done"
            )
