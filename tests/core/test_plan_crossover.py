"""A crossover to another drug in stages, then its taper (docs/DOMAIN.md §3.12): the published
worked examples, the properties every crossover keeps, and the stored form."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.exchange.crossover_plans import crossover_params, crossover_plan
from tui.core.drugs import ASHTON, VA_DOD, equivalence_source, equivalent_mg
from tui.core.formulations import Formulation, Liquid, RawIncrement, Tablet
from tui.core.intake_text import step_daily_total, step_intakes
from tui.core.plan_changes import PlanChangeError, slow_down
from tui.core.plan_crossover import crossover_ratio
from tui.core.plan_model import IntakeOrder, Method, Plan, PlanParams, Step
from tui.core.planner import build_plan
from tui.core.step_drugs import (
    step_daily_totals,
    step_diazepam,
    step_drug_totals,
    step_intake_texts,
    timed_step_intakes,
)
from tui.core.validation import ValidationError

START = date(2027, 1, 4)
D = Decimal


def _in_new_drug(plan: Plan, step: Step) -> Fraction:
    """The step's day in mg of the drug crossed over to (the ≈ total the crossover keeps level)."""
    ratio = crossover_ratio(plan.params)
    own = step.dose_exact if step.drug else step.dose_exact * ratio
    return own + (step.also.units * step.also.formulation.increment if step.also else 0)


def test_ashton_clonazepam_1mg_to_diazepam_20mg_in_four_stages() -> None:
    """Ashton: clonazepam 0.5 mg ≈ diazepam 10 mg, so 0.25 mg ↔ 5 mg a stage, the evening first."""
    plan = crossover_plan(START)
    stages = plan.steps[:4]
    assert [s.intake_mg for s in stages[:3]] == [(D("0.5"), D("0.25")), (D("0.5"), D(0)), (D("0.25"), D(0))]
    assert [s.also.intake_mg for s in stages[:3] if s.also] == [(D(0), D(5)), (D(0), D(10)), (D(5), D(10))]
    assert stages[3].drug == "diazepam" and stages[3].intake_mg == (D(10), D(10)) and stages[3].also is None
    assert [(s.start, s.days) for s in stages] == [(START + timedelta(days=7 * i), 7) for i in range(4)]
    assert all(_in_new_drug(plan, s) == 20 for s in stages)
    assert all(s.cut_pct == 0 and f"stage {i} of 4" in s.note for i, s in enumerate(stages, 1))
    # Then the taper goes on in diazepam, from 20 mg, in its own form.
    taper = plan.steps[4:]
    assert all(s.drug == "diazepam" and plan.formulation_of(s) == Tablet.create("5", "2") for s in taper)
    assert taper[0].dose_mg < 20 and taper[-1].dose_mg == 0
    assert (
        stages[0].intake_doses == ("1 tab", "½ tab")
        and stages[0].also
        and stages[0].also.intake_doses
        == (
            "0 tab",
            "1 tab",
        )
    )


def test_nhs_scotland_lorazepam_to_diazepam_then_morning_first() -> None:
    """NHS Scotland: lorazepam 1 mg bd → diazepam 10 mg bd (the night dose first), then the
    morning dose 9, 8 … stop while the night dose stays 10, then the night dose 9 … stop."""
    plan = build_plan(
        PlanParams(
            drug="lorazepam",
            start=START,
            dose_mg=D(2),
            formulation=Tablet.create("1", "1"),
            split=(D(1), D(1)),
            crossover_to="diazepam",
            crossover_stages=2,
            crossover_every=7,
            crossover_formulation=Tablet.create("2", "2"),
            method=Method.LINEAR,
            linear_mg=D(1),
            order=IntakeOrder.SEQUENTIAL,
            cut_first=0,
            step_days=14,
        )
    )
    first, second = plan.steps[:2]
    assert first.intake_mg == (D(1), D(0)) and first.also and first.also.intake_mg == (D(0), D(10))
    assert second.drug == "diazepam" and second.intake_mg == (D(10), D(10))
    intakes = [s.intake_mg for s in plan.steps[2:]]
    morning_first = [(D(m), D(10)) for m in range(9, -1, -1)]
    night_next = [(D(0), D(n)) for n in range(9, -1, -1)]
    assert intakes == morning_first + night_next


def test_va_dod_doubles_the_clonazepam_figure() -> None:
    """VA/DoD: clonazepam 1 mg ≈ diazepam 10 mg, so 1 mg clonazepam becomes 10 mg diazepam."""
    plan = build_plan(crossover_params(START, equivalence="va-dod"))
    assert plan.steps[3].intake_mg == (D(5), D(5))
    assert equivalence_source("VA/DoD") == VA_DOD and equivalence_source("ashton") == ASHTON
    assert equivalent_mg("Valium", VA_DOD) == D(10) and equivalent_mg("buspirone", ASHTON) is None


def test_a_partly_replaced_intake_is_rounded_down_within_one_increment() -> None:
    """Temazepam 15 mg (Ashton 20 ≈ 10 diazepam) → 7.5 mg diazepam with 0.5 mg steps: a stage of
    5 mg temazepam is 2.5 mg diazepam; a stage that cannot be exact rounds down, never up."""
    plan = build_plan(
        PlanParams(
            drug="temazepam",
            start=START,
            dose_mg=D(15),
            formulation=RawIncrement.create("1"),
            crossover_to="diazepam",
            crossover_stages=2,
            crossover_formulation=RawIncrement.create("0.5"),
        )
    )
    first = plan.steps[0]
    assert first.intake_mg == (D(7),) and first.also and first.also.intake_mg == (D(4),)  # 8 × ½ = 4 exactly
    assert plan.steps[1].intake_mg == (D("7.5"),)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"crossover_to": "buspirone"}, "crossover-to"),
        ({"crossover_to": "Klonopin"}, "crossover-to"),
        ({"crossover_stages": 1}, "crossover-stages"),
        ({"crossover_stages": 5}, "crossover-stages"),  # 0.5 mg in 3 parts of ¼ tablets: impossible
        ({"crossover_every": 0}, "crossover-every"),
        ({"crossover_formulation": None}, "crossover-form"),
        ({"crossover_formulation": Tablet.create("4", "1")}, "crossover-form"),
        ({"equivalence": "bnf"}, "equivalence"),
        ({"crossover_first": 2}, "crossover-first"),
    ],
)
def test_a_crossover_that_cannot_be_measured_is_refused_naming_the_field(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        build_plan(crossover_params(START, **changes))
    assert raised.value.field == field


def test_the_record_round_trips_and_a_plan_without_a_crossover_is_written_as_before() -> None:
    plan = crossover_plan(START)
    record = json.loads(json.dumps(plan.to_record()))
    assert Plan.from_record(record) == plan
    assert record["params"]["crossover"]["to"] == "diazepam"
    assert "drug" not in record["steps"][0] and "also" in record["steps"][0]
    assert record["steps"][3]["drug"] == "diazepam" and "also" not in record["steps"][3]
    plain = build_plan(crossover_params(START, crossover_to="", crossover_formulation=None)).to_record()
    assert "crossover" not in plain["params"]
    assert not any("drug" in s or "also" in s for s in plain["steps"])


def test_a_malformed_second_drug_is_refused() -> None:
    record = crossover_plan(START).to_record()
    record["steps"][0]["also"]["intake_units"] = [1]
    with pytest.raises(ValidationError):
        Plan.from_record(record)
    record["steps"][0]["also"] = "diazepam"
    with pytest.raises(ValidationError):
        Plan.from_record(record)
    record = crossover_plan(START).to_record()
    record["params"]["crossover"] = {"to": ""}
    with pytest.raises(ValidationError):
        Plan.from_record(record)


FORMS: list[Formulation] = [
    Tablet.create("0.5", "2"),
    Tablet.create("0.5", "4"),
    Liquid.create("0.1", "0.1"),
    RawIncrement.create("0.05"),
]
NEW_FORMS: list[Formulation] = [Tablet.create("2", "2"), Tablet.create("5", "2"), Liquid.create("1", "0.1")]


@settings(max_examples=150, deadline=None)
@given(
    drug=st.sampled_from(["clonazepam", "alprazolam", "lorazepam"]),
    form=st.sampled_from(FORMS),
    new_form=st.sampled_from(NEW_FORMS),
    units=st.lists(st.integers(0, 8), min_size=1, max_size=3),
    stages=st.integers(1, 8),
    every=st.integers(1, 14),
    equivalence=st.sampled_from(["ashton", "va-dod"]),
    first=st.none() | st.integers(0, 2),
    method=st.sampled_from([Method.PROPORTIONAL, Method.LINEAR]),
)
def test_crossover_properties(
    drug: str,
    form: Formulation,
    new_form: Formulation,
    units: list[int],
    stages: int,
    every: int,
    equivalence: str,
    first: int | None,
    method: Method,
) -> None:
    """Every dose measurable in its own drug's form; ≈ the new drug's daily total level across the
    crossover within one increment of its form (never above the level before it); after it, never
    above the step before; one intake changes at a time."""
    assume(sum(units) > 0 and (first is None or first < len(units)))
    split = tuple(form.mg(u) for u in units)
    params = PlanParams(
        drug=drug,
        start=START,
        dose_mg=sum(split, D(0)),
        formulation=form,
        split=split if len(split) > 1 else (),
        method=method,
        cut_pct=D(20),
        crossover_to="diazepam",
        crossover_stages=stages,
        crossover_every=every,
        crossover_first=first,
        equivalence=equivalence,
        crossover_formulation=new_form,
    )
    try:
        plan = build_plan(params)
    except ValidationError as error:
        assert error.field.startswith("crossover") or error.field in ("equivalence", "cut")
        return
    level = Fraction(params.dose_mg) * crossover_ratio(params)
    crossing = [s for s in plan.steps if s.also is not None or "crossover stage" in s.note]
    assert len(crossing) == stages
    for step in crossing:
        total = _in_new_drug(plan, step)
        assert level - new_form.increment < total <= level
    previous_intakes = units
    for step in crossing[:-1]:
        assert step.also is not None
        changed = [i for i, (a, b) in enumerate(zip(previous_intakes, step.intake_units, strict=True)) if a != b]
        assert len(changed) == 1
        previous_intakes = list(step.intake_units)
    for step in plan.steps:
        own = plan.formulation_of(step)
        assert all(own.is_measurable(mg) for mg in step.intake_mg)
        if step.also is not None:
            assert all(step.also.formulation.is_measurable(mg) for mg in step.also.intake_mg)
    after = plan.steps[plan.steps.index(crossing[-1]) :]
    assert all(s.drug == "diazepam" for s in after)
    assert all(b.dose_exact <= a.dose_exact for a, b in pairwise(after))
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan


def test_a_slower_pace_after_the_crossover_keeps_each_stage_in_its_own_drug() -> None:
    plan = crossover_plan(START)
    at = datetime(2027, 1, 1, 9, 0)
    with pytest.raises(PlanChangeError, match="crossover to diazepam is not complete"):
        slow_down(plan, D(5), START + timedelta(days=8), at)
    slower, _ = slow_down(plan, D(5), plan.steps[4].start, at)
    assert slower.params.drug == "diazepam" and not slower.params.crosses_over
    assert [slower.drug_of(s) for s in slower.steps[:3]] == ["clonazepam"] * 3
    assert slower.steps[0].also == plan.steps[0].also
    assert slower.formulation_of(slower.steps[0]) == Tablet.create("0.5", "2")
    assert slower.steps[4] == replace(plan.steps[4], drug="")
    assert all(slower.drug_of(s) == "diazepam" and s.drug == "" for s in slower.steps[3:])
    # 5 % of 17.5 mg of diazepam, in 2.5 mg steps: one increment, flagged (the pace is of the new drug).
    assert slower.steps[5].dose_mg == D(15) and slower.steps[5].ideal_mg == D("16.6250")
    assert Plan.from_record(json.loads(json.dumps(slower.to_record()))) == slower


def test_every_intake_names_its_drugs_and_the_day_its_diazepam() -> None:
    plan = crossover_plan(START)
    first, last_stage, taper = plan.steps[0], plan.steps[3], plan.steps[4]
    assert step_intake_texts(plan, first) == (
        "clonazepam 0.5 mg = 1 tab",
        "clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab",
    )
    assert step_intake_texts(plan, last_stage) == ("diazepam 10 mg = 2 tab", "diazepam 10 mg = 2 tab")
    assert step_drug_totals(plan, first) == "clonazepam 0.75 mg + diazepam 5 mg"
    assert step_drug_totals(plan, taper) == "diazepam 17.5 mg"
    assert [step_diazepam(plan, s).diazepam_mg for s in plan.steps[:5]] == [D(20)] * 4 + [D("17.5")]  # type: ignore[union-attr]
    assert step_diazepam(plan, first).source == ASHTON  # type: ignore[union-attr]
    plain = build_plan(crossover_params(START, crossover_to="", crossover_formulation=None, hold_days=7))
    assert step_intake_texts(plain, plain.steps[0]) == ("0.5 mg = 1 tab", "0.5 mg = 1 tab")
    assert step_drug_totals(plain, plain.steps[0]) == "1 mg = 2 tab"


def test_timed_intakes_and_daily_totals_name_each_drug() -> None:
    plan = crossover_plan(START)
    assert timed_step_intakes(plan, plan.steps[0], ("08:00", "20:00")) == (
        "08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab"
    )
    assert timed_step_intakes(plan, plan.steps[0], ("08:00",)).startswith("clonazepam 0.5 mg = 1 tab · ")
    assert step_daily_totals(plan, plan.steps[0]) == "daily total clonazepam 0.75 mg + diazepam 5 mg"
    plain = build_plan(crossover_params(START, crossover_to="", crossover_formulation=None, hold_days=7))
    assert timed_step_intakes(plain, plain.steps[0], ("08:00", "20:00")) == step_intakes(
        plain.steps[0], ("08:00", "20:00")
    )
    assert step_daily_totals(plain, plain.steps[0]) == step_daily_total(plain.steps[0])
