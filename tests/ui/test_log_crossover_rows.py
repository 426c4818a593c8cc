"""The Log on a crossover stage (docs/DOMAIN.md §3.12): its header counts intakes as ``taper-tui
status`` does, changing a row's drug never carries an amount over to the other drug, and an error
goes as soon as its row is valid."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.ui.test_log_crossover import on_a_stage_day, store_crossover
from tests.ui.test_log_doses import SIZE, TODAY, open_log, type_into
from tui.core.entry import DayEntry, Intake

YESTERDAY = TODAY - timedelta(days=1)


async def test_the_header_counts_intake_times_as_status_does(app_factory, journal):
    store_crossover(journal)
    journal.save_day(DayEntry(YESTERDAY, (Intake(Decimal("0.5"), "08:00"),)))
    journal.save_day(DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam"))))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        header = str(log.query_one("#log-header").content)
        assert "  ·  logged" in header and "of 2" not in header  # the night logged by its diazepam alone
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert "1 of 2 intakes logged" in str(log.query_one("#log-header").content)


async def test_changing_a_rows_drug_fills_in_that_drugs_planned_amount_never_the_typed_count(app_factory, journal):
    store_crossover(journal)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")  # yesterday, stage 1: 20:00 clonazepam 0.25 mg + diazepam 5 mg
        await pilot.pause()
        morning, night = log.intakes.rows[:2]
        night.amount_input.focus()
        await pilot.pause()
        assert "^t Row's drug" in str(app.screen.query_one("KeyBar").content)
        await pilot.press("ctrl+t")
        await pilot.pause()
        # Not "1 tab = 5 mg" of diazepam from the clonazepam's count: the plan's 5 mg at 20:00.
        assert night.raw == ("20:00", "1", "diazepam") and str(night.other.content) == "= 5 mg"
        hint = str(night.error_line.content)
        assert night.error_line.has_class("-shown") and "diazepam" in hint and "planned" in hint
        await pilot.press("ctrl+t")  # back to clonazepam: its own planned 0.25 mg, not 1 tab = 0.5 mg
        await pilot.pause()
        assert night.raw == ("20:00", "½", "clonazepam") and str(night.other.content) == "= 0.25 mg"
        morning.amount_input.focus()
        await pilot.pause()
        await pilot.press("ctrl+t")  # no diazepam is planned at 08:00 on stage 1: the amount is cleared
        await pilot.pause()
        assert morning.raw == ("08:00", "", "diazepam")
        assert "cleared" in str(morning.error_line.content)
        await type_into(pilot, morning.amount_input, "1")
        assert not morning.error_line.has_class("-shown")  # the note goes once an amount is typed


async def test_an_error_under_a_row_goes_as_soon_as_the_row_is_valid(app_factory, journal):
    async with on_a_stage_day(app_factory, journal) as (pilot, log):
        await pilot.click(log.intakes.query_one("#add-intake"))
        await pilot.pause()
        row = log.intakes.rows[3]
        await type_into(pilot, row.time_input, "21:00")
        await pilot.press("ctrl+s")  # the amount is blank: refused, the row marked
        await pilot.pause()
        assert row.error_line.has_class("-shown") and 'dose 4: ""' in str(row.error_line.content)
        await type_into(pilot, row.amount_input, "0.5")
        assert str(row.other.content) == "= 0.25 mg"
        assert not row.error_line.has_class("-shown") and not row.amount_input.has_class("-error")
