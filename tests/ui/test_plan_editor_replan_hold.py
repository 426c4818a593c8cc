"""Re-planning in the editor mid-taper holds the dose being taken one full step before the first
cut (docs/DOMAIN.md §2, Dates): the hold field opens with it and says so, and a 0 typed there
is the person asking to cut on the start day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from textual.widgets import Input

from tests.ui.plan_editor_helpers import open_editor, type_into
from tui.core.formulations import RawIncrement
from tui.core.plan_changes import creation_event
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.ui.app import build_app

TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, 0)


def app_with_plan(journal, start):
    """The app at NOW with a stored plan from ``start``: 1 mg, 10 % every 14 days, 0.01 mg steps."""
    plan = build_plan(
        PlanParams(drug="clonazepam", start=start, dose_mg=Decimal(1), formulation=RawIncrement.create("0.01"))
    )
    journal.save_plan(plan.to_record(), creation_event(plan, NOW))
    return build_app(journal, today=TODAY, clock=lambda: NOW)


async def test_a_re_plan_mid_step_opens_holding_the_dose_taken_a_full_step(journal):
    # From 2027-03-08: 1 → 0.9 mg that day, 0.81 from 03-22; today (03-15) is mid-step at 0.9.
    app = app_with_plan(journal, TODAY - timedelta(days=7))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, "p")
        assert editor.query_one("#dose", Input).value == "0.9"
        assert editor.query_one("#hold", Input).value == "14"
        assert "held 14 days (one step) before the first cut" in str(editor.query_one("#kept-hold").render())
        assert editor.plan is not None
        first, second = editor.plan.steps[:2]
        assert (first.start, first.end, first.dose_mg) == (TODAY, TODAY + timedelta(days=13), Decimal("0.9"))
        assert second.start == TODAY + timedelta(days=14) and second.dose_mg == Decimal("0.81")
        await type_into(pilot, editor, "hold", "0")  # asked for: the first cut on the start day
        assert editor.plan is not None and editor.plan.steps[0].start == TODAY
        assert editor.plan.steps[0].dose_mg == Decimal("0.81")


async def test_before_the_plan_starts_the_editor_adds_no_hold(journal):
    app = app_with_plan(journal, TODAY + timedelta(days=7))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, "p")
        assert editor.query_one("#hold", Input).value == "0"
        assert not editor.query_one("#kept-hold").display


async def test_a_new_plan_over_one_under_way_holds_the_dose_taken_a_full_step(journal):
    """``n`` (New plan) while a plan is under way starts at today's dose like a re-plan does: the
    new plan's first cut is never on the day it is saved unless the hold is set to 0."""
    app = app_with_plan(journal, TODAY - timedelta(days=7))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot, "n")
        assert editor.query_one("#dose", Input).value == "0.9"
        assert editor.query_one("#hold", Input).value == "14"
        assert "held 14 days (one step) before the first cut" in str(editor.query_one("#kept-hold").render())
        assert editor.plan is not None and editor.plan.steps[0].dose_mg == Decimal("0.9")
        assert editor.plan.steps[1].start == TODAY + timedelta(days=14)
