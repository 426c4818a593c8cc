"""The Log's doses: typed in the measured unit, checked before saving, pre-filled only when due."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from textual.widgets import Input

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Formulation, Liquid, RawIncrement
from tui.core.plan_changes import creation_event
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.ui.screens.plausibility_dialog import PlausibilityDialog
from tui.ui.views.log import LogView
from tui.ui.widgets.intake_list import PLANNED_TEXT, IntakeRow

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


def store_plan(journal, formulation: Formulation) -> None:
    """A 1 mg a day plan (0.5 mg at 08:00 and 20:00, held two weeks) whose first step covers TODAY."""
    params = PlanParams(
        drug="clonazepam",
        start=TODAY - timedelta(days=2),
        dose_mg=Decimal(1),
        hold_days=14,
        formulation=formulation,
        split=(Decimal("0.5"), Decimal("0.5")),
    )
    plan = build_plan(params)
    journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 3, 1, 9, 0)))
    journal.update_settings(intake_times=["08:00", "20:00"])


async def open_log(pilot) -> LogView:
    await pilot.press("f3")
    await pilot.pause()
    view = pilot.app.view("log")
    assert isinstance(view, LogView)
    return view


async def type_into(pilot, field: Input, text: str) -> None:
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def test_at_noon_the_evening_dose_is_offered_not_filled_in_as_taken(app_factory, journal):
    store_plan(journal, Liquid.create("0.1", "0.1"))
    app = app_factory()  # the fixed clock stands at 12:00
    assert app.session.now().hour == 12
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        morning, evening = log.intakes.rows
        assert morning.raw == ("08:00", "5") and str(morning.unit_label.render()) == "mL"
        assert evening.raw == ("", "")  # offered, not taken
        assert (evening.time_input.placeholder, evening.amount_input.placeholder) == ("20:00", "5")
        assert str(evening.other.render()) == PLANNED_TEXT
        assert str(log.intakes.total.render()) == "daily total 0.5 mg = 5 mL"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).intakes == (Intake(Decimal("0.5"), "08:00"),)


async def test_past_days_pre_fill_every_planned_intake(app_factory, journal):
    store_plan(journal, Liquid.create("0.1", "0.1"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert log.intakes.raw == (("08:00", "5"), ("20:00", "5"))
        assert str(log.intakes.total.render()) == "daily total 1 mg = 10 mL"


async def test_a_dose_typed_in_ml_shows_its_mg_live_and_is_stored_as_exact_mg(app_factory, journal):
    store_plan(journal, Liquid.create("0.1", "0.1"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        morning, evening = log.intakes.rows
        await type_into(pilot, morning.amount_input, "4.6")
        assert str(morning.other.render()) == "= 0.46 mg"
        await type_into(pilot, evening.time_input, "20:00")
        await type_into(pilot, evening.amount_input, "0.47 mg")
        assert str(evening.other.render()) == "= 4.7 mL"
        assert str(evening.unit_label.render()) == ""  # "0.47 mg mL" would misread
        assert str(log.intakes.total.render()) == "daily total 0.93 mg = 9.3 mL"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).intakes == (
            Intake(Decimal("0.46"), "08:00"),
            Intake(Decimal("0.47"), "20:00"),
        )


async def test_an_amount_the_syringe_cannot_measure_names_the_nearest_ones(app_factory, journal):
    store_plan(journal, Liquid.create("0.1", "0.1"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        row = log.intakes.rows[0]
        await type_into(pilot, row.amount_input, "4.65")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = str(row.error_line.render())
        assert "4.6 mL (0.46 mg) or 4.7 mL (0.47 mg)" in message
        assert journal.get_day(TODAY) is None
        assert row.amount_input.value == "4.65"


async def test_without_a_plan_doses_are_in_mg(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        row = log.intakes.rows[0]
        assert str(row.unit_label.render()) == "mg"
        await type_into(pilot, row.amount_input, "0.25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).intakes == (Intake(Decimal("0.25")),)


async def test_an_implausible_dose_asks_and_enter_goes_back_without_saving(app_factory, journal):
    store_plan(journal, RawIncrement.create("0.01"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        evening = log.intakes.rows[1]
        await type_into(pilot, evening.time_input, "20:00")
        await type_into(pilot, evening.amount_input, "6")
        typed = log.intakes.raw
        assert typed == (("08:00", "0.5"), ("20:00", "6"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlausibilityDialog)
        assert "20:00 intake 6 mg is 12× the planned 0.5 mg" in dialog.warnings
        assert dialog.focused is not None and dialog.focused.id == "back"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PlausibilityDialog)
        assert journal.get_day(TODAY) is None
        assert log.intakes.raw == typed and log.has_unsaved_changes
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")  # save anyway
        await pilot.pause()
        assert journal.get_day(TODAY).total_mg == Decimal("6.5")


async def test_unchanged_doses_are_not_asked_about_again(app_factory, journal):
    store_plan(journal, RawIncrement.create("0.01"))
    journal.save_day(DayEntry(day=TODAY, intakes=(Intake(Decimal("0.5"), "08:00"), Intake(Decimal(6), "20:00"))))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.query_one("#anxiety").input.value = "3"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlausibilityDialog)
        assert journal.get_day(TODAY).anxiety == 3


async def test_moving_between_days_reuses_the_intake_rows(app_factory, journal):
    def day(n: int, *doses: str) -> DayEntry:
        return DayEntry(day=TODAY - timedelta(days=n), intakes=tuple(Intake(Decimal(d)) for d in doses))

    for entry in (day(1, "0.25"), day(2, "0.25", "0.125", "0.125"), day(3, "0.5", "0.25")):
        journal.save_day(entry)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.form.focus()
        await pilot.pause()
        await pilot.press("left_square_bracket", "left_square_bracket")  # the busiest day: three rows
        await pilot.pause()
        pool = list(log.intakes.query(IntakeRow))
        assert len(pool) == 3
        seen = []
        for key in ("left_square_bracket", "right_square_bracket", "right_square_bracket", "right_square_bracket"):
            await pilot.press(key)
            await pilot.pause()
            shown = [row for row in log.intakes.query(IntakeRow) if row.display]
            seen.append(tuple(row.raw[1] for row in shown))
            assert shown == log.intakes.rows
            assert list(log.intakes.query(IntakeRow)) == pool  # nothing mounted or removed
        assert seen == [("0.5", "0.25"), ("0.25", "0.125", "0.125"), ("0.25",), ("",)]
        # Removing a dose hides its row at the end of the pool; adding one shows it again.
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        log.intakes.remove_row(log.intakes.rows[0])
        await pilot.pause()
        assert log.intakes.raw == (("", "0.125"), ("", "0.125"))
        assert list(log.intakes.query(IntakeRow))[-1] is not log.intakes.rows[-1]
        log.intakes.action_add_intake()
        await pilot.pause()
        assert log.intakes.raw == (("", "0.125"), ("", "0.125"), ("", ""))
        assert [str(row.label.render()) for row in log.intakes.rows] == ["Dose 1", "Dose 2", "Dose 3"]
        assert set(log.intakes.query(IntakeRow)) == set(pool)


async def test_today_an_intake_with_no_known_time_is_offered_not_filled_in(app_factory, journal):
    """A plan made without intake times: at noon nothing says the evening dose was taken, so
    saving today's Log stores no dose (the day stays unlogged, the reminder still fires)."""
    store_plan(journal, RawIncrement.create("0.01"))
    journal.update_settings(intake_times=[])
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        assert log.intakes.raw == (("", ""), ("", ""))
        assert [row.amount_input.placeholder for row in log.intakes.rows] == ["0.5", "0.5"]
        assert all(str(row.other.render()) == PLANNED_TEXT for row in log.intakes.rows)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY) is None
        await pilot.press("ctrl+left")  # a past day: every planned intake pre-filled, as before
        await pilot.pause()
        assert log.intakes.raw == (("", "0.5"), ("", "0.5"))


async def test_an_amount_typed_into_an_offered_row_takes_its_offered_time(app_factory, journal):
    """The grey "20:00" is what is stored when only the amount is typed, and it turns into text."""
    store_plan(journal, RawIncrement.create("0.01"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        evening = log.intakes.rows[1]
        assert evening.raw == ("", "") and evening.time_input.placeholder == "20:00"
        await type_into(pilot, evening.amount_input, "0.5")
        assert evening.raw == ("20:00", "0.5")
        await pilot.press("backspace", "backspace", "backspace")  # taken back: offered again
        await pilot.pause()
        assert evening.raw == ("", "")
        await pilot.press("0", ".", "5", "ctrl+s")
        await pilot.pause()
        assert journal.get_day(TODAY).intakes == (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))


async def test_a_typo_on_a_day_before_the_plan_starts_asks_before_saving(app_factory, journal):
    """Seen: with the plan starting today at 1.5 mg a day, 5.75 mg was saved for yesterday unasked."""
    params = PlanParams(
        drug="clonazepam",
        start=TODAY,
        dose_mg=Decimal("1.5"),
        hold_days=14,
        formulation=RawIncrement.create("0.01"),
        split=(Decimal("0.75"), Decimal("0.75")),
    )
    plan = build_plan(params)
    journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 3, 1, 9, 0)))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert log.intakes.raw == (("", ""),)  # no plan step covers yesterday: nothing pre-filled
        await type_into(pilot, log.intakes.rows[0].amount_input, "5.75")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlausibilityDialog)
        assert any("the 1.5 mg planned for the plan's first day" in line for line in app.screen.warnings)
        assert journal.get_day(TODAY - timedelta(days=1)) is None
