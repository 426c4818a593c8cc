"""The Log on a crossover stage (docs/DOMAIN.md §3.12): each intake row names its drug, reads its
amount in that drug's form, and only an intake of the drug crossed over to stores its drug."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.test_log_doses import SIZE, TODAY, open_log, type_into
from tui.core.entry import DayEntry, Intake
from tui.core.plan_changes import creation_event
from tui.store.journal import open_journal
from tui.ui.app import build_app

START = TODAY - timedelta(days=3)
"""The crossover's first stage covers TODAY and the days before it (clonazepam 0.5 mg bd → diazepam)."""


def store_crossover(journal) -> None:
    plan = crossover_plan(START)
    journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 3, 1, 9, 0)))
    journal.update_settings(intake_times=["08:00", "20:00"])


@asynccontextmanager
async def on_a_stage_day(app_factory, journal) -> AsyncIterator[tuple[Pilot[Any], Any]]:
    """The Log on yesterday, a crossover stage day (every planned intake pre-filled), at 80×24."""
    store_crossover(journal)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        yield pilot, log


def stored_intakes(journal, day) -> list[dict]:
    stored = json.loads(Path(journal.path).read_text())
    return next(r for r in stored["entries"].values() if r["date"] == day.isoformat())["intakes"]


async def test_a_stage_day_is_pre_filled_drug_by_drug_and_saved_with_the_diazepam_named(app_factory, journal):
    async with on_a_stage_day(app_factory, journal) as (pilot, log):  # yesterday: every planned intake pre-filled
        rows = log.intakes.rows
        assert [row.raw for row in rows] == [
            ("08:00", "1", "clonazepam"),
            ("20:00", "½", "clonazepam"),
            ("20:00", "1", "diazepam"),
        ]
        assert [str(row.label.content) for row in rows] == ["1 clonazepam", "2 clonazepam", "3 diazepam"]
        assert str(rows[2].other.content) == "= 5 mg"  # 1 tablet of diazepam 5 mg, not of clonazepam 0.5 mg
        assert str(log.intakes.total.content) == "daily total clonazepam 0.75 mg + diazepam 5 mg"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored_intakes(journal, TODAY - timedelta(days=1)) == [
        {"time": "08:00", "mg": "0.5"},
        {"time": "20:00", "mg": "0.25"},
        {"time": "20:00", "mg": "5", "drug": "diazepam"},
    ]


async def test_ctrl_t_changes_a_rows_drug_and_the_amount_is_read_in_its_form(app_factory, journal):
    store_crossover(journal)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        await pilot.press("ctrl+left")
        await pilot.pause()
        await pilot.click(log.intakes.query_one("#add-intake"))
        await pilot.pause()
        row = log.intakes.rows[3]
        assert row.raw == ("", "", "clonazepam")
        await type_into(pilot, row.amount_input, "1")
        assert str(row.other.content) == "= 0.5 mg"
        assert "^t Row's drug" in str(app.screen.query_one("KeyBar").content)
        await pilot.press("ctrl+t")
        await pilot.pause()
        # No diazepam is planned for a row without a time: the clonazepam count is not carried over.
        assert str(row.label.content) == "4 diazepam" and row.amount_input.value == ""
        await type_into(pilot, row.amount_input, "1")
        assert str(row.other.content) == "= 5 mg"  # read in diazepam's form
        assert str(log.intakes.total.content) == "daily total clonazepam 0.75 mg + diazepam 10 mg"
        assert log.has_unsaved_changes
        await pilot.press("ctrl+t")  # round again to the plan's own drug
        await pilot.pause()
        assert str(row.label.content) == "4 clonazepam"


async def test_today_offers_the_evening_intakes_of_both_drugs(app_factory, journal):
    store_crossover(journal)
    app = app_factory()  # the fixed clock stands at 12:00
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        morning, night, night_diazepam = log.intakes.rows
        assert morning.raw == ("08:00", "1", "clonazepam")
        assert night.planned == Intake(Decimal("0.25"), "20:00")
        assert night_diazepam.planned == Intake(Decimal(5), "20:00", "diazepam")
        assert night_diazepam.amount_input.placeholder == "1"
        await type_into(pilot, night_diazepam.amount_input, "1")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored_intakes(journal, TODAY) == [
        {"time": "08:00", "mg": "0.5"},
        {"time": "20:00", "mg": "5", "drug": "diazepam"},
    ]


async def test_a_logged_diazepam_intake_is_shown_as_diazepam(app_factory, journal):
    store_crossover(journal)
    day = TODAY - timedelta(days=2)
    journal.save_day(DayEntry(day, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam"))))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        log.go_to_day(day)
        await pilot.pause()
        assert [row.raw for row in log.intakes.rows] == [("08:00", "1", "clonazepam"), ("20:00", "1", "diazepam")]


async def test_a_plan_without_a_crossover_has_no_drug_key(app_factory, journal):
    from tests.ui.test_log_doses import store_plan
    from tui.core.formulations import RawIncrement

    store_plan(journal, RawIncrement.create("0.01"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        assert log.intakes.rows[0].raw == ("08:00", "0.5")
        assert str(log.intakes.rows[0].label.content) == "Dose 1"
        assert "Drug" not in str(app.screen.query_one("KeyBar").content)


def _snapshot_app(tmp_path: Path):
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    store_crossover(journal)
    return journal, build_app(journal, today=TODAY)


def test_log_on_a_crossover_stage_snapshot_at_80x24(snap_compare, tmp_path):
    journal, app = _snapshot_app(tmp_path)

    async def run_before(pilot) -> None:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("ctrl+left")
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        journal.close()


async def test_a_draft_keeps_each_rows_drug(app_factory, journal):
    async with on_a_stage_day(app_factory, journal) as (pilot, log):
        first = log.intakes.rows[0]
        first.amount_input.focus()
        await pilot.press("ctrl+t")  # the morning intake was diazepam after all (its amount cleared)
        await pilot.pause()
        await type_into(pilot, first.amount_input, "1")
        draft = log.draft_state()
        assert draft is not None and draft["intakes"][0] == ["08:00", "1", "diazepam"]
        log.restore_draft(draft)
        await pilot.pause()
        assert [row.raw[2] for row in log.intakes.rows] == ["diazepam", "clonazepam", "diazepam"]
        assert log.has_unsaved_changes
