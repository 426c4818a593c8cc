"""The Chart's dose on a crossover plan is ≈ diazepam every day (docs/DOMAIN.md §3.12): a stage
day of clonazepam 0.5 mg + diazepam 5 mg was plotted as 5.5 mg, and the plan line went from 1 mg
of clonazepam to 20 mg of diazepam."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Tablet
from tui.core.insights import daily_dose_series
from tui.core.intake_drugs import DIAZEPAM_CHART_UNIT, chart_day_dose, chart_step_dose, chart_unit
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan

STAGE_DAY = CROSSOVER_START + timedelta(days=7)  # stage 2: the evening intake is diazepam


def stage_day() -> DayEntry:
    return DayEntry(STAGE_DAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")))


def test_a_stage_day_is_charted_in_diazepam_not_as_the_sum_of_both_drugs_mg():
    plan = crossover_plan()
    assert chart_unit(plan) == DIAZEPAM_CHART_UNIT == "≈ diazepam mg"
    assert chart_day_dose(plan, stage_day()) == Decimal(15)  # 0.5 mg clonazepam ≈ 10 + diazepam 5
    series = daily_dose_series([stage_day()], STAGE_DAY, STAGE_DAY, plan)
    assert series.values == (Decimal(15),)


def test_a_day_of_clonazepam_alone_before_the_crossover_is_charted_in_diazepam_too():
    plan = crossover_plan()
    before = DayEntry(CROSSOVER_START - timedelta(days=1), (Intake(Decimal("0.5")), Intake(Decimal("0.5"))))
    assert chart_day_dose(plan, before) == Decimal(20)
    assert chart_day_dose(plan, DayEntry(STAGE_DAY, ())) is None  # nothing logged is unknown, not 0


def test_the_plan_line_stays_level_across_the_crossover_in_diazepam():
    plan = crossover_plan()
    stages = [s for s in plan.steps if s.end < CROSSOVER_START + timedelta(days=28)]
    assert len(stages) >= 4
    assert {chart_step_dose(plan, s) for s in stages} == {Decimal(20)}
    after = plan.step_on(CROSSOVER_START + timedelta(days=28))
    assert after is not None and chart_step_dose(plan, after) == after.dose_mg  # diazepam mg as they are


def test_a_plan_without_a_crossover_is_charted_in_its_own_mg_as_before():
    plan = build_plan(
        PlanParams(drug="clonazepam", start=CROSSOVER_START, dose_mg=Decimal(1), formulation=Tablet.create("0.5", "2"))
    )
    assert chart_unit(plan) == chart_unit(None) == "mg"
    entry = DayEntry(CROSSOVER_START, (Intake(Decimal("0.5")), Intake(Decimal("0.25"))))
    assert chart_day_dose(plan, entry) == chart_day_dose(None, entry) == Decimal("0.75")
    assert chart_step_dose(plan, plan.steps[1]) == plan.steps[1].dose_mg
    assert daily_dose_series([entry]).values == daily_dose_series([entry], plan=plan).values == (Decimal("0.75"),)
