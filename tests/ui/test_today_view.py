"""Today at 80×24: every intake in the unit the person measures, a labelled daily total, the
supply line when the bottle ends soon, and notes shown as text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from decimal import Decimal

from textual.widgets import Static

from tests.ui.schedule_helpers import TODAY, liquid_params, running, save_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.core.supply import SUPPLY_SETTING, Bottle
from tui.ui.app import TaperApp


def store_liquid_plan(journal) -> Plan:
    """0.93 mg a day as 0.46 + 0.47 mg of a 0.1 mg/mL liquid, held from 2027-03-08 to 2027-03-21."""
    plan = save_plan(journal, liquid_params(date(2027, 3, 8)))
    journal.update_settings(intake_times=["08:00", "20:00"])
    return plan


def shown(app, part: str) -> str:
    return str(app.screen.query_one(f"#today-{part}", Static).render())


@asynccontextmanager
async def on_today(journal) -> AsyncIterator[TaperApp]:
    """The app at NOW running at 80×24 with Today shown."""
    async with running(journal) as (app, pilot):
        await pilot.press("f1")
        await pilot.pause()
        yield app


async def test_each_intake_is_shown_in_mg_and_the_measured_unit_with_a_labelled_daily_total(journal):
    store_liquid_plan(journal)
    async with on_today(journal) as app:
        text = shown(app, "plan")
        assert "08:00 0.46 mg = 4.6 mL · 20:00 0.47 mg = 4.7 mL" in text
        assert "daily total 0.93 mg = 9.3 mL" in text
        # finding 1: never per-intake mg beside a bare daily volume
        assert "0.46 + 0.47 mg, 9.3 mL" not in text
        assert "9.3 mL" not in text.replace("daily total 0.93 mg = 9.3 mL", "")


async def test_logged_intakes_are_shown_each_in_the_measured_unit(journal):
    store_liquid_plan(journal)
    journal.save_day(DayEntry(TODAY, intakes=(Intake(Decimal("0.46"), "08:00"),), anxiety=3))
    async with on_today(journal) as app:
        text = shown(app, "logged")
        assert "Taken today: 08:00 0.46 mg = 4.6 mL" in text
        assert "daily total 0.46 mg = 4.6 mL" in text
        assert "anxiety 3 (0–10)" in text


async def test_symptom_total_names_its_scale(journal):
    journal.save_day(DayEntry(TODAY, symptoms={"insomnia": 3, "tremor": 2}))
    async with on_today(journal) as app:
        assert "symptom total 5 (sum of 0–4 ratings)" in shown(app, "logged")
        assert "symptoms: sum of 0–4 ratings" in shown(app, "week")


async def test_a_note_with_markup_and_escape_bytes_shows_as_text(journal):
    journal.save_day(DayEntry(TODAY, note="[/b] bad [@click=app.quit]x[/] \x1b]0;owned\x07"))
    async with on_today(journal) as app:
        text = shown(app, "logged")
        assert "[/b] bad [@click=app.quit]x[/]" in text
        assert "\\x1b]0;owned\\x07" in text
        assert "\x1b" not in text


async def test_a_phase_uses_the_phase_glyph(journal):
    journal.save_day(DayEntry(TODAY - timedelta(days=1), anxiety=2, phase="wave"))
    async with on_today(journal) as app:
        week = shown(app, "week")
        assert "∿ wave" in week
        assert "▼" not in week


def store_bottle(journal, size: str, use_by: date) -> None:
    bottle = Bottle.create(size, "mL", date(2027, 3, 1), use_by)
    journal.update_settings(**{SUPPLY_SETTING: bottle.to_record()})


async def test_supply_line_when_the_bottle_runs_out_within_14_days(journal):
    store_liquid_plan(journal)
    # 9.3 mL a day from 2027-03-01: 200 mL lasts 21 whole days, to 2027-03-21; it runs out on the 22nd.
    store_bottle(journal, "200", date(2027, 6, 1))
    async with on_today(journal) as app:
        text = shown(app, "supply")
        assert text.startswith("Supply: the current bottle runs out on Mon 22 Mar 2027 (in 7 d)")


async def test_no_supply_line_when_the_bottle_lasts(journal):
    store_liquid_plan(journal)
    store_bottle(journal, "1000", date(2027, 6, 1))
    async with on_today(journal) as app:
        part = app.screen.query_one("#today-supply", Static)
        assert part.has_class("-hidden")
        assert shown(app, "supply") == ""
