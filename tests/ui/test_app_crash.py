"""Crashes keep the form and not the data; markup in names and paths never crashes the app."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from tui.core.entry import DayEntry
from tui.store.drafts import draft_path
from tui.store.journal import open_journal
from tui.ui.app import TaperApp, build_app
from tui.ui.views.log import LogView
from tui.ui.widgets.value_field import ValueField

TODAY = date(2027, 3, 15)
SIZE = (80, 24)
NOTE = "private: halved the evening dose"


class BrokenApp(TaperApp):
    """The app with one handler that fails, as a bug would."""

    def action_boom(self) -> None:
        entry = self.journal.get_day(date(2027, 3, 14))  # a local holding the note
        raise RuntimeError(f"a bug while handling {type(entry).__name__}")


async def test_an_exception_saves_the_draft_and_writes_a_private_log_without_locals(journal):
    journal.save_day(DayEntry(day=date(2027, 3, 14), note=NOTE))
    app = build_app(journal, today=TODAY)
    app.__class__ = BrokenApp
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            app.screen_stack[0].query_one("#log-view", LogView).query_one("#anxiety", ValueField).input.focus()
            await pilot.pause()
            await pilot.press("8")
            app.call_later(app.run_action, "boom")  # an unexpected error in a handler
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash_log is not None
    assert stat.S_IMODE(os.stat(app.crash_log).st_mode) == 0o600
    text = app.crash_log.read_text()
    assert "RuntimeError: a bug while handling DayEntry" in text
    assert NOTE not in text and "halved" not in text
    assert '"8"' in draft_path(journal.path, "log").read_text()  # the form was kept, at once


async def test_markup_in_a_custom_symptom_name_does_not_crash(journal):
    journal.update_settings(custom_symptoms=["[/b] jaw [red]clenching"])
    journal.save_day(DayEntry(day=TODAY, symptoms={"b_jaw_red_clenching": 2}))
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f3", "f4", "f1", "f5"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running


async def test_markup_in_the_data_path_shows_in_the_banner_and_notices(tmp_path):
    path = tmp_path / "[/b] odd [red]" / "taper.json"
    with open_journal(path) as writer:
        writer.update_settings(onboarded=True)
        path.chmod(0o644)  # a warning naming the path is shown at start
        reader = open_journal(path, fall_back_to_read_only=True)
        try:
            app = build_app(reader, today=TODAY)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                banner = app.screen.query_one("#read-only-banner")
                assert str(path) in str(banner.render())
                writer.save_day(DayEntry(day=TODAY, note="x"))
                path.unlink()
                app.check_file()  # a banner naming what happened, not the markup
                await pilot.press("ctrl+r")
                await pilot.pause()
                assert app.is_running
                # The warning naming the path was shown as text: escaped, not read as markup.
                assert any("\\[/b] odd \\[red]" in n.message for n in app._notifications)
        finally:
            reader.close()
