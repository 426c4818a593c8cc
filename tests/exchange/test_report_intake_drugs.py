"""The report on days logged drug by drug (docs/DOMAIN.md §3.12): stage days compared in ≈ diazepam."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.core.intake_drugs import planned_drug_intakes
from tui.core.settings import Settings
from tui.exchange.report import build_report, render_text

TODAY = CROSSOVER_START + timedelta(days=3)
TIMES = Settings(intake_times=("08:00", "20:00"))


def _report(entries) -> str:
    return " ".join(render_text(build_report(entries, crossover_plan(), [], TIMES, TODAY), width=200).split())


def test_stage_days_taken_as_planned_are_on_plan():
    plan = crossover_plan()
    days = [CROSSOVER_START + timedelta(days=n) for n in range(3)]
    text = _report([DayEntry(d, planned_drug_intakes(plan, TIMES.intake_times, d)) for d in days])
    assert "Dose as planned on 3 of 3 days" in text
    assert "differed from the plan" not in text


def test_a_stage_day_off_plan_names_each_drug_and_its_diazepam():
    day = CROSSOVER_START + timedelta(days=1)
    text = _report([DayEntry(day, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")))])
    assert "Dose as planned on 0 of 1 days (1 below plan, 0 above)" in text
    assert (
        f"{day.isoformat()}: took 08:00 clonazepam 0.5 mg = 1 tab · 20:00 diazepam 5 mg = 1 tab "
        "(daily total clonazepam 0.5 mg + diazepam 5 mg, ≈ 15 mg diazepam), "
        "planned daily total clonazepam 0.75 mg + diazepam 5 mg (≈ 20 mg diazepam)"
    ) in text
    assert "Last dose logged" in text and "(daily total clonazepam 0.5 mg + diazepam 5 mg)" in text
