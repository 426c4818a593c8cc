"""The Log reads right at a glance: a new day starts at its doses, a unit is written once, and
quitting with unsaved changes names the day they belong to."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.test_log_doses import SIZE, TODAY, open_log, type_into
from tui.core.entry import DayEntry
from tui.ui.screens.confirm_dialog import ConfirmDialog


async def test_a_day_change_shows_the_form_from_its_doses(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY - timedelta(days=1), anxiety=3))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.form.focus()
        log.form.scroll_end(animate=False)
        await pilot.pause()
        assert log.form.scroll_y > 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert log.day == TODAY - timedelta(days=1)
        assert log.form.scroll_y == 0
        log.form.scroll_end(animate=False)
        await pilot.pause()
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert log.day == TODAY and log.form.scroll_y == 0


async def test_an_empty_dose_field_writes_its_unit_once(app_factory):
    app = app_factory()  # no plan: doses in mg
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        row = log.intakes.rows[0]
        assert row.raw == ("", "")
        assert str(row.unit_label.render()) == "mg"
        assert "mg" not in row.amount_input.placeholder


async def test_quitting_with_unsaved_changes_names_the_day(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        await type_into(pilot, log.intakes.rows[0].amount_input, "0.5")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.body_text.startswith(
            "The Log for yesterday (Sunday 14 March) has changes that are not saved yet."
        ), app.screen.body_text
