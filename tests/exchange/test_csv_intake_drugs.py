"""The days CSV names an intake's drug when it is not the plan's, and never adds two drugs' mg."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tests.exchange.helpers import sample_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.exchange.csv_export import days_csv


def test_a_stage_day_lists_the_diazepam_by_name_and_apart():
    day = CROSSOVER_START + timedelta(days=1)
    entry = DayEntry(day, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")))
    (row,) = csv.DictReader(io.StringIO(days_csv([entry], crossover_plan())))
    assert row["doses"] == "0.5@08:00;diazepam:5@20:00"
    assert (row["dose_total_mg"], row["planned_drug"]) == ("0.5", "clonazepam")
    assert row["second_dose_total_mg"] == "5"


def test_a_day_before_a_crossover_plan_has_every_column():
    entry = DayEntry(CROSSOVER_START - timedelta(days=1), (Intake(Decimal("1")),))
    (row,) = csv.DictReader(io.StringIO(days_csv([entry], crossover_plan())))
    assert (row["dose_total_mg"], row["planned_mg"], row["second_dose_total_mg"]) == ("1", "", "")
    assert row["anxiety"] == ""


def test_a_plan_of_one_drug_exports_as_before():
    entry = DayEntry(CROSSOVER_START, (Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.25"))))
    text = days_csv([entry], Plan.from_record(sample_plan()))
    assert "second_dose_total_mg" not in text
    (row,) = csv.DictReader(io.StringIO(text))
    assert (row["dose_total_mg"], row["doses"]) == ("0.5", "0.25@08:00;0.25")
