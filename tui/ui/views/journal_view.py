"""The base of every view: access to the open journal and "today", and a refresh hook."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual.containers import Vertical

from tui.store.journal import Journal

if TYPE_CHECKING:
    from tui.ui.app import TaperApp


class JournalView(Vertical):
    """A view that shows data from the journal. The app asks it to refresh after changes."""

    DEFER_WHEN_HIDDEN: ClassVar[bool] = False
    """Costly views (History's table, the Chart) fill themselves only when shown: at start-up
    and after each save they would otherwise redo work nobody is looking at."""

    _stale: bool = False

    @property
    def view_id(self) -> str:
        """The id the app knows this view by (``history`` for ``#history-view``)."""
        return (self.id or "").removesuffix("-view")

    def request_refresh(self) -> None:
        """Refresh now, or — for a deferring view that is hidden — when it is next shown."""
        if self.DEFER_WHEN_HIDDEN and self.taper_app.active_view_id != self.view_id:
            self._stale = True
            return
        self._stale = False
        self.refresh_data()

    def view_shown(self) -> None:
        """The app shows this view: catch up on a refresh that was deferred."""
        if self._stale:
            self._stale = False
            self.refresh_data()

    @property
    def taper_app(self) -> "TaperApp":
        return cast("TaperApp", self.app)

    @property
    def journal(self) -> Journal:
        return self.taper_app.journal

    @property
    def today(self) -> date:
        return self.taper_app.today

    def refresh_data(self) -> None:
        """Re-read what this view shows from the journal (state flows down from the app)."""

    def focus_content(self) -> None:
        """Give focus to the view's main widget when it is shown (the tab bar must not keep it)."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
