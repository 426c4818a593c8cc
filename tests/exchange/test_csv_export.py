"""CSV read back with the csv module gives the store's values: numbers, exact decimals, gaps empty."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from tests.exchange.helpers import sample_entries, sample_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.exchange.csv_export import DAY_FIELDS, STEP_FIELDS, days_csv, intake_detail, spreadsheet_safe, steps_csv


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _optional(cell: str, kind=int):
    return None if cell == "" else kind(cell)


def test_days_read_back_match_the_store():
    entries = sample_entries()
    rows = read_rows(days_csv(entries, None, {"custom_symptoms": []}))
    assert len(rows) == len(entries)
    for entry, row in zip(entries, rows):
        assert date.fromisoformat(row["date"]) == entry.day
        assert _optional(row["dose_total_mg"], Decimal) == (entry.total_mg if entry.intakes else None)
        parsed = [
            Intake(Decimal(mg), time or None)
            for mg, _, time in (p.partition("@") for p in row["doses"].split(";") if p)
        ]
        assert tuple(parsed) == entry.intakes
        assert _optional(row["anxiety"]) == entry.anxiety
        assert _optional(row["mood"]) == entry.mood
        assert _optional(row["sleep_hours"], Decimal) == entry.sleep_hours
        assert _optional(row["sleep_quality"]) == entry.sleep_quality
        assert (row["phase"] or None) == entry.phase
        assert row["note"] == spreadsheet_safe(entry.note)
        symptoms = {k.removeprefix("symptom_"): _optional(v) for k, v in row.items() if k.startswith("symptom_")}
        assert {k: v for k, v in symptoms.items() if v is not None} == entry.symptoms


def test_cells_are_numbers_not_labels():
    row = read_rows(days_csv(sample_entries()))[0]
    assert row["sleep_quality"] == "3" and row["symptom_insomnia"] == "2" and row["symptom_headache"] == ""
    assert row["dose_total_mg"] == "0.5" and row["doses"] == "0.25@08:00;0.25@20:00"


def test_an_unrated_symptom_is_an_empty_cell_and_none_is_0():
    """Not rated is not 0: a day that rated insomnia but not headache leaves headache empty."""
    entry = DayEntry(date(2027, 3, 5), anxiety=4, symptoms={"insomnia": 2, "tremor": 0})
    (row,) = read_rows(days_csv([entry], None, {"custom_symptoms": []}))
    assert row["symptom_insomnia"] == "2" and row["symptom_tremor"] == "0"
    assert row["symptom_headache"] == "" and row["symptom_nausea"] == ""


def test_a_day_with_doses_only_has_empty_ratings():
    row = read_rows(days_csv(sample_entries()))[1]  # 2027-03-02: a dose and mood
    empty = read_rows(days_csv([DayEntry(date(2027, 3, 5), (Intake(Decimal("0.5")),))]))[0]
    assert row["anxiety"] == "" and row["mood"] == "7"
    assert all(empty[k] == "" for k in empty if k.startswith("symptom_"))


def test_own_and_unknown_symptoms_get_columns():
    entry = DayEntry(date(2027, 3, 1), symptoms={"jaw_pain": 3, "old_symptom": 1})
    header = days_csv([entry], None, {"custom_symptoms": ["Jaw pain"]}).splitlines()[0].split(",")
    assert header[: len(DAY_FIELDS)] == list(DAY_FIELDS)
    assert "symptom_jaw_pain" in header and header[-2:] == ["symptom_old_symptom", "note"]


def test_planned_dose_comes_from_the_plan():
    plan = Plan.from_record(sample_plan())
    rows = read_rows(days_csv([DayEntry(date(2027, 1, 20), (Intake(Decimal("0.8")),))], plan))
    assert rows[0]["planned_mg"] == "0.81"


def test_intake_detail_without_time():
    assert intake_detail([Intake(Decimal("0.125")), Intake(Decimal("0.25"), "20:00")]) == "0.125;0.25@20:00"


def test_steps_read_back_match_the_plan():
    plan = Plan.from_record(sample_plan())
    rows = read_rows(steps_csv(plan))
    assert list(rows[0]) == list(STEP_FIELDS)
    assert len(rows) == len(plan.steps)
    for number, (step, row) in enumerate(zip(plan.steps, rows), start=1):
        assert int(row["step"]) == number
        assert (date.fromisoformat(row["start"]), date.fromisoformat(row["end"])) == (step.start, step.end)
        assert Decimal(row["dose_mg"]) == step.dose_mg
        assert Decimal(row["cut_pct"]) == step.cut_pct
        assert row["unit_dose"] == step.unit_dose
        assert tuple(Decimal(mg) for mg in row["intakes_mg"].split(";")) == step.intake_mg
        assert tuple(c for c in row["flags"].split(";") if c) == step.flag_codes


def test_no_plan_gives_only_the_header():
    assert steps_csv(None) == ",".join(STEP_FIELDS) + "\n"


def test_a_note_a_spreadsheet_would_run_as_a_formula_is_guarded():
    entry = DayEntry(date(2027, 1, 1), note='=HYPERLINK("http://example.invalid","x")')
    (row,) = read_rows(days_csv([entry], None, {"custom_symptoms": []}))
    assert row["note"] == "'" + entry.note
    assert spreadsheet_safe("rough night") == "rough night"
    assert spreadsheet_safe("-3 hours sleep") == "'-3 hours sleep"
