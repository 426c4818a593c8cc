"""Asked before saving a day whose doses look like a typo: go back (the default) or save anyway.

``6`` typed for ``0.6`` is saved as a dose nobody took; the warnings come from
:func:`tui.core.plausibility.dose_warnings` and are listed as they are. "Go back" has the focus,
so Enter pressed at once never saves; nothing typed is changed either way.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.core.terminal_text import terminal_safe
from tui.ui.screens.dialog import Dialog


class PlausibilityDialog(Dialog[bool]):
    """Lists what looks wrong; dismisses True only for "Save anyway" (button or ``a``)."""

    BINDINGS = [Binding("a", "save_anyway", "Save anyway", show=False)]

    safe = "back"

    def __init__(self, day_text: str, warnings: list[str]) -> None:
        super().__init__()
        self.day_text = day_text
        """The day, in words (``today (Monday 15 March)``)."""
        self.warnings = warnings
        """One sentence per thing that looks wrong."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Check the doses before saving", classes="title")
            yield Static(f"For {self.day_text} this looks unusual:", markup=False)
            for warning in self.warnings:
                yield Static(f"• {terminal_safe(warning)}", id=None, classes="plausibility-warning", markup=False)
            yield Static("If that is what was taken, save anyway; otherwise go back and correct it.", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Go back (Esc)", id="back", compact=True)
                yield Button("Save anyway (a)", id="save", variant="warning", compact=True)

    def cancel_result(self) -> bool:
        return False

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "save")

    def action_save_anyway(self) -> None:
        """Save the day as typed."""
        self.dismiss(True)
