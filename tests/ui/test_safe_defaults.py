"""Every dialog that could discard, delete or change the plan opens on its safe choice:
Enter pressed right away changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Button

from tests.exchange.helpers import days_export
from tests.ui.conftest import TODAY
from tests.ui.import_helpers import preview_import
from tests.ui.schedule_helpers import ask, on_schedule, store_plan
from tests.ui.view_keys import f_key, show_view
from tui.core.entry import DayEntry
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.import_dialog import ImportDialog
from tui.ui.screens.unsaved_changes import UnsavedChangesDialog
from tui.ui.views.log import LogView
from tui.ui.widgets.value_field import ValueField

SIZE = (80, 24)


async def type_in_log(pilot) -> LogView:
    log = await show_view(pilot, "log", LogView)
    log.query_one("#mood", ValueField).input.value = "6"
    await pilot.pause()
    assert log.has_unsaved_changes
    return log


def focused_button(app) -> str | None:
    focused = app.focused
    return focused.id if isinstance(focused, Button) else None


async def enter_on_the_safe_choice(pilot, dialog: type, safe: str = "cancel") -> None:
    """The dialog on screen is a ``dialog`` with ``safe`` focused; then Enter is pressed on it."""
    assert isinstance(pilot.app.screen, dialog)
    assert focused_button(pilot.app) == safe
    await pilot.press("enter")
    await pilot.pause()


async def test_enter_on_quit_without_saving_keeps_editing(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await type_in_log(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await enter_on_the_safe_choice(pilot, ConfirmDialog)
        assert not isinstance(app.screen, ConfirmDialog)
        assert app.is_running
        assert log.has_unsaved_changes
        assert log.query_one("#mood", ValueField).input.value == "6"


async def test_enter_on_leaving_an_unsaved_day_stays(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await type_in_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        await enter_on_the_safe_choice(pilot, UnsavedChangesDialog, "stay")
        assert log.day == TODAY
        assert log.has_unsaved_changes
    assert journal.get_day(TODAY) is None


async def test_enter_on_a_history_delete_keeps_the_day(app_factory, journal):
    entry = DayEntry(day=TODAY - timedelta(days=1), mood=4, note="kept")
    journal.save_day(entry)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(f_key("history"))
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await enter_on_the_safe_choice(pilot, ConfirmDialog)
        assert not isinstance(app.screen, ConfirmDialog)
    assert journal.get_day(entry.day) == entry


@pytest.mark.parametrize(("key", "answer"), [("h", "7"), ("s", "5"), ("r", "symptoms not easing")])
async def test_enter_on_a_schedule_change_applies_nothing(journal, key, answer):
    before = store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await ask(pilot, key, answer)
        await enter_on_the_safe_choice(pilot, ConfirmDialog)
        assert not isinstance(app.screen, ConfirmDialog)
    assert journal.get_plan() == before.to_record()
    assert [e["kind"] for e in journal.events()] == ["create"]


async def test_a_caller_may_name_confirm_as_the_safe_choice(app_factory):
    app = app_factory()
    answers: list[bool | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(
            ConfirmDialog("Close?", "Nothing is lost either way.", "Close", "Back", safe="confirm"), answers.append
        )
        await pilot.pause()
        assert focused_button(app) == "confirm"
        await pilot.press("escape")  # Escape still cancels, whichever button is safe
        await pilot.pause()
    assert answers == [False]


async def test_enter_after_previewing_an_import_that_overwrites_a_day_imports_nothing(app_factory, journal, tmp_path):
    export = days_export(tmp_path, DayEntry(day=TODAY, mood=4))
    journal.save_day(DayEntry(day=TODAY, mood=5))
    before = journal.path.read_bytes()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await preview_import(pilot, export)
        assert not dialog.query_one("#import", Button).disabled
        await enter_on_the_safe_choice(pilot, ImportDialog)
    assert journal.path.read_bytes() == before
