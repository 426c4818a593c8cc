"""SymptomChart: the upper panel — the chosen metric per day, its 7-day average, cuts, phases.

Markers (the view's legend names them): ``•`` a day (the worst day of a column when days are
pooled), a thin line the 7-day average, ``│`` a cut, and along the top row the phase glyphs of
:class:`~tui.core.scales.Phase` (``∿`` a wave day, ``☼`` a window day). The x axis is shared with the dose panel below, which labels the dates.
"""

from __future__ import annotations

from tui.core.scales import Phase
from tui.ui.chart.chart_panel import ChartPanel
from tui.ui.chart.frame import ChartFrame, y_label, y_scale

MAX_CUT_LINES_PER_COLUMN = 1 / 3
"""Cut lines are drawn while they take at most a third of the columns; beyond that (years of
cuts) they would hide the data, and the dose panel's steps show the cuts anyway."""


class SymptomChart(ChartPanel):
    """The metric over the window, on a y scale fixed per metric (mood always 0–10)."""

    def draw(self, frame: ChartFrame) -> None:
        plt = self.plt
        low, high, ticks = y_scale(frame.metric, frame.values)
        rows = max(3, self.size.height - 2)
        # Keep the top row for the wave/window marks, above the highest possible value.
        marks_y = high + (high - low) / max(1, rows - 2)
        plt.ylim(low, marks_y)
        plt.yticks(ticks, [y_label(t) for t in ticks])
        plt.xticks([], [])  # the dose panel below carries the dates

        if len(frame.cuts) <= self.plot_columns * MAX_CUT_LINES_PER_COLUMN:
            cut_colour = self.colour("error")
            for cut in frame.cuts:
                plt.vertical_line(frame.x_of(cut), color=cut_colour)

        for phase, colour in ((Phase.WAVE, "warning"), (Phase.WINDOW, "success")):
            xs = [x for x, p in zip(frame.xs, frame.phases, strict=True) if p == phase]
            if xs:
                plt.scatter(xs, [marks_y] * len(xs), marker=phase.glyph, color=self.colour(colour))

        average_colour = self.colour("accent")
        for xs, ys in frame.average_segments():
            plt.plot(xs, ys, marker="braille", color=average_colour)
        day_colour = self.colour("primary")
        for xs, ys in frame.value_segments():
            plt.scatter(xs, ys, marker="dot", color=day_colour)
