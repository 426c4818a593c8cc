"""The crisis panel shown whenever a red-flag symptom is logged (and from Help)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from tui.core.safety import crisis_lines
from tui.ui.screens.dialog import Dialog


class CrisisPanel(Dialog[None]):
    """Names the red flags logged and lists the crisis lines; dismissed with Enter or Escape."""

    BINDINGS = [Binding("escape", "cancel", "Close")]

    safe = "close"

    def __init__(self, flagged: list[str], region: str | None) -> None:
        super().__init__()
        self.flagged = flagged
        self.crisis_region = region  # not `region`: that is a Widget property

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("⚠ Please reach out now", classes="title")
            if self.flagged:
                yield Static(
                    f"You logged: {', '.join(self.flagged)}. These can be signs of a serious reaction. "
                    "Contact your prescriber now, or one of these lines:",
                    markup=False,
                )
            lines = "\n".join(f"• {line}" for line in crisis_lines(self.crisis_region))
            yield Static(lines, markup=False)
            yield Static("Your entry is saved. This panel never changes your plan.", markup=False)
            yield Button("Close (Esc)", id="close", compact=True)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_cancel()
