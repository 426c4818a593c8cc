"""Asked before leaving a Log day with unsaved changes: save, discard, or stay."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.ui.screens.dialog import Dialog

UnsavedChoice = Literal["save", "discard", "stay"]


class UnsavedChangesDialog(Dialog[UnsavedChoice]):
    """Three plain choices; "stay" is the safe default (Escape, and Enter at once), nothing is lost by asking."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
    ]

    def __init__(self, day_text: str, going_to: str) -> None:
        super().__init__()
        self.day_text = day_text
        self.going_to = going_to

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Unsaved changes", classes="title")
            yield Static(
                f"What you typed for {self.day_text} is not saved yet. Save it before going to {self.going_to}?",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Stay here (Esc)", id="stay", compact=True)
                yield Button("Discard (d)", id="discard", compact=True)
                yield Button("Save and go (s)", id="save", variant="primary", compact=True)

    safe = "stay"

    def cancel_result(self) -> UnsavedChoice:
        return "stay"

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]  # ids are the choices

    def action_choose(self, choice: UnsavedChoice) -> None:
        self.dismiss(choice)
