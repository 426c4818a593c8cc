"""A switch of form partway (docs/DOMAIN.md §3.11) and too-coarse advice for the form in use (§3.5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.core.plan_builders import DAILY_HALF_PCT, liquid_plan
from tui.core.formulations import Drops, Liquid, RawIncrement, Tablet
from tui.core.plan_model import TOO_COARSE, Method, Plan, PlanParams
from tui.core.plan_params import DoseBand
from tui.core.planner import build_plan
from tui.core.validation import ValidationError

START = date(2027, 1, 4)


def switching(**changes) -> PlanParams:
    base = dict(
        drug="clonazepam",
        start=START,
        dose_mg=Decimal(2),
        formulation=Tablet.create("0.5", 4),
        switch_below_mg=Decimal("1.25"),
        then_formulation=Liquid.create("0.1", "0.1"),
    )
    base.update(changes)
    return PlanParams(**base)


def test_tablets_until_below_the_switch_then_the_liquid_worked_example() -> None:
    """2 mg, 10 % every 14 days on 0.5 mg tablets in quarters, a 0.1 mg/mL liquid below 1.25 mg:
    the tablets give 1.875 … 1.25 mg, then 10 % of 1.25 mg is 1.125 mg, which the liquid rounds up
    to 1.13 mg = 11.3 mL (never a bigger cut than planned), then the liquid's own steps."""
    plan = build_plan(switching())
    head = [(s.dose_mg, s.unit_dose) for s in plan.steps[:8]]
    assert head == [
        (Decimal("1.875"), "3 ¾ tab"),
        (Decimal("1.75"), "3 ½ tab"),
        (Decimal("1.625"), "3 ¼ tab"),
        (Decimal("1.5"), "3 tab"),
        (Decimal("1.375"), "2 ¾ tab"),
        (Decimal("1.25"), "2 ½ tab"),
        (Decimal("1.13"), "11.3 mL"),
        (Decimal("1.02"), "10.2 mL"),
    ]
    tablets, liquid = plan.steps[5], plan.steps[6]
    assert tablets.formulation is None and plan.formulation_of(tablets) == Tablet.create("0.5", 4)
    assert liquid.formulation == Liquid.create("0.1", "0.1") and liquid.increment == Fraction(1, 100)
    assert plan.formulation_on(liquid.start) == Liquid.create("0.1", "0.1")
    # no "too coarse" on tablets: the switch comes before they would be
    assert not any(s.has(TOO_COARSE) for s in plan.steps if s.formulation is None)


def test_a_switched_plan_is_stored_and_read_back_unchanged() -> None:
    plan = build_plan(switching(split=(Decimal(1), Decimal(1))))
    record = plan.to_record()
    assert record["params"]["switch"] == {
        "below_mg": "1.25",
        "formulation": {"kind": "liquid", "mg_per_ml": "0.1", "resolution_ml": "0.1"},
    }
    assert Plan.from_record(record) == plan
    # each intake in the liquid's unit: 1.13 mg as 0.56 + 0.57 mg (the first intake is cut first)
    assert plan.steps[6].intake_mg == (Decimal("0.56"), Decimal("0.57"))
    assert plan.steps[6].intake_doses == ("5.6 mL", "5.7 mL")


def test_a_one_form_plan_record_has_no_switch_fields() -> None:
    """Older files (no switch) load, and a one-form plan writes what they held."""
    plan = build_plan(switching(switch_below_mg=None, then_formulation=None))
    record = plan.to_record()
    assert "switch" not in record["params"]
    assert all("formulation" not in step for step in record["steps"])
    assert Plan.from_record(record) == plan


def test_a_plan_starting_below_the_switch_is_on_the_second_form_from_the_start() -> None:
    plan = build_plan(switching(dose_mg=Decimal(1)))
    assert plan.steps[0].formulation == Liquid.create("0.1", "0.1")
    assert plan.steps[0].unit_dose == "9 mL"


def test_switch_problems_name_the_field() -> None:
    with pytest.raises(ValidationError) as problem:
        build_plan(switching(switch_below_mg=Decimal(0)))
    assert problem.value.field == "switch-below"
    with pytest.raises(ValidationError) as problem:
        build_plan(switching(then_formulation=None))
    assert problem.value.field == "then-form"
    with pytest.raises(ValidationError) as problem:
        build_plan(switching(method=Method.OCCUPANCY, emax_pct=Decimal(91), ec50_mg=Decimal("0.3")))
    assert problem.value.field == "switch-below"


forms = st.sampled_from(
    [
        Tablet.create("0.5", 4),
        Tablet.create("1", 2),
        Tablet.create("2", 4),
        RawIncrement.create("0.25"),
    ]
)
second_forms = st.sampled_from(
    [Liquid.create("0.1", "0.1"), Liquid.create("1", "0.01"), Liquid.create("2.5", "0.05"), Drops.create("0.1")]
)


@settings(max_examples=150, deadline=None)
@given(
    form=forms,
    second=second_forms,
    start_quarters=st.integers(2, 40),
    switch_tenths=st.integers(1, 60),
    cut=st.sampled_from([Decimal(5), Decimal(10), Decimal("12.5"), Decimal(25)]),
    method=st.sampled_from([Method.PROPORTIONAL, Method.LINEAR]),
    lengthen=st.booleans(),
    bands=st.booleans(),
)
def test_every_dose_is_measurable_in_its_own_steps_form_and_never_above_the_step_before(
    form, second, start_quarters, switch_tenths, cut, method, lengthen, bands
) -> None:
    dose = form.mg(form.units_up(Decimal(start_quarters) / 4))
    switch = Decimal(switch_tenths) / 10
    # A plan starting below the switch is on the second form, which must measure its dose.
    assume(dose >= switch or second.is_measurable(dose))
    p = switching(
        dose_mg=dose,
        formulation=form,
        switch_below_mg=switch,
        then_formulation=second,
        cut_pct=cut,
        method=method,
        lengthen_steps=lengthen,
        bands=(DoseBand(Decimal(1), 28, cut_pct=Decimal(5)),) if bands else (),
    )
    plan = build_plan(p)
    previous = Fraction(dose)
    switched = False
    for step in plan.steps:
        own = plan.formulation_of(step)
        assert own.is_measurable(step.dose_exact)
        assert all(own.is_measurable(mg) for mg in step.intake_mg)
        assert step.increment == own.increment
        assert step.unit_dose == own.unit_text(step.units)
        assert step.dose_exact <= previous
        # the first form only at or above the switch; once on the second form, never back
        if step.formulation is None:
            assert not switched and step.dose_exact >= switch
        switched = switched or step.formulation is not None
        previous = step.dose_exact
    assert plan.steps[-1].dose_mg == 0
    assert Plan.from_record(plan.to_record()) == plan


# ----- too-coarse advice for the form in use -----------------------------------------------------


def test_daily_micro_taper_on_a_liquid_is_told_to_dilute_or_lengthen() -> None:
    """0.5 %/day from 1 mg, 1 mg/mL liquid at 0.01 mL: the cut is 0.005 mg, the syringe measures
    0.01 mg. The useful change is a 0.5 mg/mL dilution (0.005 mg / 0.01 mL) or longer steps; a
    person already on liquid is not told to "consider liquid"."""
    plan = liquid_plan("1", "0.01", **DAILY_HALF_PCT)
    coarse = [w for w in plan.warnings() if "too coarse" in w]
    assert coarse == [
        "This form is too coarse below 2 mg for a 0.5 % cut — dilute to 0.5 mg/mL, or lengthen the steps."
    ]
    assert not any("consider liquid" in w for w in plan.warnings())


def test_a_coarse_syringe_is_offered_a_finer_one_first() -> None:
    plan = liquid_plan("1", "0.1", cut_pct=Decimal(5))
    text = next(w for w in plan.warnings() if "too coarse" in w)
    assert text == (
        "This form is too coarse below 2 mg for a 5 % cut — a finer syringe (0.01 mL), or dilute to 0.5 mg/mL, "
        "or lengthen the steps."
    )


def test_tablets_are_told_of_a_liquid_or_a_compounded_form() -> None:
    plan = build_plan(switching(switch_below_mg=None, then_formulation=None))
    text = next(w for w in plan.warnings() if "too coarse" in w)
    assert text.startswith("This form is too coarse below 1.25 mg for a 10 % cut — a liquid or a compounded form")
    assert text.endswith("or lengthen the steps.")


def test_a_return_to_stable_after_the_switch_goes_back_to_the_liquid_dose_not_a_tablet_above_it() -> None:
    """The stable dose was measured in the liquid (1.13 mg): rounding it in the tablets' quarters
    would give 1.25 mg, above the dose the person was stable on."""
    from datetime import datetime

    from tui.core.plan_changes import return_to_stable

    plan = build_plan(switching())
    today = date(2027, 4, 20)
    changed, _event = return_to_stable(plan, today, datetime(2027, 4, 20, 9), "too fast")
    step = changed.step_on(today)
    assert step is not None and (step.dose_mg, step.unit_dose) == (Decimal("1.13"), "11.3 mL")
    assert changed.params.switch_below_mg == Decimal("1.25")


# ----- reading the switch from text (the CLI's flags and the editor's fields) ----------------------

TODAY = date(2027, 1, 4)
TABLETS = {"dose": "2", "tablet": "0.5", "pieces": "4", "cut": "10", "every": "14"}


def test_the_switch_is_read_from_the_then_fields_in_either_surface() -> None:
    from tui.core import plan_input as pi

    text = {**TABLETS, "switch_below": "1.25", "then_liquid": "1", "then_resolution": "0.01"}
    params = pi.params_from_text(text, TODAY)
    assert params.switch_below_mg == Decimal("1.25") and params.then_formulation == Liquid.create("1", "0.01")
    # the editor names the kind; its hidden fields without a switch dose are ignored
    assert not pi.params_from_text({**TABLETS, "then_liquid": ""}, TODAY, "tablet", then_kind="liquid").switches


@given(st.text(max_size=12), st.text(max_size=12), st.sampled_from(["liquid", "tablet", "drops", "scale", "increment"]))
@settings(max_examples=200, deadline=None)
def test_nothing_typed_into_the_switch_fields_raises_anything_but_a_field_message(below, number, kind) -> None:
    from tui.core import plan_input as pi

    fields = pi.THEN_KINDS[kind].fields
    text = {**TABLETS, "switch_below": below, **{f.key: number for f in fields}}
    try:
        plan = pi.plan_from_text(text, TODAY, "tablet", then_kind=kind)
    except pi.PlanInputError as error:
        assert error.text(pi.Surface.APP) and error.text(pi.Surface.CLI)
    else:
        assert plan.steps[-1].dose_mg == 0
