"""Schedule at 80×24: each step's intakes in mg and the measured unit, every sign explained,
and today's step in view."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from tests.ui.schedule_helpers import TODAY, liquid_params, on_schedule, save_plan
from tui.core.plan_flags import PlanFlag
from tui.core.plan_model import Plan
from tui.ui.widgets.line_table import LineTable


def store_liquid_plan(journal, start: date = date(2026, 6, 1)) -> Plan:
    """0.93 mg a day of a 0.1 mg/mL liquid, 10 % every 14 days down to 0 (a long plan with flags)."""
    return save_plan(journal, liquid_params(start))


def row_text(table: LineTable, index: int) -> list[str]:
    return [str(cell) for cell in table.row_cells(index)]


async def test_each_step_shows_its_intakes_in_mg_and_ml(journal):
    store_liquid_plan(journal)
    async with on_schedule(journal) as (app, _pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        assert "0.46+0.47 mg · 4.6+4.7 mL" in row_text(table, 0)
        labels = [column.label for column in table.columns]
        assert "mg/day" in labels
        assert "each intake: mg · measured" in labels


async def test_the_legend_explains_every_flag_the_table_shows(journal):
    plan = store_liquid_plan(journal)
    async with on_schedule(journal) as (app, _pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        legend = str(app.screen.query_one("#schedule-legend", Static).render())
        shown = " ".join(row_text(table, i)[-1] for i in range(table.row_count))
        flags = {flag for step in plan.steps for code in step.flag_codes if (flag := PlanFlag.of(code))}
        assert {PlanFlag.ONE_INCREMENT, PlanFlag.TOO_COARSE, PlanFlag.HOLD} <= flags
        for flag in flags:
            assert flag.marked in shown
            assert f"{flag.marked}: {flag.explanation}" in " ".join(legend.split())
        assert "✓ past step" in legend and "▶ today's step" in legend
        # the old table words that no legend explained are gone
        assert "· 1 inc" not in shown and "▲ >plan" not in shown


async def test_todays_step_is_in_view_at_80x24_when_the_schedule_is_shown(journal):
    plan = store_liquid_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await pilot.pause()
        table = app.screen.query_one("#schedule-steps", LineTable)
        current = plan.step_index_on(TODAY)
        assert current is not None and table.cursor_row == current
        # the row is inside the table's visible region, not under a scrollbar
        row_y = table.row_line(current) + 1  # the header takes the first line
        visible_top = int(table.scroll_y) + 1
        visible_bottom = int(table.scroll_y) + table.scrollable_content_region.height - 1
        assert visible_top <= row_y <= visible_bottom, (row_y, table.scroll_y, table.scrollable_content_region)
        assert table.max_scroll_x == 0  # the columns fit 80 columns
