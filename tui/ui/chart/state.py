"""ChartState: everything one drawing of the Chart depends on, as one comparable value.

The Chart view recomputes it whenever one of its parts changes (a key, a new read of the
journal, a new plot width) and draws when it differs from the state drawn last. That is what
lets a key press change state and nothing else, and what makes a Resize to the same size, or
a second read of unchanged parts, draw nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Mode = Literal["plot", "table", "calendar", "aligned"]
"""What fills the view under the status line: the two plot panels, the symptom panel over the
cut table, the calendar heat map alone, or every cut's curve by day since the cut."""


@dataclass(frozen=True)
class ChartState:
    """One drawing of the Chart: two equal states draw the same screen."""

    metric: str
    """The upper panel's metric (a name from :data:`~tui.core.insights.METRICS` or ``symptom:<key>``)."""
    start: date
    """The window's first day."""
    end: date
    """The window's last day (never after today)."""
    mode: Mode
    """Which panels are shown."""
    plot_columns: int
    """The upper panel's plot width in columns, the number of columns days are pooled into;
    0 until the panel is first laid out (nothing can be plotted before that)."""
    data_version: int
    """How many times the journal has been read; 0 before the first read."""
    cut_count: int | None = 6
    """How many recent cuts the days-since-cut curve lines up (``None``: all)."""
    level: bool = False
    """Whether the dose panel carries the estimated level."""
