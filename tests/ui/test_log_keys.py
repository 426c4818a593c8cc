"""Keys in the Log that mean one thing: digits only rate in the symptom list, red flags need a
second key, "n" records no symptoms, and not rated stays apart from 0."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from tui.core.entry import DayEntry
from tui.core.symptoms import symptom_key
from tui.ui.views.log import LogView
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.symptom_rating import SymptomRating

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


async def open_log(pilot) -> LogView:
    await pilot.press("f3")
    await pilot.pause()
    view = pilot.app.view("log")
    assert isinstance(view, LogView)
    return view


async def focus_rating(pilot, log: LogView, key: str) -> SymptomRating:
    rating = log.symptoms.rating(key)
    assert rating is not None
    rating.focus()
    await pilot.pause()
    return rating


def rendered(rating: SymptomRating) -> str:
    return str(rating.render())


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
            assert app.screen.focused is rating and rating.level is None
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
        nightmares = log.symptoms.rating("nightmares")
        assert insomnia.level == 1 and app.screen.focused is nightmares
        await pilot.press("2", "3")  # the 3 lands on Nightmares again, not on Seizure
        await pilot.pause()
        assert app.screen.focused is nightmares and nightmares.level == 3
        assert log.symptoms.rating("seizure").level is None  # type: ignore[union-attr]


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
        assert seizure.level == 2 and app.screen.focused is seizure
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
