"""Log view (stub; the full day form replaces it)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Static

from tui.ui.views.journal_view import JournalView


class LogView(JournalView):
    has_unsaved_changes = False

    def compose(self) -> ComposeResult:
        yield Static("Log", id="log-day")

    def go_to_day(self, day: date) -> None:
        self.query_one("#log-day", Static).update(day.isoformat())
