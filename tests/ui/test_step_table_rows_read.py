"""A crossover's step rows read one statement a line at 80×24 (docs/DOMAIN.md §3.12): the day's
≈ diazepam is a labelled line of its own, and each intake starts with its number, so the day's
total never runs into the first intake and a two-drug intake never reads as a third one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.widgets import DataTable

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.schedule_helpers import NOW, TODAY, running
from tui.core.formulations import Tablet
from tui.core.plan_changes import creation_event
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan
from tui.ui.app import build_app
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.widgets.line_table import LineTable
from tui.ui.widgets.step_table import step_cells

D = Decimal
START = date(2027, 3, 8)


def test_a_stage_row_says_its_day_then_each_numbered_intake() -> None:
    plan = crossover_plan(START)
    cells = [str(cell) for cell in step_cells(plan, 0, START)]
    assert len(cells) == 5  # no mg/day column: the day is the first line of the intakes cell
    assert cells[2].split("\n") == [
        "daily total ≈ 20 mg diazepam",
        "1) clonazepam 0.5 mg = 1 tab",
        "2) clonazepam 0.25 mg = ½ tab",
        "   + diazepam 5 mg = 1 tab",
    ]
    after = [str(cell) for cell in step_cells(plan, 4, START)]
    assert after[2].split("\n")[0] == "daily total diazepam 17.5 mg"
    assert after[2].split("\n")[1:] == ["1) diazepam 7.5 mg = 1 ½ tab", "2) diazepam 10 mg = 2 tab"]


def test_a_stopped_intake_reads_as_stopped_not_as_0_tab() -> None:
    plan = crossover_plan(START)
    texts = [str(step_cells(plan, index, START)[2]) for index in range(len(plan.steps))]
    assert not any("0 tab" in text.replace("10 tab", "") for text in texts), texts
    assert "1) diazepam 0 mg (stopped)" in texts[-1].split("\n")


def test_a_plan_of_one_drug_keeps_its_six_columns() -> None:
    plan = build_plan(
        PlanParams(
            drug="clonazepam", start=START, dose_mg=D(1), formulation=Tablet.create("0.5", "2"), split=(D("0.5"),) * 2
        )
    )
    cells = [str(cell) for cell in step_cells(plan, 0, START)]
    assert len(cells) == 6 and cells[2:4] == ["0.75", "0.25+0.5 mg · ½ tab + 1 tab"]
    last = [str(cell) for cell in step_cells(plan, len(plan.steps) - 1, START)]
    assert last[2:4] == ["0", "0+0 mg · stopped + stopped"]


def store_crossover(journal) -> Plan:
    plan = crossover_plan(START)
    journal.save_plan(plan.to_record(), creation_event(plan, NOW))
    return plan


async def test_the_schedule_rows_fit_80_columns_one_statement_a_line(journal):
    store_crossover(journal)
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        for _ in range(10):
            await pilot.pause()
        table = app.screen.query_one("#schedule-steps", LineTable)
        lines = str(table.row_cells(0)[2]).split("\n")
        assert lines[0] == "daily total ≈ 20 mg diazepam" and lines[1] == "1) clonazepam 0.5 mg = 1 tab"
        assert table.virtual_size.width <= table.size.width


async def test_the_editor_preview_numbers_the_intakes_and_counts_steps_as_the_cli_does(journal):
    plan = crossover_plan(TODAY)
    async with running(journal) as (app, pilot):
        editor = PlanEditorScreen(TODAY, existing=plan, start=TODAY)
        app.push_screen(editor)
        for _ in range(3):
            await pilot.pause()
        summary = str(editor.query_one("#summary").render())
        assert summary.startswith("12 steps (8 cuts), "), summary
        first = [str(cell) for cell in editor.query_one("#steps", DataTable).get_row_at(0)]
        assert first[2].split("\n")[:2] == ["daily total ≈ 20 mg diazepam", "1) clonazepam 0.5 mg = 1 tab"]


def test_crossover_schedule_rows_snapshot_at_80x24(snap_compare, journal):
    store_crossover(journal)

    async def run_before(pilot) -> None:
        await pilot.press("f2")
        for _ in range(10):
            await pilot.pause()

    assert snap_compare(
        build_app(journal, today=TODAY, clock=lambda: NOW), terminal_size=(80, 24), run_before=run_before
    )


def test_crossover_editor_preview_snapshot_at_80x24(snap_compare, journal):
    plan = crossover_plan(TODAY)

    async def run_before(pilot) -> None:
        pilot.app.push_screen(PlanEditorScreen(TODAY, existing=plan, start=TODAY))
        for _ in range(3):
            await pilot.pause()
        pilot.app.screen.query_one("#steps", DataTable).focus()
        for _ in range(3):
            await pilot.pause()

    assert snap_compare(
        build_app(journal, today=TODAY, clock=lambda: NOW), terminal_size=(80, 24), run_before=run_before
    )
