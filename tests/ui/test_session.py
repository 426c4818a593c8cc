"""The session under the views: one save is one write and one announcement; the crisis panel
follows logging only; "today" follows the clock while the app is open."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.exchange.helpers import days_export
from tests.ui.import_helpers import preview_import
from tests.ui.view_keys import f_key, show_view
from tui.core.entry import DayEntry
from tui.store.journal import Journal
from tui.ui.app import VIEWS, build_app
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.session import Change, Origin
from tui.ui.views.history import HistoryView
from tui.ui.views.log import LogView
from tui.ui.views.today import TodayView
from tui.ui.widgets.value_field import ValueField

TODAY = date(2027, 3, 15)
SIZE = (80, 24)
WRITES = ("save_day", "delete_day", "save_plan", "add_event", "update_settings", "replace_all")
READS = ("get_day", "days", "day_count", "get_plan", "events", "settings")


class StoreSpy:
    """Counts every call to the journal's public reads and writes (wrapping them on the instance)."""

    def __init__(self, journal: Journal) -> None:
        self.calls: list[str] = []
        for name in WRITES + READS:
            setattr(journal, name, self._counted(name, getattr(journal, name)))

    def _counted(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted

    @property
    def writes(self) -> list[str]:
        return [c for c in self.calls if c in WRITES]

    @property
    def reads(self) -> Counter[str]:
        return Counter(c for c in self.calls if c in READS)


async def test_one_ctrl_s_is_one_write_one_announcement_and_one_reread(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await show_view(pilot, "log", LogView)
        log.query_one("#mood", ValueField).input.value = "6"
        await pilot.pause()

        announced: list[Change] = []
        app.changed.subscribe(app, announced.append, immediate=True)
        refreshed: Counter[str] = Counter()
        for view_id, _title, _cls in VIEWS:
            view = app.view(view_id)

            def counting(view=view, original=view.refresh_data) -> None:
                refreshed[view.view_id] += 1
                original()

            view.refresh_data = counting  # type: ignore[method-assign]
        spy = StoreSpy(journal)

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()

        assert spy.writes == ["save_day"]
        assert [c.origin for c in announced] == [Origin.LOG]
        assert announced[0].days == frozenset({TODAY})
        assert refreshed == Counter({"log": 1})  # the only view on screen; the others are stale
        # What was there before (for "Cleared …"), and the Log's one re-read of the saved day.
        assert spy.reads["get_day"] == 2
        assert not log.has_unsaved_changes
    assert journal.get_day(TODAY) == DayEntry(day=TODAY, mood=6)


async def test_a_hidden_view_catches_up_once_when_shown(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        history = await show_view(pilot, "history", HistoryView)
        await pilot.press(f_key("log"))
        await pilot.pause()
        app.session.save_day(DayEntry(day=TODAY, mood=5))
        app.session.save_day(DayEntry(day=TODAY - timedelta(days=1), mood=4))
        await pilot.pause()
        assert history.table.row_count == 0  # hidden: not re-read yet
        await pilot.press(f_key("history"))
        await pilot.pause()
        assert history.table.row_count == 2


async def test_logging_a_red_flag_opens_the_crisis_panel_but_undoing_its_delete_does_not(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY, symptoms={"confusion": 2}))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(f_key("history"))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert journal.get_day(TODAY) is None
        await pilot.press("u")
        await pilot.pause()
        await pilot.pause()
        assert journal.get_day(TODAY) == DayEntry(day=TODAY, symptoms={"confusion": 2})
        assert not isinstance(app.screen, CrisisPanel)
        assert app.view("history").table.row_count == 1
        assert app.view("history").cursor_day() == TODAY


async def test_an_import_of_a_red_flag_day_opens_no_crisis_panel(app_factory, journal, tmp_path):
    export = days_export(tmp_path, DayEntry(day=TODAY, symptoms={"seizure": 1}))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await preview_import(pilot, export)
        dialog.query_one("#import").press()
        await pilot.pause()
        await pilot.pause()
        assert journal.get_day(TODAY) == DayEntry(day=TODAY, symptoms={"seizure": 1})
        assert not isinstance(app.screen, CrisisPanel)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def test_the_day_rolls_over_while_the_app_is_open(journal):
    clock = FakeClock(datetime(2027, 3, 15, 23, 58, tzinfo=UTC))
    app = build_app(journal, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = app.view("today")
        assert isinstance(today, TodayView)
        assert "Monday 15 March 2027" in str(today.query_one("#today-date").render())
        log = await show_view(pilot, "log", LogView)
        assert log.day == TODAY
        await pilot.press("ctrl+right")  # the 16th is still tomorrow
        await pilot.pause()
        assert log.day == TODAY

        clock.now = datetime(2027, 3, 16, 0, 1, tzinfo=UTC)
        await pilot.press(f_key("today"))  # a view switch checks the clock
        await pilot.pause()
        assert "Tuesday 16 March 2027" in str(today.query_one("#today-date").render())
        assert "Nothing logged today yet" in str(today.query_one("#today-logged").render())

        await pilot.press(f_key("log"))
        await pilot.pause()
        assert "yesterday" in str(log.query_one("#log-header").render())
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert log.day == date(2027, 3, 16)
        assert "· today" in str(log.query_one("#log-header").render())
        log.query_one("#mood", ValueField).input.value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert journal.get_day(date(2027, 3, 16)) == DayEntry(day=date(2027, 3, 16), mood=7)


async def test_the_minute_check_announces_a_new_date_once(journal):
    clock = FakeClock(datetime(2027, 3, 15, 23, 59, tzinfo=UTC))
    app = build_app(journal, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        announced: list[Change] = []
        app.changed.subscribe(app, announced.append, immediate=True)
        assert not app.session.check_clock()
        clock.now = datetime(2027, 3, 16, 0, 0, tzinfo=UTC)
        assert app.session.check_clock()
        assert not app.session.check_clock()
        await pilot.pause()
        assert [(c.origin, c.today) for c in announced] == [(Origin.CLOCK, True)]
        assert app.session.today == date(2027, 3, 16)
        assert app.session.yesterday == TODAY
