"""CSV for spreadsheets: one row per logged day, or one row per step of the plan.

Cells hold numbers, never labels (anxiety ``4``, not "moderate"); doses and hours are exact
decimal strings. A value that was not logged is an empty cell, never 0. Symptom ratings follow
the rule the charts use (:func:`tui.core.insights.metric_value`): a symptom rated "none" is 0,
a symptom not rated that day is empty. Symptom columns are ``symptom_<key>`` so a person's own
symptom can never clash with a field name.

Ten years are ~3,650 rows × ~25 symptom columns: each day's ratings are walked once and put in
their columns (the other cells start empty), and one CSV writer writes every row, rather than a
lookup per day and column (that was ~90,000 calls and most of half a second).

The steps export gives each intake two columns, ``intake_<n>_mg`` (a number) and
``intake_<n>_measured`` (what goes in the syringe, e.g. ``4.6 mL`` or ``1 ¼ tab``, as the step
itself words it), one pair per intake of the step with the most intakes; ``intake_doses`` and
``intakes_mg`` keep the same values joined by ``;`` for older spreadsheets.

A crossover plan (docs/DOMAIN.md §3.12) holds two drugs: its steps export adds the step's
``drug`` and the second drug's share (``second_drug``, ``second_dose_mg``, ``second_intake_doses``,
``second_intakes_mg``) before ``note``, and its days export adds the planned dose of each drug
(``planned_drug``, ``planned_second_drug``, ``planned_second_mg``) and the other drug logged
(``second_dose_total_mg``) after ``planned_mg``, so no cell adds two drugs' mg (``dose_total_mg``
and ``planned_mg`` are of the named drug). In ``doses`` an intake of another drug than the plan's
names it as ``taper-tui log --dose`` does (``0.25@20:00;diazepam:5@20:00``). A plan of one drug gets
exactly the columns it always had, so older spreadsheets keep reading it.

The file is written exactly as stored (no character is replaced: a spreadsheet is not a
terminal, and the export must be lossless apart from the formula guard below).

Free text (notes) that starts with ``=``, ``+``, ``-``, ``@`` or a tab would be run as a formula
by a spreadsheet; such a cell gets a leading ``'`` (the usual guard; the JSON export stays
lossless).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake, dose_spec
from tui.core.plan_model import Plan, Step
from tui.core.settings import Settings
from tui.core.symptoms import catalogue

DAY_FIELDS = (
    "date",
    "dose_total_mg",
    "doses",
    "planned_mg",
    "anxiety",
    "mood",
    "sleep_hours",
    "sleep_quality",
    "phase",
)
"""Columns before the symptom columns; ``note`` is always last (it is the widest)."""

STEP_FIELDS = (
    "step",
    "start",
    "end",
    "days",
    "dose_mg",
    "unit_dose",
    "intake_doses",
    "intakes_mg",
    "cut_pct",
    "flags",
    "note",
)
"""The fixed columns of the steps export; the per-intake columns go just before ``note``."""
CROSSOVER_STEP_FIELDS = ("drug", "second_drug", "second_dose_mg", "second_intake_doses", "second_intakes_mg")
"""A crossover plan's steps: the step's drug and the second drug's share (empty when none), before ``note``."""

CROSSOVER_DAY_FIELDS = ("planned_drug", "planned_second_drug", "planned_second_mg", "second_dose_total_mg")
"""A crossover plan's days: the drug ``planned_mg`` is of, the second drug planned that day, and
what was logged of any drug but the named one (``dose_total_mg`` is of the named drug)."""

SYMPTOM_COLUMN_PREFIX = "symptom_"
DETAIL_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(rows: Iterable[Sequence[object]]) -> str:
    """CSV lines each ending in ``\\n``, every cell holding ``\\r`` or ``\\n`` quoted.

    ``csv.writer`` with a ``\\n`` line end leaves a bare carriage return unquoted, and every reader
    (Python's, a spreadsheet's) then splits the row there: a note holding ``\\r`` would shift the
    rest of the day into a new row. Written with ``\\r\\n`` as the terminator, both characters
    force quoting; each line then ends in ``\\n`` like the rest of taper-tui's text files. (The
    writer hands each row to ``write`` whole, so each written line is one row.)
    """
    lines: list[str] = []
    writer = csv.writer(_LineCollector(lines), lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return "".join(line[:-2] + "\n" for line in lines)


def csv_row(cells: Sequence[object]) -> str:
    """One CSV line ending in ``\\n`` (see :func:`csv_rows`)."""
    return csv_rows((cells,))


class _LineCollector:
    """A file-like target for ``csv.writer`` that keeps each row it is given as one string."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append
        """Called by the writer once per row, with the whole line."""


def spreadsheet_safe(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def intake_detail(intakes: Iterable[Intake]) -> str:
    """``0.25@08:00;diazepam:5@20:00`` — the same ``[DRUG:]MG@HH:MM`` as ``taper-tui log --dose`` takes."""
    return DETAIL_SEPARATOR.join(dose_spec(i) for i in intakes)


def symptom_columns(entries: Sequence[DayEntry], settings: Settings | None = None) -> list[str]:
    """Symptom keys to give a column: the person's catalogue, then any other key a day rates."""
    settings = settings or Settings()
    shown = [s.key for s in catalogue(settings.custom_symptoms, frozenset(settings.hidden_symptoms))]
    extra = sorted({key for e in entries for key in e.symptoms} - set(shown))
    return shown + extra


def _number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return format_decimal(value) if isinstance(value, Decimal) else str(value)


def days_csv(entries: Sequence[DayEntry], plan: Plan | None = None, settings: Settings | None = None) -> str:
    """One row per logged day, in date order (``planned_mg`` from the plan's step that day)."""
    entries = sorted(entries, key=lambda e: e.day)
    keys = symptom_columns(entries, settings)
    column = {key: index for index, key in enumerate(keys)}  # every rated key has one (symptom_columns)
    unrated = [""] * len(keys)
    return csv_rows(_day_rows(entries, plan, keys, column, unrated))


def _day_rows(
    entries: Sequence[DayEntry], plan: Plan | None, keys: list[str], column: dict[str, int], unrated: list[str]
) -> Iterator[list[object]]:
    crossover = plan is not None and plan.params.crosses_over
    extra = CROSSOVER_DAY_FIELDS if crossover else ()
    after_planned = DAY_FIELDS.index("planned_mg") + 1
    yield [
        *DAY_FIELDS[:after_planned],
        *extra,
        *DAY_FIELDS[after_planned:],
        *(SYMPTOM_COLUMN_PREFIX + k for k in keys),
        "note",
    ]
    planned: dict[int, list[str]] = {}  # a step's dose cells, by the step's index: written once per step
    # The planned cells of a day outside the plan (the logged second_dose_total_mg is written apart).
    unplanned = [""] * (len(extra) if crossover else 1)
    for entry in entries:
        index = plan.step_index_on(entry.day) if plan is not None else None
        if plan is not None and index is not None and index not in planned:
            step = plan.steps[index]
            planned[index] = [format_decimal(step.dose_mg), *(_planned_drugs(plan, step) if crossover else ())]
        ratings = unrated.copy()
        for key, level in entry.symptoms.items():
            ratings[column[key]] = _number(level)  # rated "none" is 0; not rated stays empty
        total, other = _logged_totals(plan, entry, index) if crossover else (_total(entry.intakes), "")
        yield [
            entry.day.isoformat(),
            total,
            intake_detail(entry.intakes),
            *(unplanned if index is None else planned[index]),
            *((other,) if crossover else ()),
            _number(entry.anxiety),
            _number(entry.mood),
            _number(entry.sleep_hours),
            _number(entry.sleep_quality),
            entry.phase or "",
            *ratings,
            spreadsheet_safe(entry.note),
        ]


def _total(intakes: Sequence[Intake]) -> str:
    """The intakes' mg added up; empty when none."""
    return format_decimal(sum((i.mg for i in intakes), Decimal(0))) if intakes else ""


def _logged_totals(plan: Plan | None, entry: DayEntry, index: int | None) -> tuple[str, str]:
    """A crossover plan's day: (mg logged of the named drug, mg logged of any other), each empty when none."""
    assert plan is not None
    named = plan.drug_of(plan.steps[index]) if index is not None else plan.params.drug
    own = [i for i in entry.intakes if (i.drug or plan.params.drug) == named]
    others = [i for i in entry.intakes if (i.drug or plan.params.drug) != named]
    return (_total(own) or "0") if entry.intakes else "", _total(others)


def _planned_drugs(plan: Plan, step: Step) -> list[str]:
    """The drug ``planned_mg`` is of, and the second drug's name and mg (empty when none)."""
    also = step.also
    return [plan.drug_of(step), also.drug if also else "", format_decimal(also.dose_mg) if also else ""]


def _second_drug(plan: Plan, step: Step) -> list[str]:
    """A crossover plan's step: its drug, and the second drug's name, daily mg and intakes."""
    also = step.also
    if also is None:
        return [plan.drug_of(step), "", "", "", ""]
    return [
        plan.drug_of(step),
        also.drug,
        format_decimal(also.dose_mg),
        DETAIL_SEPARATOR.join(also.intake_doses),
        DETAIL_SEPARATOR.join(format_decimal(mg) for mg in also.intake_mg),
    ]


def intake_columns(count: int) -> list[str]:
    """``intake_1_mg, intake_1_measured, …`` for ``count`` intakes."""
    return [f"intake_{n}_{what}" for n in range(1, count + 1) for what in ("mg", "measured")]


def steps_csv(plan: Plan | None) -> str:
    """One row per step of the plan (only the fixed header when there is no plan)."""
    steps = plan.steps if plan else ()
    most = max((len(step.intake_mg) for step in steps), default=0)
    crossover = plan is not None and plan.params.crosses_over
    extra = CROSSOVER_STEP_FIELDS if crossover else ()
    lines = [csv_row([*STEP_FIELDS[:-1], *intake_columns(most), *extra, STEP_FIELDS[-1]])]
    for number, step in enumerate(steps, start=1):
        per_intake = [
            cell
            for mg, measured in zip(step.intake_mg, step.intake_doses, strict=True)
            for cell in (format_decimal(mg), measured)
        ]
        lines.append(
            csv_row(
                [
                    number,
                    step.start.isoformat(),
                    step.end.isoformat(),
                    step.days,
                    format_decimal(step.dose_mg),
                    step.unit_dose,
                    DETAIL_SEPARATOR.join(step.intake_doses),
                    DETAIL_SEPARATOR.join(format_decimal(mg) for mg in step.intake_mg),
                    format_decimal(step.cut_pct),
                    DETAIL_SEPARATOR.join(step.flag_codes),
                    *per_intake,
                    *[""] * (2 * most - len(per_intake)),
                    *(_second_drug(plan, step) if plan is not None and crossover else ()),
                    spreadsheet_safe(step.note),
                ]
            )
        )
    return "".join(lines)
