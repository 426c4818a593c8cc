"""History names an intake's drug when it is not the plan's (docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.ui.views.history import LEGEND, describe_entry, history_legend, intakes_text

DAY = CROSSOVER_START + timedelta(days=1)
STAGE_DAY = DayEntry(
    DAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00"), Intake(Decimal(5), "20:00", "diazepam"))
)


def test_a_day_of_two_drugs_names_every_dose_and_reads_as_no_sum():
    """Each drug's own total, no "+": ``0.5+0.25+diazepam 5`` left the clonazepam unnamed and read as one sum."""
    assert intakes_text(STAGE_DAY, crossover_plan()) == "clonazepam 0.75 · diazepam 5"
    diazepam_only = DayEntry(DAY, (Intake(Decimal("2.5"), None, "diazepam"), Intake(Decimal(5), None, "diazepam")))
    assert intakes_text(diazepam_only, crossover_plan()) == "diazepam 7.5"


def test_a_day_of_the_plans_drug_alone_still_shows_each_intake():
    one_drug = DayEntry(DAY - timedelta(days=7), (Intake(Decimal("0.5")), Intake(Decimal("0.25"))))
    assert intakes_text(one_drug, crossover_plan()) == "0.5+0.25"
    assert intakes_text(DayEntry(DAY, (Intake(Decimal("0.5")), Intake(Decimal("0.25"))))) == "0.5+0.25"


def test_the_legend_says_what_a_crossover_day_shows():
    assert "each drug's total" in history_legend(crossover_plan())
    assert history_legend(None) == LEGEND


def test_the_detail_says_each_drug_in_its_own_form_and_each_total():
    text = describe_entry(STAGE_DAY, plan=crossover_plan())
    assert (
        "Taken: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab · 20:00 diazepam 5 mg = 1 tab "
        "(daily total clonazepam 0.75 mg + diazepam 5 mg)"
    ) in text
