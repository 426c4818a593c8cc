"""The Log view as a person uses it: keys only, at 80×24, read back from the store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from textual.widgets import Input, Select

from tests.ui.view_keys import f_key
from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.screens.date_prompt import DatePrompt
from tui.ui.screens.unsaved_changes import UnsavedChangesDialog
from tui.ui.views.log import LogView
from tui.ui.widgets.symptom_list import SymptomList
from tui.ui.widgets.value_field import ValueField

TODAY = date(2027, 3, 15)
YESTERDAY = TODAY - timedelta(days=1)
SIZE = (80, 24)


def active(app) -> str:
    return app.active_view_id


def log_view(app) -> LogView:
    return app.screen_stack[0].query_one("#log-view", LogView)


def field_input(app, field_id: str) -> Input:
    return log_view(app).query_one(f"#{field_id}", ValueField).input


async def open_log(pilot) -> LogView:
    await pilot.press(f_key("log"))
    await pilot.pause()
    return log_view(pilot.app)


async def test_a_day_logged_with_keys_only_is_stored_exactly(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        assert log.day == TODAY
        assert app.screen.focused is log.intakes.rows[0].amount_input  # the Log opens in the first dose
        await pilot.press("shift+tab")  # back to its time
        await pilot.press(*"08:00", "enter", *"0.125", "enter")
        # A second dose: back to the add button with shift+tab from anxiety, then Enter.
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        await pilot.press(*"20:00", "enter", *"0.1", "enter")
        await pilot.press("4", "enter", "6", "enter", *"6.5", "enter", "3", "enter")
        assert isinstance(app.screen.focused, Select)
        await pilot.press("enter", "down", "down", "enter")  # neither → window → wave
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.screen.focused, SymptomList)
        await pilot.press("2", "0", "right", "right")  # headache 2, sweating 0, anxiety/panic 1
        log.note.focus()
        await pilot.press(*"Q: ask about liquid", "enter", *"ok")
        assert log.has_unsaved_changes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not log.has_unsaved_changes

    assert journal.get_day(TODAY) == DayEntry(
        day=TODAY,
        intakes=(Intake(Decimal("0.125"), "08:00"), Intake(Decimal("0.1"), "20:00")),
        anxiety=4,
        mood=6,
        sleep_hours=Decimal("6.5"),
        sleep_quality=3,
        symptoms={"headache": 2, "sweating": 0, "anxiety_panic": 1},
        phase="wave",
        note="Q: ask about liquid\nok",
    )
    stored = json.loads(Path(journal.path).read_text())
    record = next(iter(stored["entries"].values()))
    assert record["intakes"] == [{"time": "08:00", "mg": "0.125"}, {"time": "20:00", "mg": "0.1"}]
    assert record["sleep_hours"] == "6.5"


async def test_saving_says_so_neutrally(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        field_input(app, "mood").focus()
        await pilot.press("7", "ctrl+s")
        await pilot.pause()
        header = str(log.query_one("#log-header").render())
        assert "logged" in header and "✓ saved" in header and "unsaved" not in header
        assert not app._notifications  # said where the eye is, not in a toast
        assert app.screen.focused is field_input(app, "mood")  # saving does not throw the cursor away
        assert not log.has_unsaved_changes
        field_input(app, "mood").value = "8"  # changed again: no longer "saved"
        await pilot.pause()
        assert "● unsaved" in str(log.query_one("#log-header").render())


async def test_clearing_a_logged_day_says_so_in_words(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY, mood=4))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        field_input(app, "mood").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Cleared 2027-03-15" in [n.message for n in app._notifications]
        header = str(log.query_one("#log-header").render())
        assert "not logged yet" in header and "saved" not in header
    assert journal.get_day(TODAY) is None


async def test_invalid_input_keeps_the_text_saves_nothing_and_says_why(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("shift+tab", *"25:00", "enter", *"0.25", "enter", *"11", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY) is None
        anxiety = log.query_one("#anxiety", ValueField)
        assert anxiety.input.value == "11"
        assert anxiety.input.has_class("-error")
        assert 'anxiety: "11" is not allowed — use a whole number from 0 to 10' in str(anxiety.error_line.render())
        row = log.intakes.rows[0]
        assert row.time_input.value == "25:00" and row.time_input.has_class("-error")
        assert "dose 1 time" in str(row.error_line.render())
        assert log.has_unsaved_changes
        # Fixing the values saves, and the marks go away.
        anxiety.input.value = "10"
        row.time_input.value = "08:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).anxiety == 10
        assert not log.query_one("#anxiety", ValueField).input.has_class("-error")


async def test_brackets_and_ctrl_arrows_move_a_day_but_not_past_today(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.form.focus()  # [ and ] move a day from the form itself (in a field they are typed)
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert log.day == YESTERDAY
        assert "yesterday" in str(log.query_one("#log-header").render())
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert log.day == TODAY
        # From inside a text field, where [ would be typed: ctrl+← / ctrl+→.
        field_input(app, "anxiety").focus()
        await pilot.press("ctrl+left", "ctrl+left")
        assert log.day == TODAY - timedelta(days=2)
        await pilot.press("ctrl+right")
        assert log.day == YESTERDAY


async def test_leaving_a_day_with_unsaved_changes_asks_save_discard_or_stay(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        field_input(app, "mood").focus()
        await pilot.press("5", "ctrl+left")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChangesDialog)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert log.day == TODAY and field_input(app, "mood").value == "5"

        await pilot.press("ctrl+left")
        await pilot.pause()
        await pilot.press("s")  # save and go
        await pilot.pause()
        assert log.day == YESTERDAY
        assert journal.get_day(TODAY).mood == 5

        field_input(app, "mood").focus()
        await pilot.press("2", "ctrl+right")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert log.day == TODAY
        assert journal.get_day(YESTERDAY) is None
        assert field_input(app, "mood").value == "5"


async def test_quitting_with_unsaved_changes_asks_first(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        field_input(app, "anxiety").focus()
        await pilot.press("3", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and field_input(app, "anxiety").value == "3"


async def test_a_red_flag_symptom_opens_the_crisis_panel_on_saving(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.symptoms.move_to("seizure")
        log.symptoms.focus()
        await pilot.press("1", "1", "ctrl+s")  # a red flag needs the digit twice
        await pilot.pause()
        assert isinstance(app.screen, CrisisPanel)
        assert journal.get_day(TODAY).symptoms == {"seizure": 1}
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CrisisPanel)


async def test_ctrl_g_goes_to_a_typed_date_and_refuses_the_future(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        await pilot.press(*"2027-03-16", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)  # still open, the text kept, the reason shown
        assert app.screen.query_one(Input).value == "2027-03-16"
        assert "up to today (2027-03-15)" in str(app.screen.query_one("#problem").render())
        app.screen.query_one(Input).value = ""
        await pilot.press(*"-3", "enter")
        await pilot.pause()
        assert log.day == date(2027, 3, 12)
        await pilot.press("ctrl+g", *"yesterday", "enter")
        await pilot.pause()
        assert log.day == YESTERDAY


async def test_own_symptoms_can_be_added_and_others_hidden_but_not_red_flags(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+n", *"Jaw clenching", "enter")
        await pilot.pause()
        assert journal.settings().custom_symptoms == ("Jaw clenching",)
        assert "jaw_clenching" in log.symptoms.keys
        await pilot.press("3")  # the new one has focus: rate it
        log.symptoms.move_to("headache")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert journal.settings().hidden_symptoms == ("headache",)
        assert "headache" not in log.symptoms.keys
        log.symptoms.move_to("seizure")
        log.symptoms.focus()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "seizure" not in journal.settings().hidden_symptoms
        log.query_one("#show-hidden").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert journal.settings().hidden_symptoms == ()
        assert "headache" in log.symptoms.keys
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).symptoms == {"jaw_clenching": 3}


async def test_a_hidden_symptoms_rating_is_kept_when_the_day_is_saved_again(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY, symptoms={"tinnitus": 2}, mood=4))
    journal.update_settings(hidden_symptoms=["tinnitus"])
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        assert "Tinnitus 2" in str(log.query_one("#carried").render())
        field_input(app, "mood").value = "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert journal.get_day(TODAY) == DayEntry(day=TODAY, symptoms={"tinnitus": 2}, mood=6)


async def test_days_without_an_entry_start_from_the_plan(app_factory):
    app = app_factory()
    app.session.planned_intakes = lambda day: (Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.125"), "20:00"))
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")  # a past day: every planned intake was due
        await pilot.pause()
        assert log.day == YESTERDAY
        assert log.intakes.raw == (("08:00", "0.25"), ("20:00", "0.125"))
        assert not log.has_unsaved_changes  # nothing typed yet: leaving does not ask


async def test_f_keys_leave_the_log_from_inside_a_field(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        log_view(app).note.focus()
        await pilot.press("1", f_key("history"))
        await pilot.pause()
        assert active(app) == "history"


async def test_a_read_only_file_saves_nothing_and_says_so(tmp_path):
    path = tmp_path / "taper.json"
    writer = open_journal(path)
    writer.update_settings(onboarded=True)
    reader = open_journal(path, fall_back_to_read_only=True)
    try:
        app = build_app(reader, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            log = await open_log(pilot)
            field_input(app, "mood").focus()
            await pilot.press("5", "ctrl+s")
            await pilot.pause()
            assert any("read-only" in n.message for n in app._notifications)
            assert field_input(app, "mood").value == "5"
            assert "read-only" in str(log.query_one("#log-header").render())
        assert writer.get_day(TODAY) is None
    finally:
        reader.close()
        writer.close()


def _snapshot_app(tmp_path: Path):
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    journal.save_day(
        DayEntry(
            day=TODAY,
            intakes=(Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.125"), "20:00")),
            anxiety=4,
            mood=6,
            sleep_hours=Decimal("6.5"),
            sleep_quality=3,
            symptoms={"headache": 2, "insomnia": 3, "sweating": 0},
            phase="wave",
            note="Q: ask about a liquid form",
        )
    )
    return journal, build_app(journal, today=TODAY)


def test_log_view_snapshot_at_80x24(snap_compare, tmp_path):
    journal, app = _snapshot_app(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.press(f_key("log"))
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        journal.close()


def test_log_view_snapshot_with_an_error_at_80x24(snap_compare, tmp_path):
    journal, app = _snapshot_app(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.press(f_key("log"))
        await pilot.pause()
        field = log_view(pilot.app).query_one("#mood", ValueField)
        field.input.value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        pilot.app.clear_notifications()
        pilot.app.screen.set_focus(None)
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        journal.close()


async def test_moving_between_the_form_and_a_field_restyles_neither_subtree(app_factory):
    # Textual restyles a widget and all its descendants when its focus changes; the form is a
    # container of ~50 widgets, so it restyles itself alone (views, tabs and fields stay as they are).
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        restyled: list[set] = []
        update_nodes = app.stylesheet.update_nodes

        def spy(nodes, animate=False):
            nodes = list(nodes)
            restyled.append(set(nodes))
            return update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = spy  # type: ignore[method-assign]
        for widget in (log.form, field_input(app, "mood"), log.form):
            widget.focus()
            await pilot.pause()
        assert app.screen.focused is log.form
        assert restyled and all(log.symptoms not in nodes and log.note not in nodes for nodes in restyled)
