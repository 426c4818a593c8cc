"""CSV read back with the csv module gives the store's values: numbers, exact decimals, gaps empty."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from tests.exchange.helpers import lorazepam_tablet_plan, sample_entries, sample_plan, switching_plan
from tests.security.hostile_corpus import ALL_IN_ONE, HOSTILE
from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake
from tui.core.insights import metric_value
from tui.core.plan_model import Plan
from tui.core.scales import symptom_metric
from tui.core.settings import Settings
from tui.demo.story import generate_demo
from tui.exchange.csv_export import (
    DAY_FIELDS,
    STEP_FIELDS,
    days_csv,
    intake_columns,
    intake_detail,
    spreadsheet_safe,
    steps_csv,
    symptom_columns,
)


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _optional(cell: str, kind=int):
    return None if cell == "" else kind(cell)


def test_days_read_back_match_the_store():
    entries = sample_entries()
    rows = read_rows(days_csv(entries, None, Settings()))
    assert len(rows) == len(entries)
    for entry, row in zip(entries, rows, strict=True):
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
    (row,) = read_rows(days_csv([entry], None, Settings()))
    assert row["symptom_insomnia"] == "2" and row["symptom_tremor"] == "0"
    assert row["symptom_headache"] == "" and row["symptom_nausea"] == ""


def test_a_day_with_doses_only_has_empty_ratings():
    row = read_rows(days_csv(sample_entries()))[1]  # 2027-03-02: a dose and mood
    empty = read_rows(days_csv([DayEntry(date(2027, 3, 5), (Intake(Decimal("0.5")),))]))[0]
    assert row["anxiety"] == "" and row["mood"] == "7"
    assert all(empty[k] == "" for k in empty if k.startswith("symptom_"))


def test_own_and_unknown_symptoms_get_columns():
    entry = DayEntry(date(2027, 3, 1), symptoms={"jaw_pain": 3, "old_symptom": 1})
    header = days_csv([entry], None, Settings(custom_symptoms=("Jaw pain",))).splitlines()[0].split(",")
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
    assert list(rows[0]) == [*STEP_FIELDS[:-1], *intake_columns(2), "note"]
    assert len(rows) == len(plan.steps)
    for number, (step, row) in enumerate(zip(plan.steps, rows, strict=True), start=1):
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
    (row,) = read_rows(days_csv([entry], None, Settings()))
    assert row["note"] == "'" + entry.note
    assert spreadsheet_safe("rough night") == "rough night"
    assert spreadsheet_safe("-3 hours sleep") == "'-3 hours sleep"


def test_steps_give_each_intake_of_a_liquid_in_mg_and_ml():
    """A number to calculate with and what goes in the syringe, intake by intake."""
    rows = read_rows(steps_csv(Plan.from_record(sample_plan())))
    step_2 = rows[1]
    assert (step_2["intake_1_mg"], step_2["intake_1_measured"]) == ("0.4", "4 mL")
    assert (step_2["intake_2_mg"], step_2["intake_2_measured"]) == ("0.41", "4.1 mL")
    assert Decimal(step_2["intake_1_mg"]) + Decimal(step_2["intake_2_mg"]) == Decimal(step_2["dose_mg"])


def test_steps_give_each_intake_of_a_tablet_in_pieces():
    plan = lorazepam_tablet_plan()
    first = read_rows(steps_csv(plan))[0]
    assert (first["intake_1_mg"], first["intake_1_measured"]) == ("0.625", "1 ¼ tab")
    assert (first["intake_2_mg"], first["intake_2_measured"]) == ("0.75", "1 ½ tab")


def test_a_step_with_fewer_intakes_leaves_the_extra_cells_empty():
    """The last step of a plan to 0 mg may be a single intake of 0 mg; its second pair stays empty."""
    plan = Plan.from_record(sample_plan())
    rows = read_rows(steps_csv(plan))
    for step, row in zip(plan.steps, rows, strict=True):
        for n in range(len(step.intake_mg) + 1, 3):
            assert row[f"intake_{n}_mg"] == "" and row[f"intake_{n}_measured"] == ""


def test_hostile_notes_are_written_losslessly_with_the_formula_guard():
    """The file is data for a spreadsheet: every character kept (controls too), only the formula
    start guarded, in the days and the steps export alike."""
    notes = [ALL_IN_ONE, "=" + ALL_IN_ONE, "@SUM(A1)" + HOSTILE["osc52_clipboard"], HOSTILE["long_line"], "+1\n-2"]
    entries = [DayEntry(date(2027, 1, 1 + i), note=note) for i, note in enumerate(notes)]
    rows = read_rows(days_csv(entries, None, Settings()))
    assert [row["note"] for row in rows] == [spreadsheet_safe(note) for note in notes]
    assert [row["note"][1:] for row in rows[1:3]] == notes[1:3] and rows[1]["note"].startswith("'=")
    assert rows[0]["note"] == ALL_IN_ONE
    record = sample_plan()
    record["steps"][0]["note"] = "-" + ALL_IN_ONE
    first = read_rows(steps_csv(Plan.from_record(record)))[0]
    assert first["note"] == "'-" + ALL_IN_ONE


def test_a_carriage_return_in_a_note_stays_inside_its_row():
    """A bare ``\\r`` left unquoted split the row in every reader, moving the rest of the day."""
    entries = [DayEntry(date(2027, 1, 1), anxiety=3, note="first\rsecond"), DayEntry(date(2027, 1, 2), anxiety=4)]
    rows = read_rows(days_csv(entries, None, Settings()))
    assert [(row["date"], row["note"]) for row in rows] == [("2027-01-01", "first\rsecond"), ("2027-01-02", "")]


def days_csv_one_lookup_per_cell(entries, plan, settings) -> str:
    """The days export as first written: ``metric_value`` for every day × symptom column, one
    ``csv.writer`` per row. Kept as the reference the faster :func:`days_csv` must match."""

    def number(value):
        if value is None:
            return ""
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        return format_decimal(value) if isinstance(value, Decimal) else str(value)

    def row(cells) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(cells)
        return buffer.getvalue()[:-2] + "\n"

    entries = sorted(entries, key=lambda e: e.day)
    keys = symptom_columns(entries, settings)
    lines = [row([*DAY_FIELDS, *("symptom_" + k for k in keys), "note"])]
    for entry in entries:
        step = plan.step_on(entry.day) if plan is not None else None
        lines.append(
            row(
                [
                    entry.day.isoformat(),
                    format_decimal(entry.total_mg) if entry.intakes else "",
                    intake_detail(entry.intakes),
                    "" if step is None else format_decimal(step.dose_mg),
                    number(entry.anxiety),
                    number(entry.mood),
                    number(entry.sleep_hours),
                    number(entry.sleep_quality),
                    entry.phase or "",
                    *(number(metric_value(entry, symptom_metric(k))) for k in keys),
                    spreadsheet_safe(entry.note),
                ]
            )
        )
    return "".join(lines)


def test_the_days_export_of_a_generated_journal_is_byte_identical_to_one_lookup_per_cell():
    """Walking each day's ratings once (not a lookup per day and column) changes no byte: the
    demo's years of plan changes, gaps, half-logged days and a custom symptom, plus days before
    the plan, a symptom rated 0, one hidden from the catalogue, one the catalogue does not know
    and hostile notes."""
    demo = generate_demo(900, date(2027, 3, 15), seed=11)
    extra = [
        DayEntry(demo.plan.start - timedelta(days=3), (Intake(Decimal("1")),), symptoms={"insomnia": 0}),
        DayEntry(demo.plan.start - timedelta(days=1), note="=" + ALL_IN_ONE, symptoms={"retired_key": 3}),
        DayEntry(date(2027, 3, 16), note="first\rsecond", symptoms={"tinnitus": 4, "confusion": 1}),
    ]
    entries = [*reversed(demo.entries), *extra]  # the export sorts by date itself
    stored = Settings.from_record(demo.settings)
    for settings in (stored, stored.changed(hidden_symptoms=["tinnitus", "headache"]), None):
        for plan in (demo.plan, None):
            expected = days_csv_one_lookup_per_cell(entries, plan, settings)
            assert days_csv(entries, plan, settings) == expected
    assert "symptom_retired_key" in expected.splitlines()[0]


def test_the_steps_export_after_a_switch_of_form_measures_each_step_in_its_own_form():
    """Tablets until 1.25 mg, then a 0.1 mg/mL liquid (docs/DOMAIN.md §3.11)."""
    rows = list(csv.DictReader(io.StringIO(steps_csv(Plan.from_record(switching_plan())))))
    tablets, liquid = rows[5], rows[6]
    assert (tablets["start"], tablets["unit_dose"], tablets["intake_1_measured"]) == (
        "2027-03-15",
        "2 ½ tab",
        "1 ¼ tab",
    )
    assert (liquid["start"], liquid["unit_dose"], liquid["intake_doses"]) == ("2027-03-29", "11.3 mL", "5.6 mL;5.7 mL")
    assert (liquid["intake_1_mg"], liquid["intake_1_measured"], liquid["intake_2_measured"]) == (
        "0.56",
        "5.6 mL",
        "5.7 mL",
    )
    assert not any("tab" in row["intake_doses"] for row in rows[6:])
