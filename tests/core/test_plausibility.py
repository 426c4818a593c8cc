"""Plausibility: a dose far above the plan, the day before or the label is named before it is saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import RawIncrement
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.plausibility import MARGIN_PCT, day_dose_warnings, dose_warnings, labelled_maximum
from tui.core.settings import Settings, planned_intakes

DAY = date(2027, 3, 15)
PLAN_1MG = (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))


def day(*intakes: Intake) -> DayEntry:
    return DayEntry(day=DAY, intakes=intakes)


def test_an_intake_far_above_its_planned_dose_is_named_with_its_time_and_ratio():
    warnings = dose_warnings(day(Intake(Decimal("0.5"), "08:00"), Intake(Decimal(6), "20:00")), PLAN_1MG)
    assert "20:00 intake 6 mg is 12× the planned 0.5 mg" in warnings
    assert "the day's total 6.5 mg is 6.5× the planned 1 mg" in warnings


def test_doses_as_planned_or_a_little_above_raise_nothing():
    assert dose_warnings(day(*PLAN_1MG), PLAN_1MG) == []
    # 25 % above is the margin itself: a measuring slip, not a typo.
    assert dose_warnings(day(Intake(Decimal("0.625"), "08:00"), Intake(Decimal("0.5"), "20:00")), PLAN_1MG) == []
    assert MARGIN_PCT == 25


def test_just_over_the_margin_is_named_in_percent():
    warnings = dose_warnings(day(Intake(Decimal("0.7"), "08:00"), Intake(Decimal("0.5"), "20:00")), PLAN_1MG)
    assert warnings == ["08:00 intake 0.7 mg is 40 % above the planned 0.5 mg"]


def test_an_intake_with_no_time_is_compared_with_the_largest_planned_intake():
    warnings = dose_warnings(day(Intake(Decimal(5))), PLAN_1MG)
    assert "intake 5 mg (no time) is 10× the planned 0.5 mg" in warnings


def test_without_a_plan_the_day_before_is_the_reference():
    before = DayEntry(day=date(2027, 3, 14), intakes=(Intake(Decimal("0.5"), "08:00"),))
    warnings = dose_warnings(day(Intake(Decimal(60))), (), day_before=before)
    assert warnings[0] == "the day's total 60 mg is 120× the day before (0.5 mg)"
    assert dose_warnings(day(Intake(Decimal("0.5"))), (), day_before=before) == []


def test_no_plan_and_no_day_before_leaves_only_the_label():
    assert dose_warnings(day(Intake(Decimal(3))), ()) == []
    warnings = dose_warnings(day(Intake(Decimal(30))), (), drug="Klonopin")
    assert warnings == [
        "the day's total 30 mg is above the labelled maximum for clonazepam (20 mg a day, US label, seizure disorders)"
    ]


def test_a_day_the_plan_sets_to_zero():
    planned = (Intake(Decimal(0), "08:00"),)
    assert dose_warnings(day(Intake(Decimal("0.25"), "08:00")), planned) == [
        "08:00 intake 0.25 mg is above the planned 0 mg",
        "the day's total 0.25 mg is above the planned 0 mg",
    ]


def test_labelled_maximum_knows_its_source():
    maximum = labelled_maximum("clonazepam")
    assert maximum is not None and maximum.mg == Decimal(20) and "label" in maximum.source
    assert labelled_maximum("some new drug") is None


def test_planned_intakes_come_from_the_plan_step_and_the_times():
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 3, 1),
        dose_mg=Decimal(1),
        formulation=RawIncrement.create(Decimal("0.01")),
        split=(Decimal("0.5"), Decimal("0.5")),
        hold_days=14,
    )
    plan: Plan = build_plan(params)
    assert planned_intakes(plan, Settings(intake_times=("08:00", "20:00")), date(2027, 3, 2)) == PLAN_1MG
    assert planned_intakes(plan, Settings(), date(2027, 3, 2)) == (Intake(Decimal("0.5")), Intake(Decimal("0.5")))
    assert planned_intakes(None, Settings(intake_times=("08:00",)), DAY) == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=5, places=3), min_size=1, max_size=4))
def test_taking_exactly_the_plan_never_warns(amounts):
    planned = tuple(Intake(mg, f"{8 + i:02d}:00") for i, mg in enumerate(amounts))
    assert dose_warnings(day(*planned), planned, drug="clonazepam") == []


def test_a_day_before_the_plan_is_compared_with_its_first_day():
    """Seen: the plan starts today at 1.5 mg a day; 5 mg logged for yesterday was saved unasked."""
    params = PlanParams(
        drug="clonazepam",
        start=DAY,
        dose_mg=Decimal("1.5"),
        formulation=RawIncrement.create(Decimal("0.01")),
        split=(Decimal("0.75"), Decimal("0.75")),
        hold_days=14,
    )
    plan = build_plan(params)
    times = Settings(intake_times=("08:00", "20:00"))
    yesterday = DAY - timedelta(days=1)
    typo = DayEntry(day=yesterday, intakes=(Intake(Decimal("0.75"), "08:00"), Intake(Decimal(5), "20:00")))
    warnings = day_dose_warnings(typo, plan, times, lambda: None)
    assert "20:00 intake 5 mg is 6.7× the 0.75 mg planned for the plan's first day (2027-03-15)" in warnings
    assert "the day's total 5.75 mg is 3.8× the 1.5 mg planned for the plan's first day (2027-03-15)" in warnings
    usual = DayEntry(day=yesterday, intakes=(Intake(Decimal("0.75"), "08:00"), Intake(Decimal("0.75"), "20:00")))
    assert day_dose_warnings(usual, plan, times, lambda: None) == []


def test_with_no_plan_the_day_before_is_the_reference_and_read_only_then():
    before = DayEntry(day=DAY - timedelta(days=1), intakes=(Intake(Decimal("0.5")),))
    reads: list[date] = []

    def day_before() -> DayEntry:
        reads.append(before.day)
        return before

    warnings = day_dose_warnings(day(Intake(Decimal(5))), None, Settings(), day_before)
    assert warnings == ["the day's total 5 mg is 10× the day before (0.5 mg)"]
    assert reads == [before.day]
