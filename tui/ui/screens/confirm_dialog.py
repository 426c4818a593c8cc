"""A yes/no dialog that shows what an action will do before it is done.

The caller says which answer is safe (``safe="cancel"`` by default): that button has the focus,
so Enter pressed right away never confirms a discard, a delete or an override.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.ui.screens.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask before a change; dismisses with ``True`` (confirm) or ``False`` (cancel)."""

    DEFAULT_CSS = """
    ConfirmDialog .body { height: auto; max-height: 14; overflow-y: auto; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: str,
        confirm_label: str = "Yes",
        cancel_label: str = "Cancel",
        safe: Literal["cancel", "confirm"] = "cancel",
    ) -> None:
        super().__init__()
        self.safe = safe
        """The button focused first: ``cancel`` unless confirming changes nothing that matters."""
        self.title_text = title
        self.body_text = body
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Static(self.body_text, classes="body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.cancel_label} (n)", id="cancel", compact=True)
                yield Button(f"{self.confirm_label} (y)", id="confirm", variant="primary", compact=True)

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    def cancel_result(self) -> bool:
        return False

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
