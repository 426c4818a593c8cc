"""CSV of a crossover plan (docs/DOMAIN.md §3.12): each step says its drug and the second drug's
share, and each day's planned dose per drug, so no cell adds two drugs' mg; a plan of one drug
gets exactly the columns it always had."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tests.exchange.helpers import sample_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.exchange.csv_export import (
    CROSSOVER_DAY_FIELDS,
    CROSSOVER_STEP_FIELDS,
    DAY_FIELDS,
    STEP_FIELDS,
    days_csv,
    intake_columns,
    steps_csv,
)


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_each_crossover_step_gives_its_drug_and_the_second_drugs_share():
    plan = crossover_plan()
    rows = read_rows(steps_csv(plan))
    assert list(rows[0]) == [*STEP_FIELDS[:-1], *intake_columns(2), *CROSSOVER_STEP_FIELDS, "note"]
    stage = rows[0]
    assert (stage["drug"], stage["dose_mg"], stage["intakes_mg"]) == ("clonazepam", "0.75", "0.5;0.25")
    assert (stage["second_drug"], stage["second_dose_mg"]) == ("diazepam", "5")
    assert (stage["second_intakes_mg"], stage["second_intake_doses"]) == ("0;5", "0 tab;1 tab")
    after = rows[4]
    assert after["drug"] == "diazepam" and Decimal(after["dose_mg"]) == plan.steps[4].dose_mg
    assert after["second_drug"] == after["second_dose_mg"] == after["second_intakes_mg"] == ""


def test_each_day_gives_the_planned_dose_of_each_drug():
    plan = crossover_plan()
    day = CROSSOVER_START + timedelta(days=1)
    rows = read_rows(days_csv([DayEntry(day, (Intake(Decimal("0.5"), "08:00"),))], plan))
    header = list(rows[0])
    planned = header.index("planned_mg") + 1
    assert header[: len(DAY_FIELDS) + len(CROSSOVER_DAY_FIELDS)] == [
        *DAY_FIELDS[:planned],
        *CROSSOVER_DAY_FIELDS,
        *DAY_FIELDS[planned:],
    ]
    assert (rows[0]["planned_mg"], rows[0]["planned_drug"]) == ("0.75", "clonazepam")
    assert (rows[0]["planned_second_drug"], rows[0]["planned_second_mg"]) == ("diazepam", "5")


def test_a_plan_of_one_drug_has_no_crossover_columns():
    plan = Plan.from_record(sample_plan())
    assert "drug" not in steps_csv(plan).splitlines()[0].split(",")
    header = days_csv([], plan).splitlines()[0].split(",")
    assert "planned_drug" not in header and "planned_second_mg" not in header
