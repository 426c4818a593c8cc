"""Schedule: the steps table and every plan change, each shown before it is applied."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from textual.widgets import Input

from tests.core.plan_builders import CKS, DAILY_HALF_PCT, START, liquid_params
from tests.ui.plan_editor_helpers import in_editor, type_into
from tests.ui.schedule_helpers import (
    TODAY,
    app_at_now,
    ask,
    on_schedule,
    open_schedule,
    record_plan,
    save_plan,
    store_plan,
    stored,
)
from tests.ui.waiting import wait_for_screen
from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.formulations import Liquid
from tui.core.plan_model import Plan, PlanParams
from tui.core.plan_weeks import plan_weeks
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.screens.text_prompt import TextPrompt
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.line_table import LineTable


async def test_the_table_marks_past_current_and_future_steps(journal):
    plan = store_plan(journal)
    async with on_schedule(journal) as (app, _pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        assert table.row_count == len(plan.steps)
        current = plan.step_index_on(TODAY)
        assert table.cursor_row == current
        marks = [str(table.row_cells(i)[0]) for i in range(table.row_count)]
        assert marks[current] == "▶"
        assert set(marks[:current]) == {"✓"}
        assert set(marks[current + 1 :]) == {" "}


async def test_hold_shows_the_effect_then_moves_only_later_steps(journal):
    before = store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await ask(pilot, "h", "7")
        assert isinstance(app.screen, ConfirmDialog)
        assert "7 days later" in app.screen.body_text
        assert journal.get_plan() == before.to_record()  # nothing applied yet
        await pilot.press("y")
        await pilot.pause()
    after = stored(journal)
    assert after.end_date == before.end_date.fromordinal(before.end_date.toordinal() + 7)
    index = before.step_index_on(TODAY)
    assert after.steps[:index] == before.steps[:index]  # past steps untouched
    assert [e["kind"] for e in journal.events()] == ["create", "hold"]


async def test_cancelling_a_change_changes_nothing(journal):
    before = store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await ask(pilot, "s", "5")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
    assert journal.get_plan() == before.to_record()
    assert [e["kind"] for e in journal.events()] == ["create"]


async def test_slow_down_rejects_a_bigger_cut_and_names_the_field(journal):
    store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await ask(pilot, "s", "20")
        assert isinstance(app.screen, TextPrompt)
        assert "cut %" in str(app.screen.query_one("#problem").render())
        assert app.screen.query_one(Input).value == "20"


async def test_slow_down_applies_a_smaller_cut_from_the_next_step(journal):
    store_plan(journal)
    async with on_schedule(journal) as (_app, pilot):
        await ask(pilot, "s", "5")
        await pilot.press("y")
        await pilot.pause()
    after = stored(journal)
    assert after.params.cut_pct == Decimal(5)
    assert journal.events()[-1]["kind"] == "slow_down"


async def test_return_to_stable_needs_a_reason_and_raises_the_dose(journal):
    before = store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await pilot.press("r")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        await pilot.press("enter")  # no reason given
        await pilot.pause()
        assert app.screen is prompt and "reason" in str(prompt.query_one("#problem").render())
        prompt.query_one(Input).value = "insomnia not easing"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    after = stored(journal)
    assert after.step_on(TODAY).dose_mg > before.step_on(TODAY).dose_mg
    event = journal.events()[-1]
    assert event["kind"] == "return_to_stable" and event["reason"] == "insomnia not easing"


async def test_replan_keeps_past_steps(journal):
    before = store_plan(journal)
    async with in_editor(journal, "p") as (app, pilot, editor):
        await type_into(pilot, editor, "cut", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    after = stored(journal)
    index = before.step_index_on(TODAY)
    assert after.steps[:index] == before.steps[:index]
    assert after.params.cut_pct == Decimal(5)
    assert journal.events()[-1]["kind"] == "replan"


async def test_new_plan_from_an_empty_schedule(journal):
    async with on_schedule(journal) as (app, pilot):
        assert app.screen.query_one("#schedule-empty").display
        await pilot.press("n")
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        await type_into(pilot, editor, "jump-off", "0.05")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(journal).params.jump_off_mg == Decimal("0.05")
    assert [e["kind"] for e in journal.events()] == ["create"]


@pytest.mark.parametrize("key", ["h", "s", "r", "p"])
async def test_changes_without_a_plan_say_so(journal, key):
    async with on_schedule(journal) as (app, pilot):
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, (TextPrompt, ConfirmDialog, PlanEditorScreen))
    assert journal.get_plan() is None


async def test_hold_and_slow_down_record_an_optional_reason(journal):
    store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "a flu [/b] week"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await ask(pilot, "s", "5")  # Enter straight away: no reason
        await pilot.press("y")
        await pilot.pause()
    hold_event, slow_event = journal.events()[1:]
    assert (hold_event["kind"], hold_event["reason"]) == ("hold", "a flu [/b] week")
    assert (slow_event["kind"], slow_event["reason"]) == ("slow_down", "")


def store_micro_plan(journal) -> Plan:
    """0.5 % a day from 1 mg of a 0.1 mg/mL liquid measured to 0.01 mL: hundreds of one-day steps."""
    params = liquid_params(
        "0.1", "0.01", **DAILY_HALF_PCT, jump_off_mg=Decimal("0.05"), split=(Decimal("0.5"), Decimal("0.5"))
    )
    return save_plan(journal, params)


def key_bar_text(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_a_daily_micro_taper_reads_by_the_week_and_w_shows_every_day(journal):
    plan = store_micro_plan(journal)
    weeks = plan_weeks(plan.steps)
    assert len(plan.steps) > 300
    async with on_schedule(journal) as (app, pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        assert table.row_count == len(weeks)
        assert [column.label for column in table.columns][1] == "week of"
        current = next(i for i, week in enumerate(weeks) if week.covers(TODAY))
        assert table.cursor_row == current
        cells = [str(cell) for cell in table.row_cells(current)]
        week = weeks[current]
        first, last = week.first, week.last
        assert cells[0] == "▶" and cells[1] == week.start.isoformat()
        assert cells[2] == f"{format_decimal(first.dose_mg)}→{format_decimal(last.dose_mg)}"
        # each intake from the week's first day to its last, in mg and in mL
        first_mg, last_mg = (format_decimal(m) for m in (first.intake_mg[0], last.intake_mg[0]))
        mg, measured = cells[3].split("\n")
        assert mg.startswith(f"{first_mg}→{last_mg} · ") and mg.endswith(" mg") and measured.endswith(" mL")
        assert "+" not in mg + measured  # "0.48+0.5" between two ranges would read as one intake's sum
        assert table.row_height(current) >= 2  # the measured amounts wrap under the mg, nothing is cut
        assert cells[4] == format_decimal(week.cut_pct)
        assert week.cut_pct > 0
        assert table.max_scroll_x == 0  # the columns fit 80 columns
        assert "w Daily" in key_bar_text(app)
        assert "by week (w: daily doses)" in str(app.screen.query_one("#schedule-summary").render())

        await pilot.press("w")
        await pilot.pause()
        assert table.row_count == len(plan.steps)
        assert table.cursor_row == plan.step_index_on(TODAY)
        assert str(table.row_cells(table.cursor_row)[0]) == "▶"
        assert table.max_scroll_x == 0
        assert "w Weekly" in key_bar_text(app)

        await pilot.press("w")
        await pilot.pause()
        assert table.row_count == len(weeks) and table.cursor_row == current

        await pilot.resize_terminal(100, 30)  # the columns are fitted again, the cursor stays
        await pilot.pause()
        assert table.row_height(current) == 2 and table.cursor_row == current and table.max_scroll_x == 0
        assert table.columns[3].width == max(len(line) for line in cells[3].split("\n"))


async def test_a_plan_of_longer_steps_has_no_weeks_key(journal):
    plan = store_plan(journal)
    async with on_schedule(journal) as (app, pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        await pilot.press("w")
        await pilot.pause()
        assert table.row_count == len(plan.steps)
        assert "w Daily" not in key_bar_text(app) and "w Weekly" not in key_bar_text(app)
        assert "w:" not in str(app.screen.query_one("#schedule-summary").render())


def test_weekly_micro_taper_snapshot_at_80x24(snap_compare, journal):
    store_micro_plan(journal)

    async def run_before(pilot) -> None:
        await open_schedule(pilot)
        await pilot.pause()

    assert snap_compare(app_at_now(journal), terminal_size=(80, 24), run_before=run_before)


async def test_the_header_names_every_band_of_a_banded_plan(journal):
    plan = pi.plan_from_text(CKS, START, "tablet")
    record_plan(journal, plan)
    async with on_schedule(journal) as (app, _pilot):
        header = str(app.screen.query_one("#schedule-summary").render())
        # every step follows the bands, so the header says them, not the main pace alone
        assert "≤ 20 mg: 2 mg every 14 days" in header and "≤ 5 mg: 0.5 mg every 14 days" in header


async def test_three_intakes_at_80_columns_put_the_measured_amounts_on_a_line_of_their_own(journal):
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 3, 1),
        dose_mg=Decimal("1.5"),
        formulation=Liquid.create("0.1", "0.1"),
        split=(Decimal("0.5"), Decimal("0.5"), Decimal("0.5")),
    )
    save_plan(journal, params)
    async with on_schedule(journal) as (app, _pilot):
        table = app.screen.query_one("#schedule-steps", LineTable)
        width = table.columns[3].width
        for row in range(table.row_count):
            lines = str(table.row_cells(row)[3]).split("\n")
            # never a unit alone on a line ("4.5+4.5+4.5" / "mL"): mg, then what is measured
            assert all(len(line) <= width and line not in ("mL", "mg") for line in lines), lines
            assert lines[-1].endswith(" mL") and (len(lines) == 1 or lines[0].endswith(" mg"))
