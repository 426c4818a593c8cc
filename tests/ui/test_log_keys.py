"""Keys in the Log that mean one thing: digits only rate in the symptom list, red flags need a
second key, "n" records no symptoms, and not rated stays apart from 0."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from tui.core.entry import DayEntry
from tui.core.symptoms import symptom_key
from tui.ui.views.log import LogView
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.symptom_list import SymptomList

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


async def open_log(pilot) -> LogView:
    await pilot.press("f3")
    await pilot.pause()
    view = pilot.app.view("log")
    assert isinstance(view, LogView)
    return view


class Row:
    """One symptom's row in the Log's symptom list: its level, whether the cursor is on it, how it reads."""

    def __init__(self, symptoms: SymptomList, key: str) -> None:
        self.symptoms = symptoms
        self.key = key

    @property
    def level(self) -> int | None:
        return self.symptoms.level(self.key)

    @property
    def has_cursor(self) -> bool:
        current = self.symptoms.current
        return self.symptoms.has_focus and current is not None and current.key == self.key


async def focus_rating(pilot, log: LogView, key: str) -> Row:
    assert log.symptoms.move_to(key)
    log.symptoms.focus()
    await pilot.pause()
    return Row(log.symptoms, key)


def rendered(row: Row) -> str:
    return row.symptoms.row_text(row.key)


async def test_digits_in_the_symptom_list_rate_and_never_switch_view(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        rating = await focus_rating(pilot, log, "headache")
        assert "F1–F6 views" in str(app.screen.query_one(KeyBar).render())
        for digit in "56789":
            await pilot.press(digit)
            await pilot.pause()
            assert app.active_view_id == "log"
            assert rating.has_cursor and rating.level is None
        assert "ratings are 0–4 (F1–F6 change view)" in rendered(rating)
        await pilot.press("2")
        await pilot.pause()
        assert app.active_view_id == "log" and rating.level == 2


async def test_rating_moves_on_but_never_onto_a_red_flag(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        insomnia = await focus_rating(pilot, log, "insomnia")
        await pilot.press("1")
        await pilot.pause()
        nightmares = Row(log.symptoms, "nightmares")
        assert insomnia.level == 1 and nightmares.has_cursor
        await pilot.press("2", "3")  # the 3 lands on Nightmares again, not on Seizure
        await pilot.pause()
        assert nightmares.has_cursor and nightmares.level == 3
        assert log.symptoms.level("seizure") is None


async def test_a_red_flag_above_0_needs_the_digit_twice_or_enter(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        seizure = await focus_rating(pilot, log, "seizure")
        await pilot.press("2")
        await pilot.pause()
        assert seizure.level is None
        assert "Rate Seizure 2? press 2 again" in rendered(seizure)
        await pilot.press("2")
        await pilot.pause()
        assert seizure.level == 2 and seizure.has_cursor
        confusion = await focus_rating(pilot, log, "confusion")
        await pilot.press("3", "enter")
        await pilot.pause()
        assert confusion.level == 3
        await pilot.press("4", "down")  # asked, then left: nothing rated
        await pilot.pause()
        assert confusion.level == 3
        await focus_rating(pilot, log, "confusion")
        await pilot.press("0")  # 0 (none) is never alarming: no second key
        await pilot.pause()
        assert confusion.level == 0


async def test_not_rated_and_none_read_differently(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        headache = await focus_rating(pilot, log, "headache")
        assert "– not rated" in rendered(headache)
        await pilot.press("0")
        await pilot.pause()
        assert headache.level == 0 and "0 none" in rendered(headache)
        assert "not rated" not in rendered(headache)


async def test_n_records_no_symptoms_for_the_unrated_ones_only(app_factory, journal):
    journal.update_settings(hidden_symptoms=["tinnitus"])
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await focus_rating(pilot, log, "headache")
        await pilot.press("2")
        await pilot.pause()
        log.query_one("#log-form").focus()
        await pilot.pause()
        assert "n No symptoms" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        stored = journal.get_day(TODAY).symptoms
        assert stored["headache"] == 2
        assert "tinnitus" not in stored
        assert set(stored) == log.symptoms.keys
        assert all(level == 0 for key, level in stored.items() if key != "headache")


async def test_markup_in_a_symptom_name_or_note_is_shown_as_typed(app_factory, journal):
    journal.update_settings(custom_symptoms=["[/b]", "[@click=app.quit]x"])
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        rating = await focus_rating(pilot, log, symptom_key("[@click=app.quit]x"))
        assert "[@click=app.quit]x" in rendered(rating)
        weird = await focus_rating(pilot, log, symptom_key("[/b]"))
        await pilot.press("1")
        log.note.load_text("[/b] [red]not red[/red]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert weird.level == 1
        assert journal.get_day(TODAY).symptoms == {symptom_key("[/b]"): 1}
        assert journal.get_day(TODAY).note == "[/b] [red]not red[/red]"
        assert app.is_running


async def test_a_hidden_symptom_with_markup_in_its_name_is_listed_as_typed(app_factory, journal):
    journal.update_settings(custom_symptoms=["[/b]"], hidden_symptoms=[symptom_key("[/b]")])
    journal.save_day(DayEntry(day=TODAY, symptoms={symptom_key("[/b]"): 1}))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        assert "[/b] 1" in str(log.query_one("#carried", Static).render())


async def test_the_list_is_one_field_with_a_row_cursor(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        symptoms = log.symptoms
        first, second = symptoms.symptoms[0].key, symptoms.symptoms[1].key
        headache = await focus_rating(pilot, log, first)
        assert rendered(headache).startswith("▸ ")
        await pilot.press("down")
        assert Row(symptoms, second).has_cursor and not rendered(headache).startswith("▸ ")
        await pilot.press("k", "j", "k")
        assert headache.has_cursor
        await pilot.press("enter")  # nothing pending: Enter goes to the next row
        assert Row(symptoms, second).has_cursor
        await pilot.press("up", "up")  # past the first row: the field above (the phase)
        await pilot.pause()
        assert app.screen.focused is log.phase
        await focus_rating(pilot, log, symptoms.symptoms[-1].key)
        await pilot.press("down")  # past the last row: the field below (the note)
        await pilot.pause()
        assert app.screen.focused is log.note


async def test_keys_act_on_the_cursors_row_only(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        headache = await focus_rating(pilot, log, "headache")
        await pilot.press("right", "right", "right")
        assert headache.level == 2 and headache.has_cursor  # not rated → 0 → 1 → 2, on the same row
        await pilot.press("left", "backspace")
        assert headache.level is None
        assert log.symptoms.values() == {}
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "headache" not in log.symptoms.keys
        assert log.symptoms.has_focus and log.symptoms.current is not None


async def test_a_click_puts_the_cursor_on_a_row(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await focus_rating(pilot, log, "insomnia")
        await pilot.pause()
        symptoms = log.symptoms
        # The line above the cursor's row is where the list scrolls to; the cursor is on Insomnia.
        cursor_line = symptoms.virtual_region_with_margin.y - symptoms.virtual_region.y + 1
        await pilot.click(offset=(5, symptoms.region.y + cursor_line + 1))  # the row below: Nightmares
        await pilot.pause()
        assert Row(symptoms, "nightmares").has_cursor


async def test_the_log_opens_in_the_first_dose_so_a_digit_is_typed_not_a_view_switch(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        dose = log.intakes.rows[0].amount_input
        assert app.screen.focused is dose
        await pilot.press("2", "left_square_bracket")
        await pilot.pause()
        assert app.active_view_id == "log" and log.day == TODAY
        assert dose.value == "2["  # typed, as in any field; F1–F6 and ctrl+←/→ still navigate
        await pilot.press("f1", "f3")
        await pilot.pause()
        assert app.screen.focused is dose and app.active_view_id == "log"
