"""``taper-tui status`` on a crossover day (docs/DOMAIN.md §3.12): each intake names its drug(s),
an intake wholly of the new drug still counts, and no figure adds two drugs' mg."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.cli.test_status_cli import save
from tests.exchange.crossover_plans import crossover_plan
from tui.commands.status import EXIT_LOGGED, EXIT_NOT_YET, status_of
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Tablet
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan

DAY = date.fromisoformat(TODAY)


crossover_from = crossover_plan
"""Clonazepam 0.5 mg bd → diazepam 10 mg bd in 4 weekly stages (Ashton), from a given day."""


def test_a_crossover_stage_names_each_drug_and_gives_no_mixed_total() -> None:
    status = status_of(crossover_from(DAY), None, DAY)
    assert status.dose_text() == "clonazepam 0.5 mg = 1 tab and clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab"
    assert status.line().startswith("Step 1/")
    assert "today clonazepam 0.5 mg = 1 tab and clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab · " in status.line()
    fields = status.fields()
    assert fields["daily_mg"] == "" and fields["daily"] == "clonazepam 0.75 mg + diazepam 5 mg"
    shown = status.to_json()
    assert shown["daily_mg"] is None and shown["intakes_planned"] == 2
    assert shown["intakes"][1] == {
        "drugs": [
            {"drug": "clonazepam", "mg": "0.25", "measured": "½ tab"},
            {"drug": "diazepam", "mg": "5", "measured": "1 tab"},
        ]
    }


def test_an_intake_wholly_of_the_new_drug_is_still_planned() -> None:
    """Stage 2: clonazepam 0.5 mg in the morning, diazepam 10 mg at night — two intakes to log."""
    plan = crossover_from(DAY - timedelta(days=7))
    status = status_of(plan, DayEntry(DAY, (Intake(Decimal("0.5"), "08:00"),)), DAY)
    assert status.dose_text() == "clonazepam 0.5 mg = 1 tab and diazepam 10 mg = 2 tab"
    assert not status.logged and status.partly_logged == "1 of 2"


def test_a_plan_of_one_drug_says_the_daily_total_as_before() -> None:
    plan = build_plan(
        PlanParams(drug="diazepam", start=DAY, dose_mg=Decimal(20), formulation=Tablet.create("5", "2"), hold_days=14)
    )
    status = status_of(plan, None, DAY)
    assert status.fields()["daily"] == "20 mg = 4 tab" and status.to_json()["daily_mg"] == "20"
    assert "drugs" not in json.dumps(status.to_json())


def test_the_cli_shows_the_crossover_day(taper, data_path: Path) -> None:
    save(data_path, crossover_from(DAY))
    result = taper("status", "--format", "{dose}|{daily}")
    assert result.returncode == EXIT_NOT_YET
    assert result.stdout == (
        "clonazepam 0.5 mg = 1 tab and clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab|"
        "clonazepam 0.75 mg + diazepam 5 mg\n"
    )
    # The night's intake is two drugs at one time: a row of either logs it, the diazepam naming its drug.
    morning = (Intake(Decimal("0.5"), "08:00"),)
    save(data_path, None, DayEntry(DAY, morning))
    assert taper("status").returncode == EXIT_NOT_YET
    save(
        data_path,
        None,
        DayEntry(DAY, (*morning, Intake(Decimal("0.25"), "20:00"), Intake(Decimal(5), "20:00", "diazepam"))),
    )
    assert taper("status").returncode == EXIT_LOGGED
