"""A plan that switches form partway (docs/DOMAIN.md §3.11) in Today and the Schedule at 80×24:
after the switch every amount is in the second form's unit, and the Schedule names both forms."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from textual.widgets import Static

from tests.exchange.helpers import switching_params
from tests.ui.schedule_helpers import open_schedule, save_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.core.supply import SUPPLY_SETTING, Bottle
from tui.ui.app import build_app
from tui.ui.widgets.line_table import LineTable

AFTER = date(2027, 4, 1)
"""A day in the first liquid step (2027-03-29 to 2027-04-11: 0.56 + 0.57 mg = 5.6 + 5.7 mL)."""
NOW = datetime(2027, 4, 1, 9, 0)


def store_switching_plan(journal) -> Plan:
    """2 mg on 0.5 mg tablets in quarters, 10 % every 14 days from 2027-01-04; below 1.25 mg a
    0.1 mg/mL liquid measured to 0.1 mL (from 2027-03-29)."""
    plan = save_plan(journal, switching_params(), at=NOW)
    journal.update_settings(intake_times=["08:00", "20:00"])
    return plan


def shown(app, part: str) -> str:
    return str(app.screen.query_one(f"#today-{part}", Static).render())


async def test_today_after_the_switch_says_the_plan_and_the_log_in_millilitres(journal):
    store_switching_plan(journal)
    # 0.5 mg is not one of the day's planned intakes: said by the form in use that day (5 mL of
    # the liquid), never by the tablets of the plan's start (1 tab)
    journal.save_day(DayEntry(AFTER, intakes=(Intake(Decimal("0.5"), "08:00"),)))
    app = build_app(journal, today=AFTER, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        plan_text = shown(app, "plan")
        assert "08:00 0.56 mg = 5.6 mL · 20:00 0.57 mg = 5.7 mL" in plan_text
        assert "daily total 1.13 mg = 11.3 mL" in plan_text
        logged = shown(app, "logged")
        assert "08:00 0.5 mg = 5 mL" in logged
        assert "tab" not in plan_text + logged


async def test_today_before_the_switch_still_says_tablets(journal):
    store_switching_plan(journal)
    day = date(2027, 3, 20)
    journal.save_day(DayEntry(day, intakes=(Intake(Decimal("0.5"), "08:00"),)))
    app = build_app(journal, today=day, clock=lambda: datetime(2027, 3, 20, 9, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "08:00 0.625 mg = 1 ¼ tab · 20:00 0.625 mg = 1 ¼ tab" in shown(app, "plan")
        assert "08:00 0.5 mg = 1 tab" in shown(app, "logged")


async def test_the_schedule_names_both_forms_and_each_step_in_its_own(journal):
    store_switching_plan(journal)
    app = build_app(journal, today=AFTER, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_schedule(pilot)
        summary = str(app.screen.query_one("#schedule-summary", Static).render())
        assert "0.5 mg tablet, split in 4" in summary
        assert "until 1.25 mg, then liquid 0.1 mg/mL" in summary
        assert "from 2027-03-29" in summary
        table = app.screen.query_one("#schedule-steps", LineTable)
        rows = [" ".join(str(cell) for cell in table.row_cells(i)) for i in range(table.row_count)]
        # too wide for one line at 80 columns: the tablets under the mg
        assert "1.25 0.625+0.625 mg\n1 ¼ tab + 1 ¼ tab" in rows[5]
        assert "1.13 0.56+0.57 mg · 5.6+5.7 mL" in rows[6]


async def test_todays_supply_line_counts_a_liquid_bottle_only_from_the_switch(journal):
    """100 mL bought ahead and opened on 2027-03-20: the tablet days take nothing from it, then
    11.3 mL a day leaves too little on 2027-04-06 (in 5 days), never "enter the bottle again"."""
    store_switching_plan(journal)
    journal.update_settings(
        **{SUPPLY_SETTING: Bottle.create("100", "mL", date(2027, 3, 20), date(2027, 6, 30)).to_record()}
    )
    app = build_app(journal, today=AFTER, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert shown(app, "supply").startswith("Supply: the current bottle runs out on Tue 6 Apr 2027 (in 5 d)")


async def test_the_log_after_the_switch_reads_and_offers_millilitres(journal):
    store_switching_plan(journal)
    app = build_app(journal, today=AFTER, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        log = app.view("log")
        morning = log.intakes.rows[0]
        # The liquid's day: a typed 5 is 5 mL (0.5 mg), never 5 of the plan's first tablets (2.5 mg)
        assert str(morning.unit_label.render()) == "mL"
        morning.amount_input.value = ""
        morning.amount_input.focus()
        await pilot.press("5")
        await pilot.pause()
        assert str(morning.other.render()) == "= 0.5 mg"
