"""DoseChart: the lower panel — the daily dose, planned (a step line) and taken (dots).

The planned line is drawn over the taken dots, so a dot shows only where the dose taken
differs from the plan; a dose below or above the planned range sits on the panel's edge as
``▼`` / ``▲`` (a missed or extra intake). Held steps are drawn with ``‖`` (the same
glyph as the Schedule view). The y axis is zoomed to the doses in view so that a 5 % cut is
a visible step; its labels give the real mg. The dates of both panels are labelled here.
"""

from __future__ import annotations

from tui.ui.chart.chart_panel import ChartPanel
from tui.ui.chart_frame import ChartFrame, clamp_taken, date_ticks, dose_scale, y_label

HOLD_MARK = "‖"
BELOW_MARK = "▼"
"""A dose taken below the planned range (e.g. a missed intake), drawn on the bottom edge."""
ABOVE_MARK = "▲"
TICK_LABEL_SPACING = 11
"""Columns per date label at most (``2027-03`` plus room), so labels never touch."""


class DoseChart(ChartPanel):
    """Planned and taken mg per day over the same window as the symptom panel."""

    DEFAULT_CSS = """
    DoseChart {
        height: 7;
    }
    """

    def draw(self, frame: ChartFrame) -> None:
        plt = self.plt
        low, high, ticks = dose_scale(frame)
        plt.ylim(low, high)
        plt.yticks(ticks, [y_label(t) for t in ticks])
        positions, labels = date_ticks(frame.start, frame.end, self.plot_columns // TICK_LABEL_SPACING)
        plt.xticks(positions, labels)

        inside, below, above = clamp_taken(frame, low, high)
        taken_colour = self.colour("primary")
        for points, marker in ((inside, "dot"), (below, BELOW_MARK), (above, ABOVE_MARK)):
            if points:
                plt.scatter([x for x, _ in points], [mg for _, mg in points], marker=marker, color=taken_colour)
        if frame.planned:
            plt.plot(
                [x for x, _ in frame.planned],
                [mg for _, mg in frame.planned],
                marker="braille",
                color=self.colour("foreground"),
            )
        hold_colour = self.colour("warning")
        for first, last, mg in frame.holds:
            plt.plot([first, last], [mg, mg], marker=HOLD_MARK, color=hold_colour)
