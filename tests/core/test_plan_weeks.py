"""A micro-taper read by the week: every day of the plan in exactly one week, each week's first
and last doses the plan's own, and only plans of 1–3-day steps read that way."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tests.core.plan_builders import DAILY_HALF_PCT, START, liquid_params, liquid_plan
from tui.core.plan_model import Plan, Step
from tui.core.plan_weeks import is_micro_taper, plan_weeks


def steps_of(lengths: list[int], units: list[int]) -> tuple[Step, ...]:
    """Contiguous steps of the given lengths and daily units of 0.01 mg (one intake)."""
    steps = []
    start = START
    for length, unit in zip(lengths, units, strict=True):
        end = start + timedelta(days=length - 1)
        steps.append(Step(start, end, unit, Fraction(1, 100), (unit,), f"{unit} u", (f"{unit} u",), Decimal(0)))
        start = end + timedelta(days=1)
    return tuple(steps)


def plan_of(steps: tuple[Step, ...]) -> Plan:
    return Plan(liquid_params("1", "0.01"), steps)


@given(st.lists(st.tuples(st.integers(1, 20), st.integers(0, 500)), min_size=1, max_size=60))
def test_every_day_is_in_one_week_and_each_week_starts_and_ends_on_the_plans_doses(shape):
    steps = steps_of([length for length, _ in shape], [unit for _, unit in shape])
    plan = plan_of(steps)
    weeks = plan_weeks(steps)
    day = START
    for week in weeks:
        assert week.start == day and (week.end - week.start).days <= 6
        assert week.first == plan.step_on(week.start) and week.last == plan.step_on(week.end)
        assert list(week.steps) == [s for s in steps if s.start <= week.end and s.end >= week.start]
        day = week.end + timedelta(days=1)
    assert day == steps[-1].end + timedelta(days=1)
    assert all((w.end - w.start).days == 6 for w in weeks[:-1])


def test_a_weeks_cut_is_from_the_dose_before_it_and_flags_are_listed_once():
    steps = steps_of([3, 3, 3, 3, 3, 1], [100, 99, 98, 97, 96, 0])
    first, second, third = plan_weeks(steps)
    assert (first.first.units, first.last.units, first.cut_pct) == (100, 98, Decimal("2.0"))
    assert (second.first.units, second.last.units, second.cut_pct) == (98, 96, Decimal("2.0"))
    assert (third.first.units, third.last.units, third.cut_pct) == (96, 0, Decimal("100.0"))


def test_only_plans_of_one_to_three_day_steps_read_by_the_week():
    assert is_micro_taper(steps_of([14, 1, 1, 1, 1, 1, 30], [9, 8, 7, 6, 5, 4, 0]))  # a hold aside
    assert not is_micro_taper(steps_of([7, 7, 7, 1], [3, 2, 1, 0]))
    assert not is_micro_taper(steps_of([1, 1], [1, 0]))  # too short to need weeks
    assert not is_micro_taper(steps_of([3, 30, 1], [2, 1, 0]))  # a few dated doses, each length once
    half_pct_a_day = liquid_plan("0.1", "0.01", **DAILY_HALF_PCT, jump_off_mg=Decimal("0.05"))
    assert is_micro_taper(half_pct_a_day.steps)
    weekly = liquid_plan("0.1", "0.01")
    assert not is_micro_taper(weekly.steps)


def lengthened_half_pct_a_day() -> Plan:
    """0.5 % a day from 1 mg of a 1 mg/mL liquid at 0.01 mL, lengthened: cuts every 2–3 days at
    first, then ever longer steps as one 0.01 mg cut becomes a bigger share of a lower dose."""
    return liquid_plan("1", "0.01", **DAILY_HALF_PCT, lengthen_steps=True)


def test_a_lengthened_daily_micro_taper_reads_by_the_week():
    plan = lengthened_half_pct_a_day()
    lengths = [step.days for step in plan.steps[:-1]]
    assert sum(length <= 3 for length in lengths) > 30 and max(lengths) > 100  # its long tail
    assert is_micro_taper(plan.steps)


@given(
    st.lists(st.integers(1, 3), min_size=4, max_size=40),
    st.lists(st.integers(4, 200), max_size=60),
)
def test_a_lengthened_tail_does_not_change_how_a_micro_taper_reads(short, tail):
    """Lengthening stretches the low-dose end of a micro-taper into steps of ever more days; however
    many, each length is rarer than the pace the plan's cuts keep, so the plan still reads by week."""
    commonest = max(short.count(length) for length in set(short))
    tail = [length for length in tail if tail.count(length) < commonest]
    lengths = [*short, *tail, 1]
    steps = steps_of(lengths, list(range(len(lengths), 0, -1)))
    assert is_micro_taper(steps)
