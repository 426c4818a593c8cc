"""A dose said per intake, in mg and in the measured unit; a day's total always labelled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tui.core.entry import Intake
from tui.core.formulations import Drops, Liquid, RawIncrement, Tablet
from tui.core.intake_text import (
    logged_daily_total,
    logged_intakes,
    measured_dose,
    step_daily_total,
    step_intakes,
)
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan


def _first_step(formulation, dose: str, split: tuple[str, ...]):
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 1, 4),
        dose_mg=Decimal(dose),
        formulation=formulation,
        split=tuple(Decimal(s) for s in split),
    )
    return build_plan(params).steps[0]


def test_a_liquid_step_says_each_intake_in_ml_with_its_time():
    # An uneven split (more than one increment apart) is kept in its ratio at every step.
    step = _first_step(Liquid.create("0.1", "0.1"), "0.93", ("0.40", "0.53"))
    assert step_intakes(step, ("08:00", "20:00")) == "08:00 0.36 mg = 3.6 mL · 20:00 0.48 mg = 4.8 mL"
    assert step_daily_total(step) == "daily total 0.84 mg = 8.4 mL"


def test_times_are_shown_only_when_there_is_one_per_intake():
    step = _first_step(Liquid.create("0.1", "0.1"), "0.93", ("0.40", "0.53"))
    assert step_intakes(step, ("08:00",)) == "0.36 mg = 3.6 mL · 0.48 mg = 4.8 mL"


def test_a_form_measured_in_mg_is_not_said_twice():
    step = _first_step(RawIncrement.create("0.01"), "1", ())
    assert step_intakes(step) == "0.9 mg" and step_daily_total(step) == "daily total 0.9 mg"
    assert measured_dose(Decimal("0.5"), "") == "0.5 mg"


def test_logged_intakes_in_the_measured_unit_or_mg_alone():
    tablet = Tablet.create("0.5", 4)
    assert logged_intakes((Intake(Decimal("0.625"), "08:00"), Intake(Decimal("0.6"))), tablet) == (
        "08:00 0.625 mg = 1 ¼ tab · 0.6 mg"
    )
    assert logged_daily_total(Decimal("0.3"), Drops.create("0.1")) == "daily total 0.3 mg = 3 drops"
    assert logged_intakes((Intake(Decimal("0.3"), "08:00"),), None) == "08:00 0.3 mg"
