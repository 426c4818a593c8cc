"""Today: the planned dose, what is logged so far, where the taper stands, the last 7 days."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.doses import format_mg
from tui.ui.views.journal_view import JournalView


class TodayView(JournalView):
    """What matters today, and one key to log it."""

    BINDINGS = [
        Binding("l,enter", "log_today", "Log today"),
        Binding("y", "log_yesterday", "Log yesterday"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="today-scroll", can_focus=True):
            yield Static(id="today-logged", markup=False)

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        entry = self.journal.get_day(self.today)
        if entry is None:
            text = f"{self.today:%A %d %B %Y}\n\nNothing logged today yet. Press l to log today."
        else:
            doses = ", ".join(i.describe() for i in entry.intakes) or "no doses logged"
            text = f"{self.today:%A %d %B %Y}\n\nLogged: {doses} (total {format_mg(entry.total_mg)})"
        self.query_one("#today-logged", Static).update(text)

    def focus_content(self) -> None:
        self.query_one("#today-scroll").focus()

    def action_log_today(self) -> None:
        self.taper_app.open_day(self.today)

    def action_log_yesterday(self) -> None:
        self.taper_app.open_day(self.today.fromordinal(self.today.toordinal() - 1))
