"""The base of every view: access to the open journal and "today", and a refresh hook."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.containers import Vertical

from tui.store.journal import Journal

if TYPE_CHECKING:
    from tui.ui.app import TaperApp


class JournalView(Vertical):
    """A view that shows data from the journal. The app calls :meth:`refresh_data` after changes."""

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
