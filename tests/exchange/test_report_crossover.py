"""The prescriber report on a crossover day (docs/DOMAIN.md §3.12): every intake names its drug,
each drug's daily total is given, and the reduction is compared only as ≈ diazepam."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.planner import build_plan
from tui.core.settings import Settings
from tui.exchange.report import build_report, render_text

TODAY = CROSSOVER_START + timedelta(days=3)
TIMES = Settings(intake_times=("08:00", "20:00"))


def test_the_report_names_both_drugs_on_a_crossover_day():
    plan = crossover_plan()
    text = render_text(build_report([], plan, [], TIMES, TODAY), width=200)
    assert "08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab" in text
    assert "clonazepam 0.75 mg + diazepam 5 mg" in text
    assert "0.75 mg = 1 ½ tab" not in text  # the clonazepam total alone would hide the diazepam
    nxt = plan.steps[1]
    assert f"from {nxt.start.isoformat()}: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 diazepam 10 mg = 2 tab" in text
    assert "(daily total clonazepam 0.5 mg + diazepam 10 mg)" in text
    # Not "0.25 mg lower (25 % of the start dose)": a crossover stage is level in ≈ diazepam.
    assert "25 % of the start dose" not in text
    assert "Current ≈ diazepam   ≈ 20 mg diazepam (Ashton Manual" in text
    assert "≈ 0 mg diazepam a day lower (0 % of the start's ≈ 20 mg" in text


def test_the_steps_so_far_give_each_drugs_planned_total():
    plan = crossover_plan()
    text = render_text(build_report([], plan, [], TIMES, CROSSOVER_START + timedelta(days=40)))
    table = text[text.index("Steps so far") : text.index("Each intake, as measured")]
    rows = {line.split()[0]: line for line in table.splitlines() if line[:1].isdigit()}
    assert "≈ 20 diazepam" in rows["1"] and "0.75" not in rows["1"]
    assert "20 diazepam" in rows["4"] and "17.5 diazepam" in rows["5"]
    assert "crossover stage's two drugs as ≈ diazepam (Ashton Manual" in " ".join(table.split())
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_start_dose_and_the_forms_name_each_drug():
    """'Start dose: daily total 1 mg' named no drug, and 'Measured as' gave the first drug's form only."""
    plan = crossover_plan()
    text = " ".join(render_text(build_report([], plan, [], TIMES, TODAY), width=200).split())
    assert f"Start dose daily total clonazepam 1 mg when the plan started on {plan.start.isoformat()}" in text
    params = plan.params
    assert params.crossover_formulation is not None
    assert (
        f"Measured as clonazepam: {params.formulation.describe()}; diazepam: {params.crossover_formulation.describe()}"
    ) in text


def test_a_plan_of_one_drug_reads_as_before():
    plan = crossover_plan()
    one = build_plan(replace(plan.params, crossover_to="", crossover_stages=0, crossover_formulation=None))
    text = " ".join(render_text(build_report([], one, [], TIMES, TODAY), width=200).split())
    assert "Start dose daily total 1 mg when" in text
    assert f"Measured as {one.params.formulation.describe()} Projected" in text
