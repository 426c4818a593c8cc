"""How long a re-plan holds the dose being taken before its first cut (docs/DOMAIN.md §2, Dates)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from tui.core.formulations import RawIncrement
from tui.core.plan_changes import replan_hold_days
from tui.core.plan_model import Method, PlanParams
from tui.core.planner import build_plan

START = date(2027, 3, 8)
PARAMS = PlanParams(drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=RawIncrement.create("0.01"))


def test_one_full_step_once_the_plan_has_started_none_before() -> None:
    plan = build_plan(PARAMS)
    slower = replace(PARAMS, step_days=28)
    assert replan_hold_days(plan, START + timedelta(days=7), slower) == 28
    assert replan_hold_days(plan, START, PARAMS) == 14
    assert replan_hold_days(plan, START - timedelta(days=1), PARAMS) == 0


def test_a_running_hold_keeps_its_days_left() -> None:
    plan = build_plan(replace(PARAMS, hold_days=21))
    assert replan_hold_days(plan, START + timedelta(days=10), PARAMS) == 11


def test_a_custom_list_and_a_crossover_take_their_dates_as_given() -> None:
    plan = build_plan(PARAMS)
    day = START + timedelta(days=7)
    custom = replace(PARAMS, method=Method.CUSTOM, custom=((day, Decimal("0.8")),))
    assert replan_hold_days(plan, day, custom) == 0
    assert replan_hold_days(plan, day, replace(PARAMS, crossover_to="diazepam")) == 0
