"""The 25 %-in-14-days ceiling across a change of drug compares ≈ diazepam, never raw mg
(docs/DOMAIN.md §3.4, §3.12): 0.5 mg of clonazepam and 10 mg of diazepam are the same day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.crossover_plans import crossover_params
from tui.core.formulations import Tablet
from tui.core.plan_changes import hold, replan
from tui.core.plan_model import Plan, PlanFlag, PlanParams
from tui.core.planner import build_plan
from tui.core.step_drugs import step_diazepam

START = date(2027, 3, 8)


def _rounding_crossover() -> Plan:
    """Clonazepam 0.5 mg bd (¼ tablets) → diazepam 2 mg tablets in 8 weekly stages: each part-way
    stage is rounded down to whole 2 mg tablets, so it is level within one tablet (never 25 %)."""
    return build_plan(
        crossover_params(
            START,
            formulation=Tablet.create("0.5", "4"),
            crossover_stages=8,
            crossover_formulation=Tablet.create("2", "1"),
            step_days=7,
        )
    )


def _flagged(plan: Plan) -> list[date]:
    return [step.start for step in plan.steps if step.has(PlanFlag.OVER_25_IN_14)]


def test_a_level_crossover_held_partway_is_not_flagged() -> None:
    plan = _rounding_crossover()
    stages = [step for step in plan.steps if step.also is not None]
    assert all(Decimal("18.5") <= step_diazepam(plan, step).diazepam_mg <= 20 for step in stages)  # type: ignore[union-attr]
    held, _ = hold(plan, 3, START, datetime(2027, 3, 8, 9))
    crossing = [step.start for step in held.steps if step.also is not None]
    assert not set(_flagged(held)) & set(crossing)


def _clonazepam_plan() -> Plan:
    return build_plan(
        PlanParams(
            drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=Tablet.create("0.5", "4"), step_days=14
        )
    )


def _to_diazepam(dose: str, day: date) -> PlanParams:
    return PlanParams(
        drug="diazepam",
        start=day,
        dose_mg=Decimal(dose),
        formulation=Tablet.create("2", "1"),
        step_days=7,
        hold_days=7,
    )


def test_a_switch_to_diazepam_that_cuts_over_25_pct_is_flagged_not_called_an_increase() -> None:
    plan = _clonazepam_plan()  # 0.875 mg clonazepam ≈ 17.5 mg diazepam from 2027-03-08
    day = date(2027, 3, 15)
    changed, _ = replan(plan, _to_diazepam("12", day), day, datetime(2027, 3, 15, 9))
    first = changed.step_on(day)
    assert first is not None and changed.drug_of(first) == "diazepam"
    assert not first.has(PlanFlag.INCREASE)
    assert first.has(PlanFlag.OVER_25_IN_14)  # 12 mg is 31 % below ≈ 17.5 mg
    assert changed.confirmations_needed()


def test_a_level_switch_to_diazepam_is_neither_a_cut_nor_an_increase() -> None:
    plan = _clonazepam_plan()
    day = date(2027, 3, 15)
    changed, _ = replan(plan, _to_diazepam("18", day), day, datetime(2027, 3, 15, 9))
    first = changed.step_on(day)
    assert first is not None and first.cut_pct < 0  # 18 mg is above ≈ 17.5 mg: a stated rise …
    assert not first.has(PlanFlag.OVER_25_IN_14)
    assert "Dose goes up by 2.9 %" in " ".join(flag.text for flag in first.flags)  # … of ≈ 0.5 mg, not 1,957 %


def test_a_fast_diazepam_taper_after_a_re_planned_switch_is_flagged() -> None:
    plan = _clonazepam_plan()
    day = date(2027, 3, 15)
    fast = PlanParams(
        drug="diazepam",
        start=day,
        dose_mg=Decimal(18),
        formulation=Tablet.create("2", "1"),
        step_days=3,
        cut_pct=Decimal(15),
    )
    changed, _ = replan(plan, fast, day, datetime(2027, 3, 15, 9))
    assert _flagged(changed), "18 → 16 → 14 → 12 mg within 14 days is more than 25 % ≈ diazepam"


def test_a_crossover_then_a_fast_diazepam_taper_is_flagged_and_the_stages_are_not() -> None:
    fast = build_plan(
        PlanParams(
            drug="clonazepam",
            start=START,
            dose_mg=Decimal(1),
            formulation=Tablet.create("0.5", "2"),
            split=(Decimal("0.5"), Decimal("0.5")),
            crossover_to="diazepam",
            crossover_stages=2,
            crossover_every=7,
            crossover_formulation=Tablet.create("5", "2"),
            step_days=7,
            cut_pct=Decimal(40),
        )
    )
    flagged = _flagged(fast)
    assert flagged and all(fast.drug_of(fast.step_on(day)) == "diazepam" for day in flagged)  # type: ignore[arg-type]
    held, _ = hold(fast, 2, START, datetime(2027, 3, 8, 9))
    assert _flagged(held) and all(held.step_on(day).also is None for day in _flagged(held))  # type: ignore[union-attr]


def test_the_pace_check_reads_the_taper_after_the_crossover_not_its_stages() -> None:
    plan = build_plan(replace(_rounding_crossover().params, cut_pct=Decimal(10)))
    paced = [step for step in plan.steps if step.has(PlanFlag.FAST_START)]
    assert len(paced) == 1 and paced[0].also is None and plan.drug_of(paced[0]) == "diazepam"
    assert paced[0].dose_mg == 18  # 20 → 18 → 16 mg in 14 days: 20 % per 2 weeks, above the guideline's 10 %


@settings(max_examples=40, deadline=None)
@given(
    stages=st.integers(min_value=2, max_value=8),
    every=st.integers(min_value=1, max_value=14),
    held=st.integers(min_value=1, max_value=20),
    on=st.integers(min_value=0, max_value=40),
)
def test_no_stage_of_a_level_crossover_needs_confirmation_however_it_is_held(
    stages: int, every: int, held: int, on: int
) -> None:
    plan = build_plan(replace(_rounding_crossover().params, crossover_stages=stages, crossover_every=every))
    assert not [day for day in _flagged(plan) if plan.step_on(day).also is not None]  # type: ignore[union-attr]
    day = START + timedelta(days=on)
    if plan.step_index_on(day) == len(plan.steps) - 1:
        return  # nothing later to hold back
    changed, _ = hold(plan, held, day, datetime(2027, 3, 8, 9), on=day)
    stages_flagged = [d for d in _flagged(changed) if changed.step_on(d).also is not None]  # type: ignore[union-attr]
    assert not stages_flagged
