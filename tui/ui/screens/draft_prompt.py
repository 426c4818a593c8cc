"""The offer of a draft at start-up: "An unsaved entry for Mon 30 Nov from 21:04 — Restore / Discard / Show".

Restore has the focus, and Escape restores too: both keep what was typed, and a restored form
can still be left unsaved. Discard sets the draft aside (``….discarded``, until that form's
next save) without another question — nothing stored changes either way. Show lists what the
draft holds, as typed, without choosing.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from tui.core.terminal_text import terminal_safe
from tui.ui.screens.dialog import Dialog

DraftChoice = Literal["restore", "discard"]
"""What the person chose for the draft."""


class DraftPrompt(Dialog[DraftChoice]):
    """Offer one draft back; dismisses with ``restore`` (also Escape) or ``discard``."""

    DEFAULT_CSS = """
    DraftPrompt #draft-content { height: auto; max-height: 12; overflow-y: auto; }
    DraftPrompt .-hidden { display: none; }
    """

    safe = "restore"

    def __init__(self, title: str, content: str) -> None:
        super().__init__()
        self.title_text = title
        """The offer, e.g. "An unsaved entry for Mon 30 Nov from 21:04"."""
        self.content = content
        """What the draft holds, one line per field (shown by Show)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Static(
                "It was typed but not saved when taper-tui last closed. Restore it into the form "
                "(then save with ctrl+s), discard it, or show what it holds.",
                markup=False,
            )
            yield Static(terminal_safe(self.content), id="draft-content", classes="-hidden", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Show", id="show", compact=True)
                yield Button("Discard", id="discard", compact=True)
                yield Button("Restore", id="restore", variant="primary", compact=True)

    def cancel_result(self) -> DraftChoice:
        return "restore"

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        self.dismiss("restore")

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#show")
    def _show(self) -> None:
        self.query_one("#draft-content").toggle_class("-hidden")
        self.query_one("#restore", Button).focus()
