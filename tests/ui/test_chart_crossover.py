"""The Chart on a plan with a crossover: the dose in ≈ diazepam mg every day (docs/DOMAIN.md §3.12).

A stage day of clonazepam 0.5 mg + diazepam 5 mg was drawn as 5.5 mg, and the plan line leapt
from 1 mg of clonazepam to 20 mg of diazepam; both lines now stay level at ≈ 20 across the stages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from textual.widgets import Static

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.chart_helpers import open_chart, to_chart
from tests.ui.conftest import TODAY
from tui.core.entry import DayEntry, Intake
from tui.core.intake_drugs import planned_drug_intakes
from tui.core.plan_changes import creation_event
from tui.store.journal import Journal, open_journal
from tui.ui.app import build_app
from tui.ui.chart.cut_table import CutTable
from tui.ui.chart.dose_chart import DoseChart

START = TODAY - timedelta(days=24)  # stage 4 of 4 by TODAY; the first diazepam cut on START + 28


def store_logged_crossover(journal: Journal) -> None:
    """The crossover plan from START, each day from a week before it to TODAY logged as planned."""
    plan = crossover_plan(START)
    journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 2, 1, 9, 0)))
    journal.update_settings(intake_times=["08:00", "20:00"])
    for offset in range((TODAY - START).days + 8):
        day = START - timedelta(days=7) + timedelta(days=offset)
        intakes = planned_drug_intakes(plan, ["08:00", "20:00"], day)
        if day < START:  # clonazepam 0.5 mg bd, as before the plan
            intakes = (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))
        journal.save_day(DayEntry(day, intakes, anxiety=2 + offset % 3))


async def test_the_dose_lines_are_level_in_diazepam_across_the_crossover(app_factory, journal):
    store_logged_crossover(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        frame = view.frame
        assert frame is not None and frame.dose_unit == "≈ diazepam mg"
        assert {mg for _x, mg in frame.planned} == {20.0}
        assert {mg for mg in frame.taken_mg if mg is not None} == {20.0}  # a stage day was 5.5 or 10.25
        legend = str(view.query_one("#chart-legend", Static).render())
        assert "≈ diazepam mg ⠒ plan • taken" in legend
        await pilot.press("t")
        await pilot.pause()
        table = view.query_one(CutTable)
        assert table.unit == "≈ diazepam mg"
        assert "≈ diazepam mg" in str(table.render())


async def test_a_missed_diazepam_evening_is_charted_as_less_diazepam_not_as_clonazepam_mg(app_factory, journal):
    store_logged_crossover(journal)
    stage = START + timedelta(days=14)  # both intakes' old halves replaced: 0.25 + diazepam 5 each
    plan = crossover_plan(START)
    morning_only = tuple(i for i in planned_drug_intakes(plan, ["08:00", "20:00"], stage) if i.time == "08:00")
    journal.save_day(DayEntry(stage, morning_only))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        frame = view.frame
        assert frame is not None
        taken = [mg for mg in frame.taken_mg if mg is not None]
        assert min(taken) == 10.0  # ≈ 10 of the day's 20, drawn below the plan
        assert "▼ less" in str(view.query_one("#chart-legend", Static).render())


def test_chart_snapshot_crossover_at_80x24(snap_compare, tmp_path: Path):
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    store_logged_crossover(journal)
    try:
        assert snap_compare(build_app(journal, today=TODAY), terminal_size=(80, 24), run_before=to_chart)
    finally:
        journal.close()


async def test_no_level_is_estimated_over_days_of_two_drugs(app_factory, journal):
    # The estimate models the plan's drug alone: diazepam mg read with clonazepam's half-life
    # drew a level leaping at each stage.
    store_logged_crossover(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        await pilot.pause()
        note = str(view.query_one("#chart-note", Static).render())
        assert "No level estimate" in note and "diazepam" in note and "clonazepam" in note
        assert view.query_one(DoseChart).level is None
