"""The planner against docs/DOMAIN.md §2 worked vectors, §3's rounding rules, and random plans."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.formulations import Drops, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.plan_model import (
    ABOVE_PLANNED,
    HOLD,
    LENGTHENED,
    LINEAR,
    ONE_INCREMENT,
    OVER_10,
    OVER_25_IN_14,
    STOP,
    STOP_ABOVE_JUMP_OFF,
    TARGET,
    TOO_COARSE,
    Method,
    Plan,
    PlanParams,
)
from tui.core.planner import build_plan
from tui.core.validation import ValidationError

START = date(2027, 1, 4)


def params(**changes) -> PlanParams:
    base = dict(drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=RawIncrement.create("0.01"))
    base.update(changes)
    return PlanParams(**base)


# ----- docs/DOMAIN.md §2 worked vectors ----------------------------------------------------


def test_exact_proportional_sequence() -> None:
    plan = build_plan(params(formulation=RawIncrement.create("0.0001"), cut_pct=Decimal(10)))
    ideal = [step.ideal_mg for step in plan.steps]
    assert [round(x, 3) for x in ideal[:10]] == [
        Decimal(v) for v in ("0.900", "0.810", "0.729", "0.656", "0.590", "0.531", "0.478", "0.430", "0.387", "0.349")
    ]
    # ≤ 0.10 mg after 22 cuts and ≤ 0.025 mg after 36 cuts on the ideal curve
    assert ideal[20] > Decimal("0.1") >= ideal[21]
    assert Fraction(9, 10) ** 35 > Fraction(25, 1000) >= Fraction(9, 10) ** 36  # exact
    assert ideal[34] >= Decimal("0.025") > ideal[35]  # as shown, to 4 places
    # the measurable doses follow it exactly while the increment allows
    assert [s.dose_mg for s in plan.steps[:4]] == [Decimal(v) for v in ("0.9", "0.81", "0.729", "0.6561")]
    assert plan.steps[4].dose_mg == Decimal("0.5905")  # 0.59049 rounded up, never down


def test_quarter_tablet_collapse_is_flagged() -> None:
    plan = build_plan(params(formulation=Tablet.create("0.5", 4), cut_pct=Decimal(10)))
    assert [s.dose_mg for s in plan.steps] == [
        Decimal(v) for v in ("0.875", "0.75", "0.625", "0.5", "0.375", "0.25", "0.125", "0")
    ]
    assert [str(s.cut_pct) for s in plan.steps] == ["12.5", "14.3", "16.7", "20.0", "25.0", "33.3", "50.0", "100.0"]
    for step in plan.steps:
        assert {ONE_INCREMENT, ABOVE_PLANNED, OVER_10, TOO_COARSE} <= set(step.flag_codes)
    assert plan.steps[-1].has(STOP) and plan.steps[-1].has(STOP_ABOVE_JUMP_OFF)
    assert [s.has(OVER_25_IN_14) for s in plan.steps] == [False] * 5 + [True] * 3
    assert any("too coarse below 1.25 mg" in w for w in plan.warnings())
    assert plan.confirmations_needed()


def test_occupancy_ladder_close_to_domain_vector() -> None:
    plan = build_plan(
        params(
            drug="citalopram",
            dose_mg=Decimal(20),
            method=Method.OCCUPANCY,
            emax_pct=Decimal(91),
            ec50_mg=Decimal("3.0"),
            occupancy_steps=8,
            formulation=RawIncrement.create("0.0001"),
        )
    )
    expected = [Decimal(v) for v in ("9.1", "5.4", "3.4", "2.3", "1.5", "0.8", "0.4", "0")]
    doses = [s.dose_mg for s in plan.steps]
    assert len(doses) == 8 and doses[-1] == 0
    for got, want in zip(doses[:-1], expected[:-1], strict=True):
        assert abs(got - want) <= want * Decimal("0.1"), (got, want)
    # the ideal ladder is the formula itself: D_k = EC50·occ_k / (Emax − occ_k)
    occ0 = Fraction(91 * 20, 23)
    occ1 = occ0 * Fraction(7, 8)
    assert plan.steps[0].ideal_mg == round(Decimal(float(3 * occ1 / (91 - occ1))), 4)


# ----- docs/DOMAIN.md §3 rules -------------------------------------------------------------


def test_liquid_too_coarse_below_a_tenth_of_a_mg() -> None:
    plan = build_plan(params(formulation=Liquid.create("0.1", "0.1")))
    assert plan.params.coarse_below_mg == Decimal("0.1")
    assert plan.steps[0].unit_dose == "9 mL"
    coarse = [s for s in plan.steps if s.has(TOO_COARSE)]
    assert coarse and all(s.dose_mg < Decimal("0.1") for s in coarse)


def test_the_coarse_threshold_is_a_measurable_figure() -> None:
    """A 7.5 % cut with 0.01 mg steps is exact down to 0.1333… mg: say 0.14 mg, a dose one can draw up."""
    plan = build_plan(params(formulation=Liquid.create("0.1", "0.1"), cut_pct=Decimal("7.5")))
    assert plan.params.coarse_below_mg == Decimal("0.14")
    coarse = [f.text for s in plan.steps for f in s.flags if f.code == TOO_COARSE]
    assert coarse and "below 0.14 mg for a 7.5 % cut" in coarse[0]
    assert any("0.14 mg" in w for w in plan.warnings()) and not any("0.1333" in w for w in plan.warnings())


def test_hold_comes_first_and_dates_are_contiguous() -> None:
    plan = build_plan(params(hold_days=14, step_days=14))
    assert plan.steps[0].has(HOLD) and plan.steps[0].dose_mg == 1 and plan.steps[0].days == 14
    assert plan.steps[1].start == date(2027, 1, 18)
    assert plan.steps[-1].start == plan.steps[-1].end == plan.end_date


def test_jump_off_stop_needs_no_confirmation() -> None:
    plan = build_plan(params(formulation=Tablet.create("0.5", 4), dose_mg=Decimal("0.5"), jump_off_mg=Decimal("0.125")))
    last = plan.steps[-1]
    assert last.has(STOP) and not last.has(STOP_ABOVE_JUMP_OFF)
    assert not any("stops from" in reason for reason in plan.confirmations_needed())


def test_jump_off_stops_early() -> None:
    plan = build_plan(params(jump_off_mg=Decimal("0.5")))
    assert plan.steps[-2].dose_mg <= Decimal("0.5") < plan.steps[-3].dose_mg
    assert plan.steps[-1].dose_mg == 0 and not plan.steps[-1].has(STOP_ABOVE_JUMP_OFF)


def test_target_ends_the_plan_there() -> None:
    plan = build_plan(params(target_mg=Decimal("0.25")))
    assert plan.steps[-1].dose_mg == Decimal("0.25") and plan.steps[-1].has(TARGET)
    assert all(s.dose_mg > Decimal("0.25") for s in plan.steps[:-1])


def test_linear_is_flagged_and_split_intakes_measurable() -> None:
    plan = build_plan(
        params(
            method=Method.LINEAR,
            formulation=Tablet.create("0.5", 4),
            dose_mg=Decimal("0.5"),
            linear_mg=Decimal("0.125"),
            split=(Decimal("0.25"), Decimal("0.25")),
            cut_first=1,
        )
    )
    assert all(s.has(LINEAR) for s in plan.steps)
    assert any("Linear taper" in w for w in plan.warnings())
    assert plan.steps[0].intake_doses == ("½ tab", "¼ tab")
    assert plan.steps[0].intake_units == (2, 1)  # the second intake (cut_first=1) is cut first


def test_lengthen_instead_of_bigger_pace() -> None:
    plain = build_plan(params(formulation=Tablet.create("0.5", 4)))
    longer = build_plan(params(formulation=Tablet.create("0.5", 4), lengthen_steps=True))
    assert [s.dose_mg for s in plain.steps] == [s.dose_mg for s in longer.steps if s.dose_mg != 1]
    assert longer.end_date > plain.end_date


def test_custom_doses_are_taken_as_entered() -> None:
    plan = build_plan(
        params(
            method=Method.CUSTOM,
            drug="diazepam",
            dose_mg=Decimal(10),
            custom=((START, Decimal(9)), (date(2027, 1, 20), Decimal(8)), (date(2027, 2, 10), Decimal(0))),
            formulation=RawIncrement.create("0.5"),
        )
    )
    assert [(s.start, s.end, s.dose_mg) for s in plan.steps] == [
        (START, date(2027, 1, 19), 9),
        (date(2027, 1, 20), date(2027, 2, 9), 8),
        (date(2027, 2, 10), date(2027, 2, 10), 0),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"dose_mg": Decimal("1.1")}, "dose"),  # not measurable with ¼ of 0.5 mg
        ({"cut_pct": Decimal(0)}, "cut"),
        ({"step_days": 0}, "every"),
        ({"target_mg": Decimal(2)}, "target"),
        ({"split": (Decimal("0.5"), Decimal("0.25"))}, "split-doses"),
        ({"method": Method.OCCUPANCY}, "emax"),
        ({"cut_pct": Decimal("0.01"), "formulation": RawIncrement.create("0.0001")}, "cut"),
    ],
)
def test_bad_parameters_name_the_field(change, field) -> None:
    base = {"formulation": Tablet.create("0.5", 4)}
    base.update(change)
    with pytest.raises(ValidationError) as raised:
        build_plan(params(**base))
    assert raised.value.field == field


def test_record_round_trip_is_plain_json_with_decimal_strings() -> None:
    plan = build_plan(
        params(formulation=PowderScale.create("1", "120", "0.5"), hold_days=7, jump_off_mg=Decimal("0.05"))
    )
    record = plan.to_record()
    text = json.dumps(record)
    assert "e-" not in text.lower().replace("increment", "")
    assert Plan.from_record(json.loads(text)) == plan
    assert list(record) == ["version", "drug", "dose_before_mg", "params", "steps"]
    assert record["steps"][1]["dose_mg"] == "0.9" and record["steps"][1]["unit_dose"] == "216 mg powder"


def test_projection_names_its_source() -> None:
    projection = build_plan(params(hold_days=14)).projection()
    assert projection.start_mg == 1 and projection.final_mg == 0
    assert projection.total_days == (projection.end_date - START).days
    sources = {e.source: e.diazepam_mg for e in projection.diazepam}
    assert sources == {"Ashton Manual (2002)": 20, "VA/DoD guideline (2021)": 10}


def test_current_step_lookup() -> None:
    plan = build_plan(params(hold_days=14))
    assert plan.step_on(START - timedelta(days=1)) is None
    assert plan.step_on(START).has(HOLD)
    assert plan.step_on(date(2027, 1, 18)).dose_mg == Decimal("0.9")
    assert plan.step_on(date(2040, 1, 1)) == plan.steps[-1]
    assert plan.next_cut_on_or_after(START).start == date(2027, 1, 18)


# ----- random plans ------------------------------------------------------------------------

FORMS = st.sampled_from(
    [
        Tablet.create("0.5", 4),
        Tablet.create("1", 2),
        Liquid.create("0.1", "0.1"),
        Drops.create("0.1"),
        PowderScale.create("1", "120", "0.5"),
        RawIncrement.create("0.01"),
        RawIncrement.create("0.005"),
    ]
)


@st.composite
def random_params(draw) -> PlanParams:
    form = draw(FORMS)
    units = draw(st.integers(min_value=1, max_value=400))
    dose = form.mg(units)
    if not form.is_measurable(dose):  # only a scale can hit this; keep exact doses
        units = 240
        dose = form.mg(units)
    method = draw(st.sampled_from([Method.PROPORTIONAL, Method.PROPORTIONAL, Method.LINEAR, Method.OCCUPANCY]))
    target_units = draw(st.one_of(st.just(0), st.integers(min_value=0, max_value=max(0, units - 1))))
    jump = draw(st.one_of(st.none(), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2"), places=2)))
    return PlanParams(
        drug="clonazepam",
        start=START + timedelta(days=draw(st.integers(0, 400))),
        dose_mg=dose,
        formulation=form,
        method=method,
        cut_pct=draw(st.decimals(min_value=Decimal("2"), max_value=Decimal("60"), places=1)),
        step_days=draw(st.integers(1, 28)),
        hold_days=draw(st.integers(0, 28)),
        jump_off_mg=jump,
        target_mg=form.mg(target_units) if form.is_measurable(form.mg(target_units)) else Decimal(0),
        linear_mg=draw(
            st.one_of(st.none(), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.5"), places=2))
        ),
        emax_pct=Decimal(91),
        ec50_mg=Decimal(3),
        occupancy_steps=draw(st.integers(1, 12)),
        lengthen_steps=draw(st.booleans()),
    )


def _daily(plan: Plan) -> dict[date, Fraction]:
    doses = {}
    for step in plan.steps:
        day = step.start
        while day <= step.end:
            doses[day] = step.dose_exact
            day += timedelta(days=1)
    return doses


@settings(max_examples=150, deadline=None)
@given(random_params())
def test_random_plans_hold_every_rule(p: PlanParams) -> None:
    try:
        plan = build_plan(p)
    except ValidationError as error:  # a lengthened line of tiny cuts can outlast a century: refused
        assert p.lengthen_steps and "100 years" in str(error)
        return
    form, steps = p.formulation, plan.steps
    before = Fraction(p.dose_mg)
    daily = _daily(plan)
    cut = Fraction(p.cut_pct) / 100
    for index, step in enumerate(steps):
        previous = steps[index - 1].dose_exact if index else before
        # every dose (and every intake) measurable in the chosen form
        assert form.units_of(step.dose_exact) == step.units and sum(step.intake_units) == step.units
        # contiguous, no gap or overlap
        if index:
            assert step.start == steps[index - 1].end + timedelta(days=1)
        # never an increase; strictly decreasing except the hold / a lengthened step at the start dose
        assert step.dose_exact <= previous
        if step.dose_exact == previous:
            assert step.has(HOLD) or step.has(LENGTHENED)
        actual = (previous - step.dose_exact) / previous
        decreasing = step.dose_exact < previous
        # a flag exactly when its condition holds
        assert step.has(OVER_10) == (decreasing and actual > Fraction(1, 10))
        highest = max(daily.get(step.start - timedelta(days=k), before) for k in range(1, 15))
        assert step.has(OVER_25_IN_14) == (decreasing and step.dose_exact < highest * Fraction(3, 4))
        if p.method is Method.PROPORTIONAL:
            assert step.has(ABOVE_PLANNED) == (decreasing and actual > cut)
            assert step.has(TOO_COARSE) == (decreasing and previous * cut < form.increment)
            # rounding is up: without a one-increment or jump-off step no cut exceeds the plan
            if decreasing and not step.has(ONE_INCREMENT) and not step.has(STOP):
                assert actual <= cut
        assert step.has(STOP) == (decreasing and step.units == 0)
        jump = None if p.jump_off_mg is None else Fraction(p.jump_off_mg)
        assert step.has(STOP_ABOVE_JUMP_OFF) == (step.has(STOP) and (jump is None or previous > jump))
    # ends at 0 mg or at the stated target
    assert steps[-1].dose_exact == Fraction(p.target_mg)
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan
