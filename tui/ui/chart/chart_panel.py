"""ChartPanel: a PlotextPlot that draws a :class:`~tui.ui.chart_frame.ChartFrame` in the app's
theme colours — the base of the symptom panel and the dose panel.

Series colours come from the Textual theme (``$primary``, ``$warning`` …) because plotext's
automatic colours come out black under the ``ansi-*`` themes; under those themes the canvas
is left to the terminal (plotext's ``clear`` theme). Colour is never the only cue: every
series has its own marker shape, and the view prints a legend of them.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from textual.color import Color
from textual_plotext import PlotextPlot

from tui.ui.chart_frame import LABEL_WIDTH, ChartFrame

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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.frame: ChartFrame | None = None
        """The frame shown last (what tests read: the values handed to the plot)."""

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme_changed())
        self._theme_changed()

    def _theme_changed(self) -> None:
        self.theme = "clear" if self.app.theme.startswith("ansi") else "auto"
        if self.frame is not None:
            self.show(self.frame)

    def colour(self, name: str) -> RGB:
        """A theme variable (``primary``, ``warning`` …) as an RGB triple for plotext."""
        value = self.app.theme_variables.get(name)
        if value:
            try:
                parsed = Color.parse(value)
            except Exception:  # an ansi_* or unknown colour name: use the fixed palette
                parsed = None
            if parsed is not None and parsed.ansi is None:
                return parsed.rgb
            if parsed is not None and 0 <= parsed.ansi < 8:
                # Plain ansi blue/red are too dark to read as thin markers on a dark terminal:
                # take the bright variant. (The terminal's "default" colour has no RGB at all.)
                return tuple(RichColor.from_ansi(parsed.ansi + 8).get_truecolor())  # type: ignore[return-value]
            if parsed is not None and parsed.ansi >= 8:
                return parsed.rgb
        return FALLBACK_COLOURS.get(name, FALLBACK_COLOURS["foreground"])

    @property
    def plot_columns(self) -> int:
        """How many character columns the plot area spans (the width to downsample to)."""
        # y labels, the tick mark and both frame edges take LABEL_WIDTH + 3 columns.
        return max(10, self.size.width - LABEL_WIDTH - 3)

    def show(self, frame: ChartFrame) -> None:
        """Draw ``frame`` (replacing what was drawn) and schedule a repaint."""
        self.frame = frame
        plt = self.plt
        plt.clear_data()
        plt.xlim(-0.5, frame.days - 0.5)
        self.draw(frame)
        self.refresh()

    def draw(self, frame: ChartFrame) -> None:
        """Add this panel's series for ``frame`` to ``self.plt`` (the data is already cleared)."""
        raise NotImplementedError
