"""A bottle on a crossover stage counts the logged intakes of its own drug only (docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.core.supply import Bottle, need_between, outlook

DAY = CROSSOVER_START + timedelta(days=1)
TODAY = CROSSOVER_START + timedelta(days=2)


def _stage_day(diazepam_mg: str) -> DayEntry:
    """Stage 1 taken: clonazepam 0.5 + 0.25 mg, and the diazepam logged as ``diazepam_mg``."""
    return DayEntry(
        DAY,
        (
            Intake(Decimal("0.5"), "08:00"),
            Intake(Decimal("0.25"), "20:00"),
            Intake(Decimal(diazepam_mg), "20:00", "diazepam"),
        ),
    )


def test_the_clonazepam_bottle_is_not_emptied_by_the_diazepam_logged():
    plan = crossover_plan()
    clonazepam = Bottle.create("30", "tablets", CROSSOVER_START, CROSSOVER_START + timedelta(days=90))
    seen = outlook(plan, clonazepam, TODAY, {DAY: _stage_day("5")})
    # 3 days of 0.75 mg = 1 ½ tablets of 0.5 mg each: 4.5 tablets, whatever diazepam was taken.
    assert seen.left_after == Decimal("25.5")


def test_each_drug_counts_what_was_logged_of_it():
    plan = crossover_plan()
    need = need_between(plan, DAY, DAY, {DAY: _stage_day("10")})
    by_drug = {part.drug: part for part in need.parts}
    assert by_drug["diazepam"].drug_mg == Decimal(10)
    assert by_drug["clonazepam"].drug_mg == Decimal("0.75")
