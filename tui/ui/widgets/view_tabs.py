"""ViewTabs: the app's views under a one-line tab bar, each view built the first time it is shown.

Rule: only the view on screen has to exist. Composing all six at start-up cost ~250 ms of CSS
and layout for ~150 widgets nobody had looked at yet, so the app hands a view to
:meth:`ViewTabs.add` the first time it is asked for, and this widget switches between those
added with a ``ContentSwitcher`` (a change of ``display``, nothing animated).

Textual's ``TabbedContent`` is not used: it shows the pane of any widget that gets focus (focus
arrives asynchronously, so a focus given to the old view just before a switch switched back),
animates its underline (screenshots caught it mid-way) and restyles every tab on a switch. Here
a view is shown only when asked for, by a key or a click on its title.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher


class ViewTabBar(Widget):
    """One line of view titles (``1 Today  2 Schedule …``), the active one marked; click to switch."""

    COMPONENT_CLASSES = {"view-tab-bar--tab", "view-tab-bar--active"}
    """Styles of a title and of the active title (set in app.tcss with theme variables)."""

    class Clicked(Message):
        """A view title was clicked: the app shows that view."""

        def __init__(self, view_id: str) -> None:
            super().__init__()
            self.view_id = view_id
            """The id of the view whose title was clicked."""

    def __init__(self, titles: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.titles = tuple(titles)
        """``(view id, title)`` of each view, in tab order."""
        self.active = ""
        """The id of the view marked as shown (``""`` before the first)."""
        self._spans: list[tuple[int, int, str]] = []

    def mark(self, view_id: str) -> None:
        """Mark ``view_id``'s title as the one shown."""
        if view_id != self.active:
            self.active = view_id
            self.refresh()

    def render(self) -> Text:
        tab_style = self.get_component_rich_style("view-tab-bar--tab")
        active_style = self.get_component_rich_style("view-tab-bar--active")
        text = Text(no_wrap=True, overflow="ellipsis")
        spans = []
        for view_id, title in self.titles:
            start = len(text)
            text.append(f" {title} ", style=active_style if view_id == self.active else tab_style)
            spans.append((start, len(text), view_id))
            text.append(" ")
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, view_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Clicked(view_id))
                return


class ViewTabs(Vertical):
    """A :class:`ViewTabBar` over a ``ContentSwitcher`` of the views added so far (see the module)."""

    def __init__(
        self, titles: Sequence[tuple[str, str]], first: tuple[str, Widget] | None = None, *, id: str | None = None
    ) -> None:
        """``first``, a view composed with the tabs (and shown): the screen's first frame holds it.

        Added later, as the others are, it would be mounted and composed after a first frame of empty
        tabs, and the screen laid out and painted twice before anything could be read.
        """
        super().__init__(id=id)
        self._titles = tuple(titles)
        self._views: dict[str, Widget] = dict([first]) if first is not None else {}
        self._active = ""

    def compose(self) -> ComposeResult:
        yield ViewTabBar(self._titles, id="view-tab-bar")
        first = next(iter(self._views.values()), None)
        with ContentSwitcher(id="view-switcher", initial=first.id if first is not None else None):
            if first is not None:
                yield first

    @property
    def active(self) -> str:
        """The id of the view on screen (``""`` before the first is shown)."""
        return self._active

    def added(self, view_id: str) -> Widget | None:
        """The view added under ``view_id``, or ``None`` if it was never shown."""
        return self._views.get(view_id)

    def added_views(self) -> list[tuple[str, Widget]]:
        """``(view id, view)`` of every view added so far."""
        return list(self._views.items())

    def add(self, view_id: str, view: Widget) -> AwaitComplete:
        """Add ``view`` (hidden) as ``view_id``'s content; await the result for it to be composed."""
        self._views[view_id] = view
        view.display = False
        return AwaitComplete(self.query_one(ContentSwitcher).mount(view))

    def show(self, view_id: str) -> None:
        """Show the view added as ``view_id`` and mark its title (synchronous: no animation)."""
        view = self._views[view_id]
        switcher = self.query_one(ContentSwitcher)
        with self.app.batch_update():
            for other in self._views.values():
                if other is not view and other.display:
                    other.display = False
            view.display = True
            switcher.current = view.id
        self._active = view_id
        self.query_one(ViewTabBar).mark(view_id)
