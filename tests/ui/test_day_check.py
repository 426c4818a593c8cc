"""The check of every day after the first screen: writes wait for it, a day that does not
validate is named by date and nothing can be saved over the file."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

import tui.ui.session as session_module
from tui.core.entry import DayEntry
from tui.store.journal import Journal, open_journal
from tui.ui.app import build_app
from tui.ui.widgets.value_field import ValueField

from .waiting import settled, wait_until

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def save_anxiety_in_log(pilot, value: str) -> None:
    await pilot.press("f3")
    app = pilot.app
    await wait_until(pilot, lambda: app.active_view_id == "log" and app.view("log").query("#anxiety"), "the Log shown")
    app.view("log").query_one("#anxiety", ValueField).input.value = value
    await settled(pilot)
    await pilot.press("ctrl+s")
    await settled(pilot)  # the save handled: saved, or refused with a message


async def test_a_write_while_the_days_are_being_checked_is_refused_and_says_so(journal, monkeypatch):
    """A large file is checked on a thread after the first screen; a save meanwhile is refused
    with a message saying so, and works once the check has finished."""
    monkeypatch.setattr(session_module, "CHECK_AT_ONCE_DAYS", 0)  # this small file counts as large
    journal.save_day(DayEntry(day=TODAY - timedelta(days=1), anxiety=2))
    release = threading.Event()
    check_days = journal.check_days

    def held_check() -> dict[date, str]:
        release.wait(10)
        return check_days()

    monkeypatch.setattr(journal, "check_days", held_check)
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.checking
        await save_anxiety_in_log(pilot, "4")
        assert journal.get_day(TODAY) is None
        assert any("still checking the data file" in m and "nothing was changed" in m for m in messages(app))
        assert app.view("log").has_unsaved_changes  # what was typed is kept
        release.set()
        for _ in range(50):
            if not app.session.checking:
                break
            await asyncio.sleep(0.02)
            await pilot.pause()
        assert not app.session.checking and not app.session.invalid_days
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = journal.get_day(TODAY)
        assert saved is not None and saved.anxiety == 4


async def test_quitting_does_not_wait_for_the_check(journal, monkeypatch):
    monkeypatch.setattr(session_module, "CHECK_AT_ONCE_DAYS", 0)
    journal.save_day(DayEntry(day=TODAY, anxiety=2))
    release = threading.Event()

    def held_check() -> dict[date, str]:
        release.wait(30)
        return {}

    monkeypatch.setattr(journal, "check_days", held_check)
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.checking
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running  # the check still "runs" (a daemon thread): the app did not wait
    release.set()


@pytest.fixture
def hand_edited(tmp_path: Path) -> Path:
    """A file of three days, one of which was hand-edited to an anxiety of 12 (0–10 allowed)."""
    path = tmp_path / "data" / "taper.json"
    with open_journal(path) as journal:
        journal.update_settings(onboarded=True)
        for offset, anxiety in ((1, 3), (2, 5), (3, 6)):
            journal.save_day(DayEntry(day=TODAY - timedelta(days=offset), anxiety=anxiety))
    data = json.loads(path.read_text())
    bad = str((TODAY - timedelta(days=2)).toordinal())
    data["entries"][bad]["anxiety"] = 12
    path.write_text(json.dumps(data))
    return path


async def test_a_day_that_does_not_validate_is_named_and_every_write_is_refused(hand_edited):
    before = hand_edited.read_bytes()
    journal: Journal = open_journal(hand_edited)
    try:
        app = build_app(journal, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.session.invalid_days.keys() == {date(2027, 3, 13)}
            banner = str(app.screen.query_one("#file-banner").render())
            assert "2027-03-13" in banner and "anxiety" in banner and "nothing can be saved" in banner
            # The other days are shown; the bad one is left out.
            assert [d.day for d in journal.days()] == [date(2027, 3, 12), date(2027, 3, 14)]
            app.clear_notifications()
            await save_anxiety_in_log(pilot, "4")
            assert any("2027-03-13 is not valid" in m for m in messages(app))
            app.clear_notifications()
            await pilot.press("ctrl+e")  # an export would be missing that day
            await settled(pilot)
            assert any("2027-03-13 is not valid" in m for m in messages(app))
            app.clear_notifications()
            await pilot.press("f4", "d")  # History: delete the newest day, asked first
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert any("2027-03-13 is not valid" in m for m in messages(app))
        assert hand_edited.read_bytes() == before  # nothing was saved over the file
    finally:
        journal.close()
