"""Switching between the app's views: each built and composed on its first showing, one at a time.

Rule: only the view on screen has to exist. A view's module is imported and the view built the
first time it is asked for (a key, a tab click, "open this day in the Log"); the app composes
one view at a time, and a request that needs the view composed (open a day in it) waits for
its :class:`~tui.ui.views.journal_view.JournalView.Composed`. Quitting while a view is being
composed waits for it too: tearing a view down half-composed fails inside the view.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.view_tabs import ViewTabBar, ViewTabs

if TYPE_CHECKING:
    from tui.ui.session import Session

VIEWS: tuple[tuple[str, str, str], ...] = (
    ("today", "Today", "tui.ui.views.today:TodayView"),
    ("schedule", "Schedule", "tui.ui.views.schedule:ScheduleView"),
    ("log", "Log", "tui.ui.views.log:LogView"),
    ("history", "History", "tui.ui.views.history:HistoryView"),
    ("chart", "Chart", "tui.ui.chart.view:ChartView"),
    ("help", "Help", "tui.ui.views.help:HelpView"),
)
"""(id, title, ``module:class``) of each view, in tab order; F-key and digit n open the n-th.

A view's module is imported, and the view built, the first time it is shown: start-up pays only
for Today (the Chart alone, with plotext, costs ~100 ms of imports).
"""


def view_class(view_id: str) -> type[JournalView]:
    """The class of the view ``view_id`` (its module imported now if it was not yet)."""
    target = next(target for known, _title, target in VIEWS if known == view_id)
    module_name, _sep, class_name = target.partition(":")
    found = getattr(importlib.import_module(module_name), class_name)
    assert isinstance(found, type) and issubclass(found, JournalView)
    return found


class _ReplayHeldKeys(Message):
    """Hand the keys held while a view was composed to the app, now that it has its focus."""


class ViewSwitching(App[None]):
    """The views of :class:`~tui.ui.app.TaperApp`: built on first showing, switched, told when shown.

    A mixin, like the app's other parts, because its ``action_show_view`` is bound to keys and
    its ``@on`` handlers must be found on the app's own class hierarchy.
    """

    if TYPE_CHECKING:
        session: Session

        def action_quit_app(self) -> None: ...

    def __init__(self) -> None:
        super().__init__()
        self._view_ready: dict[str, list[Callable[[JournalView], None]]] = {}
        """Views being composed, with what waits for each (opening a day in the Log on its first showing)."""
        self._pending_view: tuple[str, list[Callable[[JournalView], None]]] | None = None
        """The view asked for while another was being composed, and what waits for it."""
        self._quit_when_composed = False
        """Quit was asked for while a view was being composed: the app quits once it is."""
        self._held_keys: list[events.Key] = []
        """Keys typed while a view was being composed, in order, for when it has its focus."""

    async def on_event(self, event: events.Event) -> None:
        # A key typed while a view is being composed (its first showing, on a slow link) waits for
        # it: meanwhile nothing has the focus, so a digit would switch view and a dose would go
        # nowhere. Later keys queue behind held ones, so the order typed is the order handled.
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and (self._view_ready or self._held_keys)
            and self.screen_stack
            and self.screen is self.screen_stack[0]
        ):
            self._held_keys.append(event)
            return
        await super().on_event(event)

    @on(_ReplayHeldKeys)
    async def _replay_held_keys(self) -> None:
        # Posted after the composed view's focus (itself queued), so the keys find it. A key that
        # starts another view's composition leaves the rest held for that one.
        while self._held_keys and not self._view_ready:
            await super().on_event(self._held_keys.pop(0))

    def _view_tabs(self) -> ViewTabs | None:
        """The main screen's views; ``None`` once the app is closing and has no screens left, when a
        callback scheduled just before (a focus after the next refresh) has nothing to do."""
        if not self.screen_stack:
            return None
        return self.screen_stack[0].query_one("#views", ViewTabs)

    def built_view(self, view_id: str) -> JournalView | None:
        """The view ``view_id`` if it was shown at least once (so built), else ``None``."""
        tabs = self._view_tabs()
        view = tabs.added(view_id) if tabs is not None else None
        assert view is None or isinstance(view, JournalView)
        return view

    def view(self, view_id: str) -> JournalView:
        """The view widget with this id (``today``, ``log`` …), even while a dialog is on top.

        A view never shown yet is built now (hidden); it is composed once the app has processed its
        mount, so act on a new view through :meth:`show_view`'s callback.
        """
        view = self.built_view(view_id)
        if view is None:
            view = self._build_view(view_id)
        return view

    def first_view(self) -> tuple[str, JournalView]:
        """The first view (Today), built to be composed with the tabs, so the first frame shows it."""
        view_id = VIEWS[0][0]
        return view_id, view_class(view_id)(self.session, id=f"{view_id}-view")

    def _build_view(self, view_id: str) -> JournalView:
        tabs = self._view_tabs()
        assert tabs is not None
        view = view_class(view_id)(self.session, id=f"{view_id}-view")
        self._view_ready.setdefault(view_id, [])
        tabs.add(view_id, view)  # composed in its own time: JournalView.Composed says when
        return view

    def show_view(self, view_id: str, then: Callable[[JournalView], None] | None = None) -> None:
        """Show a view (building it on its first showing), then call ``then`` with it once composed."""
        self.action_show_view(view_id)
        if then is not None:
            self._when_composed(view_id, then)

    def _when_composed(self, view_id: str, then: Callable[[JournalView], None]) -> None:
        if self._pending_view is not None and self._pending_view[0] == view_id:
            self._pending_view[1].append(then)
            return
        view = self.built_view(view_id)
        if view_id in self._view_ready:
            self._view_ready[view_id].append(then)
        elif view is not None:
            then(view)

    def action_show_view(self, view_id: str) -> None:
        """Switch to a view and focus its content (clearing focus first, so no field of the old view keeps the keys)."""
        if not isinstance(self.screen, Screen) or self.screen is not self.screen_stack[0]:
            return
        tabs = self._view_tabs()
        if tabs is None:
            return
        if self._view_ready and view_id not in self._view_ready:
            # Another view is still being composed (keys typed ahead on a busy machine): views are
            # composed one at a time, in order, so this switch is applied once that one is.
            self._pending_view = (view_id, self._pending_view[1] if self._pending_view else [])
            return
        self.session.check_clock()
        self.set_focus(None)
        self.view(view_id)  # built on its first showing
        tabs.show(view_id)
        self._sync_shown()
        # One focus pass: the old view is hidden at once (no animation, no message in between), so
        # the new one is focusable now, or, built just now, as soon as it is composed.
        if view_id in self._view_ready:
            self._view_ready[view_id].append(lambda _view: self._focus_active_view())
        else:
            self._focus_active_view()

    def _focus_active_view(self) -> None:
        tabs = self._view_tabs()
        if tabs is not None and tabs.active:
            view = tabs.added(tabs.active)
            if isinstance(view, JournalView) and tabs.active not in self._view_ready:
                view.focus_content()

    @property
    def active_view_id(self) -> str:
        """The id of the view on screen (``""`` before the first one is shown, and after the last)."""
        tabs = self._view_tabs()
        return tabs.active if tabs is not None else ""

    def _sync_shown(self) -> None:
        """Tell each built view whether it is the one on screen (a stale view shown catches up)."""
        tabs = self._view_tabs()
        if tabs is None:
            return  # closing: see _view_tabs
        active = tabs.active
        for view_id, view in tabs.added_views():
            assert isinstance(view, JournalView)
            # A view still being composed is told once it is: filling it before would find no widgets.
            if view_id not in self._view_ready and view.shown != (view_id == active):
                view.set_shown(view_id == active)

    def quit_after_compose(self) -> bool:
        """While a view is being composed (a key typed just before quitting): quit once it is, and
        return True; tearing it down half-built fails inside it. False when nothing composes."""
        if not self._view_ready:
            return False
        self._quit_when_composed = True
        return True

    @on(JournalView.Composed)
    def _view_composed(self, event: JournalView.Composed) -> None:
        event.stop()
        waiting = self._view_ready.pop(event.view.view_id, [])
        self._sync_shown()
        for callback in waiting:
            callback(event.view)
        if self._held_keys:
            self.post_message(_ReplayHeldKeys())
        if self._quit_when_composed and not self._view_ready:
            self._quit_when_composed = False
            self.action_quit_app()
            return
        if self._pending_view is not None and not self._view_ready:
            (view_id, then), self._pending_view = self._pending_view, None
            self.action_show_view(view_id)
            for callback in then:
                self._when_composed(view_id, callback)

    @on(ViewTabBar.Clicked)
    def _tab_clicked(self, event: ViewTabBar.Clicked) -> None:
        self.action_show_view(event.view_id)

    @on(JournalView.OpenDay)
    def _open_day_requested(self, event: JournalView.OpenDay) -> None:
        self.open_day(event.day)

    @on(JournalView.ShowView)
    def _show_view_requested(self, event: JournalView.ShowView) -> None:
        self.action_show_view(event.view_id)

    def open_day(self, day: date) -> None:
        """Open ``day`` in the Log view (asks first if the form has unsaved changes)."""
        from tui.ui.views.log import LogView

        def go(log: JournalView) -> None:
            assert isinstance(log, LogView)
            log.go_to_day(day)

        self.show_view("log", go)
