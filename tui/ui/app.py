"""The taper-tui Textual app and its factory, shared by the CLI, the tests and screenshots."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from tui.core.doses import format_mg
from tui.store.journal import Journal


class TaperApp(App[None]):
    """A minimal first view: the data file in use and today's entry."""

    TITLE = "taper-tui"

    def __init__(self, journal: Journal, today: date) -> None:
        super().__init__()
        self.journal = journal
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        entry = self.journal.get_day(self.today)
        if entry is None:
            summary = "Nothing logged today yet. Log with: taper-tui log --dose 0.25@08:00 --anxiety 3"
        else:
            doses = ", ".join(i.describe() for i in entry.intakes) or "no doses"
            summary = f"Today: {doses} (total {format_mg(entry.total_mg)}), symptom total {entry.symptom_total}"
        yield Static(f"Data file: {self.journal.path}", id="data-file")
        yield Static(summary, id="today")
        yield Footer()


def build_app(journal: Journal, today: date) -> TaperApp:
    """The app on an open journal, with "today" given (tests and screenshots fix it)."""
    return TaperApp(journal, today)
