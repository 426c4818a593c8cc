"""Supply across a crossover (docs/DOMAIN.md §3.12): each drug is counted in its own form, side by
side on a crossover stage, so a prescription written from it covers both."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.supply import need_between


def test_a_crossover_stage_needs_both_drugs_each_in_its_own_tablets():
    plan = crossover_plan()
    # Stage 1 (7 days): clonazepam 0.5 + 0.25 mg (1 ½ tablets of 0.5 mg) and diazepam 5 mg (1 tablet of 5 mg) a day
    need = need_between(plan, CROSSOVER_START, CROSSOVER_START + timedelta(days=6))
    by_drug = {part.drug: part for part in need.parts}
    assert set(by_drug) == {"clonazepam", "diazepam"}
    assert by_drug["clonazepam"].drug_mg == Decimal("5.25") and by_drug["clonazepam"].amount == Decimal("10.5")
    assert by_drug["diazepam"].drug_mg == Decimal(35) and by_drug["diazepam"].amount == Decimal(7)
    text = need.describe()
    assert "of clonazepam 0.5 mg tablet" in text and ", and " in text and "of diazepam 5 mg tablet" in text


def test_after_the_crossover_only_the_new_drug_is_needed():
    plan = crossover_plan()
    after = next(step.start for step in plan.steps if step.also is None and step.drug)
    need = need_between(plan, after, after + timedelta(days=6))
    assert [part.drug for part in need.parts] == ["diazepam"]


def test_a_plan_of_one_drug_reads_as_before():
    plan = crossover_plan()
    need = need_between(plan, date(2027, 3, 1), date(2027, 3, 7))  # before the plan: its first form
    assert [part.drug for part in need.parts] == [None]
    assert " of " not in need.describe()
