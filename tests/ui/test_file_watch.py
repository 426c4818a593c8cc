"""The data file changes underneath the open app: deleted, replaced, damaged; a read-only copy follows it.

``check_file`` is what the app runs every few seconds; the tests call it directly so they do not
wait on the timer.
"""

from __future__ import annotations

import json
import os
from datetime import date

from textual.widgets import Static

from tui.core.entry import DayEntry
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.views.log import LogView
from tui.ui.widgets.value_field import ValueField

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


def banner(app) -> str:
    widget = app.screen_stack[0].query_one("#file-banner", Static)
    return str(widget.render()) if widget.display else ""


async def type_in_log(pilot, text: str) -> LogView:
    await pilot.press("f3")
    await pilot.pause()
    log = pilot.app.screen_stack[0].query_one("#log-view", LogView)
    log.query_one("#anxiety", ValueField).input.focus()
    await pilot.pause()
    await pilot.press(*text)
    return log


async def test_a_deleted_file_is_said_and_never_replaced_by_a_one_day_file(journal):
    journal.save_day(DayEntry(day=date(2027, 3, 1), note="an older day"))
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        journal.real_path.unlink()
        app.check_file()
        await pilot.pause()
        assert "was deleted or moved away" in banner(app)
        log = await type_in_log(pilot, "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not journal.real_path.exists()  # no fresh file holding one day
        assert log.has_unsaved_changes and log.query_one("#anxiety", ValueField).raw == "5"
        await pilot.press("ctrl+r")  # reload: there is nothing to read, so nothing changes
        await pilot.pause()
        assert "was deleted" in banner(app)
        assert app.is_running


async def test_a_replaced_file_is_said_and_reload_shows_it_keeping_the_form(journal):
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        log = await type_in_log(pilot, "6")
        with open_journal(journal.path.with_name("other.json")) as other:
            other.save_day(DayEntry(day=date(2027, 3, 10), note="from the other copy"))
        os.replace(journal.path.with_name("other.json"), journal.real_path)
        app.check_file()
        await pilot.pause()
        assert "was changed by another program" in banner(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert json.loads(journal.real_path.read_text())["entries"].keys() == {str(date(2027, 3, 10).toordinal())}
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert banner(app) == ""
        assert journal.get_day(date(2027, 3, 10)).note == "from the other copy"
        assert log.has_unsaved_changes  # what was typed stays
        await pilot.press("ctrl+s")  # and can be saved on top of the file as it is now
        await pilot.pause()
    assert journal.get_day(TODAY).anxiety == 6
    assert journal.get_day(date(2027, 3, 10)) is not None


async def test_a_file_damaged_while_typing_does_not_crash_and_keeps_the_form(journal):
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        log = await type_in_log(pilot, "3")
        journal.real_path.write_text("{ not json")
        await pilot.press(*"")
        await pilot.press("backspace", "4")  # typing goes on
        app.check_file()
        await pilot.pause()
        assert "damaged" in banner(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        for view in ("f1", "f2", "f4", "f5", "f3"):
            await pilot.press(view)
            await pilot.pause()
        assert app.is_running
        assert log.query_one("#anxiety", ValueField).raw == "4"
    assert journal.real_path.read_text() == "{ not json"  # never written over


async def test_a_read_only_copy_follows_the_file_and_takes_over_when_the_writer_quits(journal):
    reader = open_journal(journal.path, fall_back_to_read_only=True)
    try:
        assert reader.read_only and reader.locked_by == os.getpid()
        app = build_app(reader, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f4")
            await pilot.pause()
            journal.save_day(DayEntry(day=TODAY, anxiety=2, note="logged by the writer"))
            app.check_file()
            await pilot.pause()
            assert reader.get_day(TODAY).note == "logged by the writer"
            await pilot.press("f1")  # Today, stale while hidden, catches up when shown
            await pilot.pause()
            today_text = str(app.screen_stack[0].query_one("#today-view").render()) + "".join(
                str(w.render()) for w in app.screen_stack[0].query("#today-view Static")
            )
            assert "Nothing logged today yet" not in today_text
            journal.close()  # the writer quits
            app.check_file()
            await pilot.pause()
            assert "ctrl+w" in banner(app)
            await pilot.press("ctrl+w")
            await pilot.pause()
            assert not reader.read_only and banner(app) == ""
            assert not app.screen_stack[0].query("#read-only-banner")
            log = await type_in_log(pilot, "")
            assert log.day == TODAY
        reader.save_day(DayEntry(day=date(2027, 3, 14), note="now this copy writes"))
        assert reader.get_day(date(2027, 3, 14)) is not None
    finally:
        reader.close()


async def test_a_file_check_once_the_app_has_closed_does_nothing(journal):
    """The check runs on a timer, which can fire while the app closes (under load it raised
    NoMatches out of a test's shutdown, the banner's screen already torn down)."""
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await type_in_log(pilot, "3")
    journal.real_path.write_text("{ not json")
    app.check_file()  # nothing to show it on, and no error
    assert not app.screen_stack
