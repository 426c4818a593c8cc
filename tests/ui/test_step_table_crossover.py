"""A crossover step in every table and line the displays build from ``step_table``
(docs/DOMAIN.md §3.12): each intake names its drug and the day shows its ≈ diazepam, so a dose is
never read as the wrong drug; a plan of one drug reads exactly as before."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from textual.widgets import Static

from tests.exchange.crossover_plans import CROSSOVER_START as START
from tests.exchange.crossover_plans import crossover_plan
from tui.core.formulations import Liquid
from tui.core.plan_changes import creation_event
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.step_drugs import step_intake_texts
from tui.ui.app import build_app
from tui.ui.widgets.line_table import LineTable
from tui.ui.widgets.step_table import daily_total_text, diazepam_day_text, planned_intake_texts, step_cells

D = Decimal


def liquid_plan() -> Plan:
    return build_plan(
        PlanParams(
            drug="clonazepam",
            start=START,
            dose_mg=D("0.93"),
            formulation=Liquid.create("0.1", "0.1"),
            hold_days=14,
            split=(D("0.46"), D("0.47")),
        )
    )


def test_a_crossover_stage_names_each_drug_in_each_intake_and_its_diazepam_day() -> None:
    plan = crossover_plan()
    stage = plan.steps[0]
    assert planned_intake_texts(plan, stage) == (
        "clonazepam 0.5 mg = 1 tab",
        "clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab",
    )
    assert daily_total_text(plan, stage) == "daily total clonazepam 0.75 mg + diazepam 5 mg"
    assert diazepam_day_text(plan, stage).startswith("≈ 20 mg diazepam (Ashton Manual")
    cells = [str(cell) for cell in step_cells(plan, 0, START)]
    assert cells[2] == (
        "daily total ≈ 20 mg diazepam\n1) clonazepam 0.5 mg = 1 tab\n2) clonazepam 0.25 mg = ½ tab\n"
        "   + diazepam 5 mg = 1 tab"
    )


def test_after_the_crossover_the_new_drug_is_named() -> None:
    plan = crossover_plan()
    after = plan.steps[4]
    assert after.drug == "diazepam"
    assert all(text.startswith("diazepam ") for text in planned_intake_texts(plan, after))
    assert daily_total_text(plan, after).startswith("daily total diazepam ")
    assert str(step_cells(plan, 4, START)[2]).startswith(f"daily total diazepam {after.dose_mg} mg\n1) diazepam ")


def test_a_plan_of_one_drug_reads_as_before() -> None:
    plan = liquid_plan()
    step = plan.steps[0]
    assert planned_intake_texts(plan, step) == ("0.46 mg = 4.6 mL", "0.47 mg = 4.7 mL")
    assert planned_intake_texts(plan, step) == step_intake_texts(plan, step)
    assert daily_total_text(plan, step) == "daily total 0.93 mg = 9.3 mL"
    assert diazepam_day_text(plan, step) == ""
    cells = [str(cell) for cell in step_cells(plan, 0, START)]
    assert cells[2:4] == ["0.93", "0.46+0.47 mg · 4.6+4.7 mL"]


TODAY = START + timedelta(days=3)
NOW = datetime(2027, 3, 11, 9, 0)


def store_crossover(journal) -> Plan:
    plan = crossover_plan()
    journal.save_plan(plan.to_record(), creation_event(plan, NOW))
    journal.update_settings(intake_times=["08:00", "20:00"])
    return plan


async def test_today_and_the_schedule_name_both_drugs_on_a_crossover_day_at_80x24(journal, tmp_path):
    store_crossover(journal)
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#today-plan", Static).render())
        assert "08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab" in text
        assert "daily total clonazepam 0.75 mg + diazepam 5 mg" in text
        assert "≈ 20 mg diazepam (Ashton Manual" in text
        # Not "1 mg → 0.75 mg": clonazepam and diazepam compare only as ≈ diazepam.
        assert "Since the plan began: ≈ 20 mg → ≈ 20 mg diazepam a day (0 % lower, Ashton Manual" in text
        assert "0.75 mg a day" not in text
        app.save_screenshot(str(tmp_path / "today.svg"))
        await pilot.press("f2")
        for _ in range(20):
            await pilot.pause()
        table = app.screen.query_one("#schedule-steps", LineTable)
        cells = [str(cell) for cell in table.row_cells(0)]
        assert cells[2].split("\n")[:3] == [
            "daily total ≈ 20 mg diazepam",
            "1) clonazepam 0.5 mg = 1 tab",
            "2) clonazepam 0.25 mg = ½ tab",
        ]
        # Every column fits: nothing hides behind a horizontal scrollbar.
        assert table.virtual_size.width <= table.size.width
        app.save_screenshot(str(tmp_path / "schedule.svg"))


def test_crossover_schedule_snapshot_at_80x24(snap_compare, journal):
    store_crossover(journal)

    async def run_before(pilot) -> None:
        await pilot.press("f2")
        for _ in range(20):
            await pilot.pause()

    assert snap_compare(
        build_app(journal, today=TODAY, clock=lambda: NOW), terminal_size=(80, 24), run_before=run_before
    )


def test_crossover_today_snapshot_at_80x24(snap_compare, journal):
    store_crossover(journal)

    async def run_before(pilot) -> None:
        await pilot.press("f1")
        for _ in range(5):
            await pilot.pause()

    assert snap_compare(
        build_app(journal, today=TODAY, clock=lambda: NOW), terminal_size=(80, 24), run_before=run_before
    )
