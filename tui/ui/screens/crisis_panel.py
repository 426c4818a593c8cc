"""The crisis panel shown whenever a red-flag symptom is logged (and the lines Help lists).

The lines are the person's region's (:func:`tui.core.crisis_lines.lines_for`), the right one
first for what was logged: the emergency number for a seizure, delirium or psychosis, the
suicide and crisis line for suicidal thoughts. The panel never changes the plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from tui.core.crisis_lines import crisis_lines_for, red_flag_keys, situation_for
from tui.core.settings import Settings
from tui.core.symptoms import default_symptom
from tui.core.terminal_text import terminal_safe
from tui.ui.screens.dialog import Dialog


class CrisisPanel(Dialog[None]):
    """Names the red flags logged and lists the crisis lines; dismissed with Enter or Escape."""

    BINDINGS = [Binding("escape", "cancel", "Close")]

    safe = "close"

    def __init__(self, flagged: Iterable[str], settings: Settings | str | None) -> None:
        """``flagged``: the red-flag symptoms logged (keys, or their labels); ``settings``: the
        person's settings (their region and own lines), or a region code."""
        super().__init__()
        self.flagged_keys = red_flag_keys(flagged)
        """The red-flag symptom keys logged, which decide the first line."""
        self.lines = crisis_lines_for(settings, situation_for(self.flagged_keys))
        """The lines shown, in order."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("⚠ Please reach out now", classes="title")
            if self.flagged_keys:
                names = [symptom.label.lower() for key in self.flagged_keys if (symptom := default_symptom(key))]
                yield Static(
                    f"You logged: {', '.join(names)}. These can be signs of a serious reaction. "
                    "Contact your prescriber now, or one of these lines:",
                    markup=False,
                )
            # the person's own lines are text they typed: shown, never obeyed
            yield Static(
                "\n".join(f"• {terminal_safe(line.describe())}" for line in self.lines), id="lines", markup=False
            )
            yield Static("Your entry is saved. This panel never changes your plan.", markup=False)
            yield Button("Close (Esc)", id="close", compact=True)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_cancel()
