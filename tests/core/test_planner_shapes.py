"""Lengthening for every method, the last dose before the stop, and the guideline pace check
(docs/DOMAIN.md §1, §3.3, §3.8)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.formulations import Liquid, RawIncrement, Tablet
from tui.core.plan_model import FAST_START, HOLD, INCREASE, LENGTHENED, SHORT_LAST, STOP, Method, Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.validation import ValidationError

from .test_planner import random_params

START = date(2027, 1, 4)


def params(**changes) -> PlanParams:
    base = dict(drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=RawIncrement.create("0.01"))
    base.update(changes)
    return PlanParams(**base)


def doses(plan: Plan) -> list[tuple[Decimal, int]]:
    return [(s.dose_mg, s.days) for s in plan.steps]


# ----- lengthen for every method ------------------------------------------------------------


def test_linear_with_lengthen_follows_its_line_to_the_end() -> None:
    """1 mg linear 0.1 mg/week at 0.25 mg steps used to stop while its own line was at 0.6 mg."""
    p = params(method=Method.LINEAR, linear_mg=Decimal("0.1"), step_days=7, formulation=Tablet.create("1", 4))
    plain, longer = build_plan(p), build_plan(params(**{**p.__dict__, "lengthen_steps": True}))
    assert [d for d, _ in doses(plain)] == [Decimal("0.75"), Decimal("0.5"), Decimal("0.25"), 0]
    # the line reaches 0 after 10 weeks; the first cut is on the start date
    assert doses(longer) == [
        (1, 14),
        (Decimal("0.75"), 14),
        (Decimal("0.5"), 21),
        (Decimal("0.25"), 21),  # the last dose: at least as long as the longest step before it
        (0, 1),
    ]
    ideal_end = START + timedelta(days=9 * 7)
    assert plain.end_date < ideal_end <= longer.end_date
    assert longer.steps[0].has(LENGTHENED) and longer.steps[-2].has(LENGTHENED)


def test_occupancy_with_lengthen_holds_each_half_tablet_until_the_curve_reaches_it() -> None:
    """20 mg in 8 occupancy steps with 5 mg half-tablets: 10 → 5 → 0 now in the curve's time."""
    p = params(
        drug="diazepam",
        dose_mg=Decimal(20),
        method=Method.OCCUPANCY,
        emax_pct=Decimal(91),
        ec50_mg=Decimal(3),
        occupancy_steps=8,
        formulation=Tablet.create("10", 2),
    )
    plain = build_plan(p)
    longer = build_plan(params(**{**p.__dict__, "lengthen_steps": True}))
    assert plain.end_date == START + timedelta(days=28)
    # ideal 9.1, 5.4 → 10 mg for two steps; 3.4, 2.3, 1.5, 0.8, 0.4 → 5 mg for five; then 0
    assert doses(longer) == [(10, 28), (5, 70), (0, 1)]
    assert longer.end_date == START + timedelta(days=7 * 14)


def test_the_last_dose_is_held_at_least_as_long_as_any_step_before_it() -> None:
    """0.5 %/day from 1 mg in 0.01 mg: 0.02 mg for months used to be followed by 0.01 mg for a day."""
    plan = build_plan(
        params(cut_pct=Decimal("0.5"), step_days=1, formulation=Liquid.create("1", "0.01"), lengthen_steps=True)
    )
    *_, before, last, stop = plan.steps
    assert (before.dose_mg, last.dose_mg, stop.dose_mg) == (Decimal("0.02"), Decimal("0.01"), 0)
    assert last.days >= before.days > 100
    assert not stop.has(SHORT_LAST)


def test_a_custom_list_that_shortens_the_last_dose_is_flagged() -> None:
    plan = build_plan(
        params(
            method=Method.CUSTOM,
            custom=((START, Decimal("0.5")), (date(2027, 1, 18), Decimal("0.25")), (date(2027, 1, 21), Decimal(0))),
            jump_off_mg=Decimal("0.25"),
        )
    )
    assert plan.steps[-1].has(SHORT_LAST)
    assert any("held 3 days, shorter than the step before it (14 days)" in w for w in plan.warnings())


def test_lengthen_on_a_custom_plan_is_said_not_ignored_silently() -> None:
    plan = build_plan(params(method=Method.CUSTOM, custom=((START, Decimal(1)),), lengthen_steps=True))
    assert any("Lengthening does not apply to custom" in w for w in plan.warnings())


def _ideal(p: PlanParams, k: int) -> Fraction:
    """The method's own curve after ``k`` periods, written out independently of the planner."""
    d0 = Fraction(p.dose_mg)
    if p.method is Method.LINEAR:
        cut = Fraction(p.linear_mg) if p.linear_mg is not None else d0 * Fraction(p.cut_pct) / 100
        return max(d0 - k * cut, Fraction(0))
    if p.method is Method.OCCUPANCY:
        emax, ec50 = Fraction(p.emax_pct), Fraction(p.ec50_mg)
        occ = emax * d0 / (ec50 + d0) * (1 - Fraction(min(k, p.occupancy_steps), p.occupancy_steps))
        return ec50 * occ / (emax - occ)
    return d0 * (1 - Fraction(p.cut_pct) / 100) ** k


@settings(max_examples=120, deadline=None)
@given(random_params().map(lambda p: PlanParams(**{**p.__dict__, "lengthen_steps": True})))
def test_with_lengthen_no_day_is_below_the_curve_and_the_end_is_never_early(p: PlanParams) -> None:
    try:
        plan = build_plan(p)
    except ValidationError as error:  # a lengthened line of tiny cuts can outlast a century: refused
        assert "100 years" in str(error)
        return
    first_cut = p.start + timedelta(days=p.hold_days)
    floor = Fraction(p.target_mg) if p.target_mg > 0 else Fraction(p.jump_off_mg or 0)
    previous = Fraction(p.dose_mg)
    for index, step in enumerate(plan.steps):
        assert p.formulation.units_of(step.dose_exact) == step.units  # measurable
        assert step.dose_exact <= previous and not step.has(INCREASE)  # never up
        previous = step.dose_exact
        if step.has(STOP) or step.start < first_cut:
            continue  # the stop is the accepted last step (jump-off or one increment)
        k = (step.start - first_cut).days // p.step_days + 1
        k_end = (step.end - first_cut).days // p.step_days + 1
        assert step.dose_exact >= _ideal(p, k), f"step {index} below the curve"
        assert step.dose_exact >= _ideal(p, k_end) or index == len(plan.steps) - 1
    if p.method is not Method.PROPORTIONAL:
        k = 1
        while _ideal(p, k) > floor and k < 3000:
            k += 1
        assert plan.end_date >= first_cut + timedelta(days=(k - 1) * p.step_days)
    if plan.steps[-1].has(STOP) and len(plan.steps) >= 2 and not plan.steps[-2].has(HOLD):
        longest = max([p.step_days] + [s.days for s in plan.steps[:-2] if not s.has(HOLD)])
        assert plan.steps[-2].days >= longest
        assert not plan.steps[-1].has(SHORT_LAST)
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan


# ----- the guideline pace check and the largest cut -----------------------------------------


def test_ten_percent_weekly_is_flagged_faster_than_the_guideline_start() -> None:
    weekly = build_plan(params(cut_pct=Decimal(10), step_days=7))
    first = weekly.steps[0]
    assert first.has(FAST_START)
    assert "faster than the guideline's initial 5–10 % every 2–4 weeks" in next(
        f.text for f in first.flags if f.code == FAST_START
    )
    assert any("19 % per 2 weeks" in w for w in weekly.warnings())


@given(st.sampled_from([(10, 14), (5, 14), (10, 28), (5, 7), (10, 21)]))
def test_the_guideline_pace_itself_is_not_flagged(pace: tuple[int, int]) -> None:
    cut, every = pace
    plan = build_plan(params(cut_pct=Decimal(cut), step_days=every, formulation=RawIncrement.create("0.0001")))
    assert not any(s.has(FAST_START) for s in plan.steps)


def test_a_faster_start_after_a_hold_counts_from_the_first_cut() -> None:
    plan = build_plan(params(cut_pct=Decimal(10), step_days=10, hold_days=28))
    assert plan.steps[0].has(HOLD) and not plan.steps[0].has(FAST_START)
    assert plan.steps[1].has(FAST_START)


def test_the_largest_cut_summary_names_the_stop() -> None:
    plan = build_plan(params(formulation=Tablet.create("0.5", 4)))
    text = next(w for w in plan.warnings() if w.startswith("Some cuts"))
    assert (
        text == "Some cuts are above 10 % of the dose (largest 50 % before the stop; the stop from 0.125 mg is 100 %)."
    )
