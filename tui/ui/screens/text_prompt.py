"""A one-line prompt whose answer is checked before the dialog closes.

The check is a function that turns the text into a value or raises ``ValueError`` (core
``ValidationError`` included); its message is shown under the field and the typed text stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.ui.screens.dialog import Dialog


class TextPrompt(Dialog[Any]):
    """Ask for one value; dismisses with the checked value, or ``None`` on Escape."""

    DEFAULT_CSS = """
    TextPrompt .title { text-style: bold; }
    TextPrompt .explanation { color: $text-muted; margin-bottom: 1; }
    TextPrompt .problem { color: $error; height: auto; }
    TextPrompt .keys { color: $text-muted; }
    """

    def __init__(
        self, title: str, explanation: str, check: Callable[[str], Any], initial: str = "", placeholder: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.check = check
        self.initial = initial
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.explanation:
                yield Static(self.explanation, classes="explanation", markup=False)
            yield Input(self.initial, placeholder=self.placeholder, id="answer")
            yield Static("", classes="problem", id="problem", markup=False)
            yield Static("enter: OK · esc: cancel", classes="keys")

    def first_focus(self) -> Input:
        return self.query_one("#answer", Input)

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            value = self.check(event.value)
        except ValueError as error:
            self.query_one("#problem", Static).update(f"⚠ {error}")
            return
        self.dismiss(value)
