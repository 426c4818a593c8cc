"""AlignedChart: every recent cut's curve by day since the cut (day −7 … +28), and their median.

Each cut that counts (:attr:`~tui.core.cut_response_curve.CutCurve.counts`) is a thin dotted
line; the median over them a line of ``•``; day 0 (the cut) a vertical line; the typical peak
days are marked ``^`` along the top row and the median settling day with a vertical line of its
own. The words under the panel (the view's) say the same in a sentence, so nothing rests on
colour or on reading the plot.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from tui.core.cut_response_curve import AFTER_DAYS, BEFORE_DAYS, OFFSETS, CurveSummary
from tui.ui.chart.chart_panel import ChartPanel
from tui.ui.chart.frame import segments, y_label, y_scale

PEAK_MARK = "^"
"""Along the top row, over the typical peak days."""
TICKS = (-7, 0, 7, 14, 21, 28)


def tick_label(offset: int) -> str:
    """``cut`` for day 0, ``+7`` / ``−7`` for the others."""
    return "cut" if offset == 0 else f"{offset:+d}".replace("-", "−")


class AlignedChart(ChartPanel):
    """The days-since-cut curves of a :class:`CurveSummary`; :meth:`show_summary` sets them."""

    summary: CurveSummary | None = None
    """The curves drawn last (what tests read)."""

    def show_summary(self, summary: CurveSummary) -> None:
        """Show ``summary`` in place of what was shown; plotted at the next repaint."""
        self.summary = summary
        self._plotted_size = None
        self.refresh()

    def render(self) -> RenderResult:
        """The plot, plotted first if the curves or the size changed since it was last plotted."""
        if self.summary is not None and self._plotted_size != self.size:
            self.plt.clear_data()
            self._draw_summary(self.summary)
            self._plotted_size = self.size
        return PlotextPlot.render(self)

    def _draw_summary(self, summary: CurveSummary) -> None:
        plt = self.plt
        xs = [float(x) for x in OFFSETS]
        counted = summary.counted
        every = [v for curve in counted for v in curve.values]
        low, high, ticks = y_scale(summary.metric, every)
        rows = max(3, self.size.height - 2)
        marks_y = high + (high - low) / max(1, rows - 2)  # the top row, for the peak marks
        plt.xlim(-BEFORE_DAYS - 0.5, AFTER_DAYS + 0.5)
        plt.ylim(low, marks_y)
        plt.yticks(ticks, [y_label(t) for t in ticks])
        plt.xticks([float(t) for t in TICKS], [tick_label(t) for t in TICKS])
        plt.vertical_line(0, color=self.colour("error"))
        if summary.settling_day is not None:
            plt.vertical_line(float(summary.settling_day), color=self.colour("success"))
        if summary.peak_days is not None:
            first, last = summary.peak_days
            peaks = [float(d) for d in range(first, last + 1)]
            plt.scatter(peaks, [marks_y] * len(peaks), marker=PEAK_MARK, color=self.colour("warning"))
        each = self.colour("foreground")
        for curve in counted:
            for run_xs, run_ys in segments(xs, list(curve.values)):
                plt.plot(run_xs, run_ys, marker="braille", color=each)
        middle = self.colour("primary")
        for run_xs, run_ys in segments(xs, list(summary.median)):
            plt.plot(run_xs, run_ys, marker="dot", color=middle)
