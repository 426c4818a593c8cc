"""History view (stub; the full table replaces it)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.ui.views.journal_view import JournalView


class HistoryView(JournalView):
    def compose(self) -> ComposeResult:
        yield Static("History")
