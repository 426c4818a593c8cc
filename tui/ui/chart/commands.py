"""The Chart's modes in the command palette: titles, help lines and what each does.

The app's ``get_system_commands`` yields these as ``SystemCommand``s; each first asks the app to
show the Chart (a message up, like every navigation request), then switches the mode.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.ui.chart.view import ChartView
from tui.ui.views.journal_view import JournalView


def palette_commands(view: ChartView) -> list[tuple[str, str, Callable[[], None]]]:
    """The Chart's modes as command-palette entries ``(title, help, callback)``, for the app's
    ``get_system_commands`` to yield as ``SystemCommand``s (each shows the Chart first)."""

    def shown_then(action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            view.post_message(JournalView.ShowView("chart"))
            action()

        return run

    return [
        (
            "Chart: days since each cut",
            "Every recent cut's symptom curve lined up by day since the cut, with the usual peak and settling day (a)",
            shown_then(view.action_toggle_aligned),
        ),
        (
            "Chart: estimated level",
            "The estimated drug level from your logged intakes over the dose panel (L)",
            shown_then(view.action_toggle_level),
        ),
    ]
