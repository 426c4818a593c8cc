"""ChartPanel: a PlotextPlot that draws a :class:`~tui.ui.chart.frame.ChartFrame` in the app's
theme colours — the base of the symptom panel and the dose panel.

Series colours come from the Textual theme (``$primary``, ``$warning`` …) because plotext's
automatic colours come out black under the ``ansi-*`` themes; under those themes the canvas
is left to the terminal (plotext's ``clear`` theme). Colour is never the only cue: every
series has its own marker shape, and the view prints a legend of them.

A panel plots its frame when it renders, not when it is handed the frame: only then is its size
final, and the plot depends on it (the symptom panel keeps its top row for the wave marks, the
dose panel spaces its date labels by the width). It plots again only for a new frame, a new
size or a new theme; every other repaint reuses the plot.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from textual import events, on
from textual.app import RenderResult
from textual.color import Color, ColorParseError
from textual.geometry import Size
from textual.message import Message
from textual_plotext import PlotextPlot

from tui.ui.chart.frame import LABEL_WIDTH, ChartFrame

RGB = tuple[int, int, int]

FALLBACK_COLOURS: dict[str, RGB] = {
    "primary": (86, 180, 233),
    "secondary": (0, 158, 115),
    "accent": (204, 121, 167),
    "warning": (230, 159, 0),
    "error": (213, 94, 0),
    "success": (0, 158, 115),
    "foreground": (200, 200, 200),
}
"""Okabe–Ito colours for a theme variable that does not parse (colour-blind-safe as a set)."""


class ChartPanel(PlotextPlot):
    """One panel of the chart; subclasses implement :meth:`draw` with ``self.plt``."""

    DEFAULT_CSS = """
    ChartPanel {
        height: 1fr;
        width: 1fr;
    }
    """

    class Resized(Message):
        """The panel was laid out (posted on each Resize; the view keeps only real changes)."""

        def __init__(self, panel: ChartPanel) -> None:
            super().__init__()
            self.panel = panel
            """The panel laid out; its ``size`` and ``plot_columns`` are the new ones."""

        @property
        def control(self) -> ChartPanel:
            """The panel, so that ``@on(ChartPanel.Resized, "#id")`` can pick one."""
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.frame: ChartFrame | None = None
        """The frame shown last (what tests read: the values handed to the plot)."""
        self._plotted_size: Size | None = None
        """The size the frame was plotted at; ``None`` when it has not been plotted yet."""

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme_changed())
        self._theme_changed()

    def _theme_changed(self) -> None:
        self.theme = "clear" if self.app.theme.startswith("ansi") else "auto"
        # The series colours are read from the theme when plotting: plot again.
        self._plotted_size = None
        self.refresh()

    @on(events.Resize)
    def _laid_out(self) -> None:
        # The view pools days into as many columns as the plot is wide: tell it the new width.
        self.post_message(self.Resized(self))

    def colour(self, name: str) -> RGB:
        """A theme variable (``primary``, ``warning`` …) as an RGB triple for plotext."""
        value = self.app.theme_variables.get(name)
        if value:
            try:
                parsed = Color.parse(value)
            except ColorParseError:  # an unknown colour name: use the fixed palette
                return FALLBACK_COLOURS.get(name, FALLBACK_COLOURS["foreground"])
            ansi = parsed.ansi
            if ansi is not None and 0 <= ansi < 8:
                # Plain ansi blue/red are too dark to read as thin markers on a dark terminal:
                # take the bright variant. (The terminal's "default" colour has no RGB at all.)
                red, green, blue = RichColor.from_ansi(ansi + 8).get_truecolor()
                return (red, green, blue)
            if ansi is None or ansi >= 8:
                return parsed.rgb
        return FALLBACK_COLOURS.get(name, FALLBACK_COLOURS["foreground"])

    @property
    def plot_columns(self) -> int:
        """How many character columns the plot area spans (the width to downsample to)."""
        # y labels, the tick mark and both frame edges take LABEL_WIDTH + 3 columns.
        return max(10, self.size.width - LABEL_WIDTH - 3)

    def show(self, frame: ChartFrame) -> None:
        """Show ``frame`` in place of what was shown; it is plotted at the next repaint."""
        self.frame = frame
        self._plotted_size = None
        self.refresh()

    def render(self) -> RenderResult:
        """The plot, plotted first if the frame or the size changed since it was last plotted."""
        if self.frame is not None and self._plotted_size != self.size:
            self._plot_frame(self.frame)
        return super().render()

    def _plot_frame(self, frame: ChartFrame) -> None:
        """Replace the plot's series with ``frame``'s, for the panel's present size."""
        plt = self.plt
        plt.clear_data()
        plt.xlim(-0.5, frame.days - 0.5)
        self.draw(frame)
        self._plotted_size = self.size

    def draw(self, frame: ChartFrame) -> None:
        """Add this panel's series for ``frame`` to ``self.plt`` (the data is already cleared)."""
        raise NotImplementedError
