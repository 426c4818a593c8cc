"""The Log's pre-filled values are replaced by what is typed, never appended to.

A pre-filled dose with the cursor at its end turned a typed ``0.45`` into ``0.50.45``; whichever
way a field takes the focus (opening the Log, keys typed ahead of it, enter, tab, a click, a day
moved under the cursor), its text is selected so typing replaces it.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from textual import events

from tests.ui.test_log_doses import SIZE, TODAY, open_log, store_plan
from tui.core.entry import DayEntry
from tui.core.formulations import RawIncrement


async def test_typing_on_opening_the_log_replaces_the_pre_filled_dose(app_factory, journal):
    store_plan(journal, RawIncrement.create("0.01"))  # 0.5 mg at 08:00 pre-filled at noon
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        dose = log.intakes.rows[0].amount_input
        assert app.focused is dose and dose.value == "0.5"
        await pilot.press("0", ".", "4", "5")
        await pilot.pause()
        assert dose.value == "0.45"


async def test_keys_typed_before_the_log_is_built_replace_the_pre_filled_dose(app_factory, journal):
    store_plan(journal, RawIncrement.create("0.01"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.built_view("log") is None
        for key, character in (("f3", None), ("0", "0"), ("full_stop", "."), ("4", "4")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        log = app.view("log")
        assert log.intakes.rows[0].amount_input.value == "0.4"


async def test_enter_tab_and_a_click_select_the_field_they_move_to(app_factory, journal):
    store_plan(journal, RawIncrement.create("0.01"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")  # yesterday: both intakes pre-filled
        await pilot.pause()
        first, second = log.intakes.rows
        assert first.raw == ("08:00", "0.5") and second.raw == ("20:00", "0.5")
        await pilot.press("0", ".", "4")  # the day moved under the cursor: still selected
        await pilot.pause()
        assert first.amount_input.value == "0.4"
        await pilot.press("enter")  # to the second dose's time
        await pilot.pause()
        assert app.focused is second.time_input
        await pilot.press("2", "1", ":", "0", "0", "tab")
        await pilot.pause()
        assert app.focused is second.amount_input
        await pilot.press("0", ".", "6")
        await pilot.pause()
        assert second.raw == ("21:00", "0.6")
        await pilot.click(first.time_input)
        await pilot.pause()
        assert app.focused is first.time_input
        await pilot.press("0", "7", ":", "3", "0")
        await pilot.pause()
        assert first.raw == ("07:30", "0.4")


async def test_a_stored_rating_is_replaced_when_typed_over(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY - timedelta(days=1), intakes=(), anxiety=3, sleep_hours=Decimal("6.5")))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        anxiety = log.form.measures.fields[0]
        assert anxiety.raw == "3"
        await pilot.click(anxiety.input)
        await pilot.press("5")
        await pilot.pause()
        assert anxiety.raw == "5"
