"""Logged intakes of two drugs on a crossover (docs/DOMAIN.md §3.12): pre-fill, forms, adherence in ≈ diazepam."""

from datetime import date
from decimal import Decimal

import pytest

from tests.exchange.crossover_plans import crossover_plan
from tui.core.adherence import adherence
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Tablet
from tui.core.intake_drugs import (
    day_against_plan,
    drug_form_on,
    drug_totals_text,
    logged_drug_intakes,
    plan_intake_drug,
    planned_drug_intakes,
)
from tui.core.validation import ValidationError

STAGE_1 = date(2027, 3, 10)
"""Clonazepam 0.5 mg morning; clonazepam 0.25 mg + diazepam 5 mg evening (≈ 20 mg diazepam)."""
TIMES = ("08:00", "20:00")


def test_a_stage_day_is_planned_drug_by_drug():
    assert planned_drug_intakes(crossover_plan(), TIMES, STAGE_1) == (
        Intake(Decimal("0.5"), "08:00"),
        Intake(Decimal("0.25"), "20:00"),
        Intake(Decimal(5), "20:00", "diazepam"),
    )


def test_each_drug_is_measured_in_its_own_form():
    plan = crossover_plan()
    assert drug_form_on(plan, STAGE_1, None) == Tablet.create("0.5", "2")
    assert drug_form_on(plan, STAGE_1, "diazepam") == Tablet.create("5", "2")


def test_a_stage_day_taken_as_planned_is_on_plan_in_diazepam():
    plan = crossover_plan()
    entry = DayEntry(STAGE_1, planned_drug_intakes(plan, TIMES, STAGE_1))
    dose = day_against_plan(plan, entry)
    assert dose is not None and dose.diazepam and dose.planned == dose.taken == Decimal(20)
    summary = adherence([entry], start=STAGE_1, end=STAGE_1, plan=plan)
    assert summary is not None and summary.days_as_planned == 1 and not summary.deviations


def test_a_stage_day_short_of_its_diazepam_is_below_plan_in_diazepam():
    plan = crossover_plan()
    entry = DayEntry(STAGE_1, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00")))
    summary = adherence([entry], start=STAGE_1, end=STAGE_1, plan=plan)
    assert summary is not None
    (deviation,) = summary.deviations
    assert deviation.diazepam and deviation.below_plan
    assert (deviation.planned_mg, deviation.taken_mg) == (Decimal(20), Decimal(15))


def test_without_the_plan_a_stage_day_would_be_called_off_plan():
    """What adherence did before: the day's mg (5.75) against the first drug's (0.75)."""
    plan = crossover_plan()
    entry = DayEntry(STAGE_1, planned_drug_intakes(plan, TIMES, STAGE_1))
    summary = adherence([entry], lambda d: plan.step_on(d).dose_mg, start=STAGE_1, end=STAGE_1)
    assert summary is not None and summary.deviations


def test_a_day_says_each_drug():
    plan = crossover_plan()
    entry = DayEntry(STAGE_1, planned_drug_intakes(plan, TIMES, STAGE_1))
    assert drug_totals_text(plan, entry.intakes) == "clonazepam 0.75 mg + diazepam 5 mg"
    assert logged_drug_intakes(plan, entry) == (
        "08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab · 20:00 diazepam 5 mg = 1 tab"
    )


def test_a_drug_typed_must_be_one_of_the_plans():
    plan = crossover_plan()
    assert plan_intake_drug(plan, "Valium", "--dose") == "diazepam"
    assert plan_intake_drug(plan, "clonazepam", "--dose") is None
    with pytest.raises(ValidationError, match="clonazepam or diazepam"):
        plan_intake_drug(plan, "lorazepam", "--dose")


def test_a_stage_day_expects_each_intake_time_whatever_its_drugs():
    from tui.core.intake_drugs import every_intake_logged, intakes_expected

    plan = crossover_plan()
    assert intakes_expected(plan, STAGE_1) == 2  # the night's clonazepam + diazepam are one intake
    morning_only = DayEntry(STAGE_1, (Intake(Decimal("0.5"), "08:00"),))
    assert not every_intake_logged(morning_only, intakes_expected(plan, STAGE_1))
    clonazepam_only = DayEntry(STAGE_1, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00")))
    assert every_intake_logged(clonazepam_only, 2)  # the night's dose was taken: a row at 20:00 says so
    assert every_intake_logged(DayEntry(STAGE_1, planned_drug_intakes(plan, TIMES, STAGE_1)), 2)
