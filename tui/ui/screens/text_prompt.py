"""A one-line prompt whose answer is checked before the dialog closes.

The check is a function that turns the text into a value or raises ``ValueError`` (core
``ValidationError`` included); its message is shown under the field and the typed text stays.

A prompt for a plan change can also ask for an optional reason (``ask_reason=True``): a second
field, reached with Tab, whose text is recorded with the change. Enter in either field answers,
so the reason never costs a keystroke when there is none to give; the prompt then dismisses with
a :class:`PromptAnswer` (the checked value and the reason) instead of the value alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.ui.screens.dialog import Dialog


@dataclass(frozen=True)
class PromptAnswer:
    """The answer of a prompt that also asked for a reason."""

    value: Any
    """The checked value."""
    reason: str
    """The reason typed, stripped (``""`` when none was given)."""


class TextPrompt(Dialog[Any]):
    """Ask for one value; dismisses with the checked value (a :class:`PromptAnswer` when it asks
    for a reason too), or ``None`` on Escape."""

    DEFAULT_CSS = """
    TextPrompt .title { text-style: bold; }
    TextPrompt .explanation { color: $text-muted; margin-bottom: 1; }
    TextPrompt .problem { color: $error; height: auto; }
    TextPrompt .keys { color: $text-muted; }
    """

    def __init__(
        self,
        title: str,
        explanation: str,
        check: Callable[[str], Any],
        initial: str = "",
        placeholder: str = "",
        ask_reason: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.check = check
        self.initial = initial
        self.placeholder = placeholder
        self.ask_reason = ask_reason
        """Whether an optional reason field follows the answer (see the module docstring)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.explanation:
                yield Static(self.explanation, classes="explanation", markup=False)
            yield Input(self.initial, placeholder=self.placeholder, id="answer")
            yield Static("", classes="problem", id="problem", markup=False)
            if self.ask_reason:
                yield Label("Reason (optional, kept with the change):")
                yield Input(placeholder="e.g. a hard week at work", id="reason")
                yield Static("enter: OK · tab: reason · esc: cancel", classes="keys")
            else:
                yield Static("enter: OK · esc: cancel", classes="keys")

    def first_focus(self) -> Input:
        return self.query_one("#answer", Input)

    @on(Input.Submitted, "#answer, #reason")
    def _submitted(self) -> None:
        answer = self.query_one("#answer", Input)
        try:
            value = self.check(answer.value)
        except ValueError as error:
            self.query_one("#problem", Static).update(f"⚠ {error}")
            answer.focus()  # the field to fix, with the text as typed
            return
        if self.ask_reason:
            self.dismiss(PromptAnswer(value, self.query_one("#reason", Input).value.strip()))
        else:
            self.dismiss(value)
