"""DoseChart: the lower panel — the daily dose, planned (a step line) and taken (dots).

The planned line is drawn over the taken dots, so a dot shows only where the dose taken
differs from the plan; a dose below or above the planned range sits on the panel's edge as
``▼`` / ``▲`` (a missed or extra intake). Held steps are drawn with ``‖`` (the same
glyph as the Schedule view). The y axis is zoomed to the doses in view so that a 5 % cut is
a visible step; its labels give the real mg. The dates of both panels are labelled here.

With ``L`` the panel also carries the estimated level (:mod:`tui.ui.chart.level_frame`): the
typical half-life's daily peaks and troughs as two thin lines, the short half-life's troughs as
``·``, on the panel's height read as 0–100 % of the highest level in view (not on the mg axis).
"""

from __future__ import annotations

from tui.ui.chart.chart_panel import ChartPanel
from tui.ui.chart.frame import ChartFrame, clamp_taken, date_ticks, dose_scale, segments, y_label
from tui.ui.chart.level_frame import LevelFrame

HOLD_MARK = "‖"
BELOW_MARK = "▼"
"""A dose taken below the planned range (e.g. a missed intake), drawn on the bottom edge."""
ABOVE_MARK = "▲"
LOW_TROUGH_MARK = "·"
"""The short half-life's trough: the deepest dip the half-life range allows."""
TICK_LABEL_SPACING = 11
"""Columns per date label at most (``2027-03`` plus room), so labels never touch."""


class DoseChart(ChartPanel):
    """Planned and taken mg per day over the same window as the symptom panel."""

    DEFAULT_CSS = """
    DoseChart {
        height: 7;
    }
    """

    level: LevelFrame | None = None
    """The estimated level drawn over the doses, ``None`` when the overlay is off."""

    def show_level(self, level: LevelFrame | None) -> None:
        """Carry ``level`` (or no overlay) from the next plot on; :meth:`show` then plots both."""
        self.level = level

    def draw(self, frame: ChartFrame) -> None:
        plt = self.plt
        low, high, ticks = dose_scale(frame)
        plt.ylim(low, high)
        plt.yticks(ticks, [y_label(t) for t in ticks])
        positions, labels = date_ticks(frame.start, frame.end, self.plot_columns // TICK_LABEL_SPACING)
        plt.xticks(positions, labels)

        if self.level is not None:
            self._draw_level(self.level, low, high)  # first: the doses are drawn over it
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

    def _draw_level(self, level: LevelFrame, low: float, high: float) -> None:
        """The level as a fraction of the panel's height (0 at the bottom edge, 1 at the top)."""
        plt = self.plt
        colour = self.colour("success")

        def y(fraction: float | None) -> float | None:
            return None if fraction is None else low + fraction * (high - low)

        for values in (level.peaks, level.troughs):
            for xs, ys in segments(level.xs, [y(v) for v in values]):
                plt.plot(xs, ys, marker="braille", color=colour)
        dips = [(x, y(v)) for x, v in zip(level.xs, level.low_troughs, strict=True) if v is not None]
        if dips:
            plt.scatter([x for x, _ in dips], [v for _, v in dips], marker=LOW_TROUGH_MARK, color=colour)
