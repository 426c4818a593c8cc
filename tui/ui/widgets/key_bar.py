"""A one-line footer of the keys that matter here, redrawn as text instead of rebuilt.

Textual's ``Footer`` recomposes one widget per key on every focus change; with six views that
cost ~50 ms per view switch here (a bare six-tab app: 67 ms with it, 16 ms without). This bar
shows the same active bindings (those with ``show=True``) as one line of text. Clicking a key
still works: the bar remembers where each key was drawn.

The key colour is the theme's ``footer-key-foreground``: Textual builds it with the theme's
~100 other variables on each ``get_css_variables()`` call (~1 ms), so it is read once per theme,
not on every redraw (each focus change redraws the bar).

Where the focused widget takes digits (a text field, a symptom rating), digits do not change
view, so the bar says what does: ``F1–F6 views``.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import Static

DIGIT_TAKERS = frozenset({"Input", "TextArea", "SymptomList"})
"""Widgets in which a digit is typed or rates, so it never switches view (F-keys do); named, not
imported: the bar is on the first screen, and ``TextArea`` alone is ~11 ms of start-up (the Log's
widgets load with the Log)."""
VIEW_KEYS_HINT = ("F1–F6", "views")


def takes_digits(widget: Widget | None) -> bool:
    """Whether ``widget`` is, or derives from, one of the :data:`DIGIT_TAKERS`."""
    return widget is not None and any(cls.__name__ in DIGIT_TAKERS for cls in type(widget).__mro__)


class KeyBar(Static):
    """The active screen's shown bindings as ``key description`` pairs, palette key at the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 1fr;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._spans: list[tuple[int, int, str]] = []
        self._key_style: tuple[tuple[str, bool | None], str] | None = None
        """The key colour and the (theme, ANSI colours) it was read for."""
        self._redraw_pending = False
        """A redraw is queued for the bindings' latest change (see :meth:`_bindings_changed`)."""

    def _key_colour(self) -> str:
        """The theme's key colour, read again only when the theme changed."""
        app = self.app
        theme = (app.theme, app.ansi_color)
        if self._key_style is None or self._key_style[0] != theme:
            self._key_style = (theme, app.get_css_variables().get("footer-key-foreground", ""))
        _theme, colour = self._key_style
        return colour

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._redraw)

    def _bindings_changed(self, _screen: Widget) -> None:
        # Textual announces a change of bindings on every focus change, blur included: a view switch
        # sent four, and each redraw collects the screen's active bindings (~3 ms). One redraw,
        # queued behind them, shows the last state.
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self._redraw_queued)

    def _redraw_queued(self) -> None:
        self._redraw_pending = False
        self._redraw()

    def _redraw(self) -> None:
        """Lay the shown keys out left to right; the palette key goes to the right edge."""
        app = self.app
        key_style = self._key_colour()
        text = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        seen_actions: set[str] = set()
        active = self.screen.active_bindings
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen_actions or binding.key == app.COMMAND_PALETTE_BINDING:
                continue
            seen_actions.add(binding.action)
            start = len(text)
            text.append(" ")
            text.append(app.get_key_display(binding), style=f"bold {key_style}" if enabled else "dim")
            text.append(f" {binding.description}", style="" if enabled else "dim")
            spans.append((start, len(text), binding.key))
            text.append(" ")
        if takes_digits(self.screen.focused):
            text.append(" ")
            text.append(VIEW_KEYS_HINT[0], style=f"bold {key_style}")
            text.append(f" {VIEW_KEYS_HINT[1]} ")
        palette = active[app.COMMAND_PALETTE_BINDING].binding if app.COMMAND_PALETTE_BINDING in active else None
        if palette is not None and app.ENABLE_COMMAND_PALETTE:
            label = f" {app.get_key_display(palette)} {palette.description} "
            if len(text) + len(label) > self.size.width:
                label = f" {app.get_key_display(palette)} "  # the key alone when space is short
            gap = max(1, self.size.width - len(text) - len(label))
            text.append(" " * gap)
            start = len(text)
            text.append(label)
            text.stylize(f"bold {key_style}", start + 1, start + 1 + len(app.get_key_display(palette)))
            spans.append((start, len(text), palette.key))
        self._spans = spans
        # One line of a fixed size (DEFAULT_CSS): new text needs a repaint, not a layout pass. With
        # one, every focus change (each view switch) laid the whole screen out a second time.
        self.update(text, layout=False)

    def on_resize(self) -> None:
        self._redraw()

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
