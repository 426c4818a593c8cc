"""The base of every view: the session it reads from, refresh on announced changes, navigation.

State flows down, requests flow up. A view is given the :class:`~tui.ui.session.Session` when it
is built; it reads from it and writes through it. After every write the session announces a
:class:`~tui.ui.session.Change`: a view that shows any of it re-reads at once when it is on
screen, or marks itself stale and re-reads when it is next shown — so one save costs one re-read
per visible view, not one per view. Navigation (open a day in Log, show a view) is a message
posted up to the app; no view knows the app's class.
"""

from __future__ import annotations

from datetime import date

from textual.containers import Vertical
from textual.message import Message

from tui.core.plan_model import Plan
from tui.store.errors import StoreError
from tui.store.journal import Journal
from tui.ui.session import Change, Session


class JournalView(Vertical):
    """A view that shows data from the journal, kept up to date by the session's announcements."""

    class OpenDay(Message):
        """Ask the app to open ``day`` in the Log view (it asks first if the form is unsaved)."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day
            """The day to open."""

    class ShowView(Message):
        """Ask the app to show another view."""

        def __init__(self, view_id: str) -> None:
            super().__init__()
            self.view_id = view_id
            """The id of the view to show (``today``, ``log`` …)."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        """Where this view reads from and writes through."""
        self.shown = False
        """Whether this view is the one on screen (set by the app when the tab changes)."""
        self._stale = True
        """Something it shows changed while it was hidden (or it was never filled)."""

    @property
    def view_id(self) -> str:
        """The id the app knows this view by (``history`` for ``#history-view``)."""
        return (self.id or "").removesuffix("-view")

    @property
    def journal(self) -> Journal:
        """The open data file, to read days from (writes go through the session)."""
        return self.session.journal

    @property
    def today(self) -> date:
        """Today's date, from the session's clock."""
        return self.session.today

    class Composed(Message):
        """Posted once the view has been composed and mounted: the app may show and fill it now."""

        def __init__(self, view: JournalView) -> None:
            super().__init__()
            self.view = view
            """The view now ready."""

    def on_mount(self) -> None:
        self.session.changed.subscribe(self, self._changed)
        self.post_message(self.Composed(self))

    def _changed(self, change: Change) -> None:
        if self.concerns(change):
            self.request_refresh()

    def concerns(self, change: Change) -> bool:
        """Whether ``change`` alters what this view shows (every change, unless a view says less)."""
        return True

    def request_refresh(self) -> None:
        """Refresh now when shown; a hidden view catches up when it is next shown."""
        if not self.shown:
            self._stale = True
            return
        self._stale = False
        self.refresh_data()

    def set_shown(self, shown: bool) -> None:
        """The app shows (or hides) this view: a view shown stale catches up at once."""
        self.shown = shown
        if shown and self._stale:
            self._stale = False
            self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what this view shows from the session."""

    def adopt_plan(self, plan: Plan) -> bool:
        """Make a newly built plan the active one and say so; on failure say why and return False."""
        try:
            self.session.adopt_plan(plan)
        except StoreError as error:
            self.notify(str(error), title="Plan not saved", severity="error", timeout=15)
            return False
        self.notify(f"Plan saved: {len(plan.steps)} steps, ends {plan.end_date.isoformat()}.")
        return True

    def focus_content(self) -> None:
        """Give focus to the view's main widget when it is shown (the tab bar must not keep it)."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
