"""History names an intake's drug when it is not the plan's (docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.ui.views.history import describe_entry, intakes_text

DAY = CROSSOVER_START + timedelta(days=1)
STAGE_DAY = DayEntry(
    DAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00"), Intake(Decimal(5), "20:00", "diazepam"))
)


def test_the_table_names_the_diazepam():
    assert intakes_text(STAGE_DAY) == "0.5+0.25+diazepam 5"
    assert intakes_text(DayEntry(DAY, (Intake(Decimal("0.5")), Intake(Decimal("0.25"))))) == "0.5+0.25"


def test_the_detail_says_each_drug_in_its_own_form_and_each_total():
    text = describe_entry(STAGE_DAY, plan=crossover_plan())
    assert (
        "Taken: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab · 20:00 diazepam 5 mg = 1 tab "
        "(daily total clonazepam 0.75 mg + diazepam 5 mg)"
    ) in text
