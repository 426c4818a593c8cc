"""HeatMap: the total symptom score as a calendar — a year strip and the month in digits.

Top: the 53 weeks up to the chart's last day, one cell a day (Monday at the top), drawn with
shade glyphs ``□ ░ ▒ ▓ █`` and ``·`` for a day not logged. Below: that day's month as a
calendar whose cells carry the day of the month and the level as a digit. Glyphs and digits
carry the meaning (see :mod:`tui.core.heatmap`); the theme colours only repeat it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.core.entry import DayEntry
from tui.core.heatmap import HeatCell, legend, month_map, year_strip
from tui.core.scales import Metric

WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LEVEL_COLOURS = ("success", "foreground", "warning", "warning", "error")
"""Theme variable per level 0–4 (a repeat of the glyph, never the only cue)."""


def _sample(digit: str) -> HeatCell:
    """A stand-in cell of a level, to colour the legend like the map."""
    level = int(digit)
    return HeatCell(date.min, level, level, digit, "")


class HeatMap(Widget):
    """The calendar heat map; :meth:`show` sets the entries and the last day."""

    DEFAULT_CSS = """
    HeatMap {
        height: 1fr;
        padding: 0 1;
    }
    HeatMap > .heat-map--title {
        text-style: bold;
        color: $primary;
    }
    HeatMap > .heat-map--muted {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"heat-map--title", "heat-map--muted"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: Sequence[DayEntry] = ()
        """The logged days, in date order (the view's read of the journal)."""
        self.end: date | None = None
        """The last day shown (the chart window's last day)."""

    def show(self, entries: Sequence[DayEntry], end: date) -> None:
        """Draw the year up to ``end`` and the month of ``end``."""
        self.entries = entries
        self.end = end
        self.refresh()

    def _style(self, cell: HeatCell | None) -> Style:
        if cell is None or cell.level is None:
            return self.get_component_rich_style("heat-map--muted")
        colour = self.app.theme_variables.get(LEVEL_COLOURS[cell.level])
        try:
            return Style(color=colour, bold=cell.level >= 3)
        except ColorParseError:  # a theme colour Rich does not know: the glyph alone carries it
            return Style(bold=cell.level >= 3)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        if self.end is None:
            return text
        title = self.get_component_rich_style("heat-map--title")
        muted = self.get_component_rich_style("heat-map--muted")
        end = self.end
        columns = year_strip(self.entries, end)
        first_day = min((e.day for e in self.entries), default=None)

        text.append(
            f"{Metric.TOTAL.name_text.capitalize()} ({Metric.TOTAL.unit_text}), the year to {end:%d %b %Y}", style=title
        )
        text.append("\n    ")
        months = []
        previous_month = None
        for column in columns:
            first = next(cell for cell in column if cell is not None)
            month = first.day.month
            months.append(calendar.month_abbr[month][:1] if month != previous_month and first.day.day <= 7 else " ")
            previous_month = month
        # Month initials where a month starts; then spelled out in the legend of the month grid.
        text.append("".join(months), style=muted)
        for weekday, label in enumerate(WEEKDAY_LABELS):
            text.append(f"\n{label:<4}", style=muted)
            for column in columns:
                cell = column[weekday]
                # Before the first logged day there is nothing to miss: blank, not "not logged".
                if cell is None or (first_day is not None and cell.day < first_day):
                    text.append(" ", style=self._style(cell))
                else:
                    text.append(cell.shade, style=self._style(cell))
        text.append("\n    ")
        for digit, shade, meaning in legend():
            if digit == shade:  # the "not logged" dot has no level
                text.append(f"{shade} not logged", style=muted)
                continue
            text.append(f"   {shade}", style=self._style(_sample(digit)))
            text.append(f" {digit}: {'none' if meaning == '0' else meaning}", style=muted)

        heat_month = month_map(self.entries, end.year, end.month)
        text.append(f"\n\n{heat_month.title}", style=title)
        text.append("  (day, then its level 0–4 as above)", style=muted)
        text.append(
            "\n" + "  ".join(f"{name:<4}" for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")), style=muted
        )
        for week in heat_month.weeks:
            text.append("\n")
            for index, cell in enumerate(week):
                gap = "  " if index else ""
                if cell is None or cell.day > end:
                    text.append(f"{gap}{'':4}")
                    continue
                text.append(f"{gap}{cell.day.day:>2} ", style=muted)
                text.append(cell.digit, style=self._style(cell))
        return text
