"""CSV for spreadsheets: one row per logged day, or one row per step of the plan.

Cells hold numbers, never labels (anxiety ``4``, not "moderate"); doses and hours are exact
decimal strings. A value that was not logged is an empty cell, never 0. Symptom ratings follow
the rule the charts use (:func:`tui.core.insights.metric_value`): a symptom rated "none" is 0,
a symptom not rated that day is empty. Symptom columns are ``symptom_<key>`` so a person's own symptom can never clash with a
field name.

Free text (notes) that starts with ``=``, ``+``, ``-``, ``@`` or a tab would be run as a formula
by a spreadsheet; such a cell gets a leading ``'`` (the usual guard; the JSON export stays
lossless).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake
from tui.core.insights import metric_value, symptom_metric
from tui.core.plan_model import Plan
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
SYMPTOM_COLUMN_PREFIX = "symptom_"
DETAIL_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def intake_detail(intakes: Iterable[Intake]) -> str:
    """``0.25@08:00;0.25@20:00`` — the same ``MG@HH:MM`` as ``taper-tui log --dose`` takes."""
    return DETAIL_SEPARATOR.join(
        f"{format_decimal(i.mg)}@{i.time}" if i.time else format_decimal(i.mg) for i in intakes
    )


def symptom_columns(entries: Sequence[DayEntry], settings: dict[str, Any] | None = None) -> list[str]:
    """Symptom keys to give a column: the person's catalogue, then any other key a day rates."""
    settings = settings or {}
    shown = [
        s.key
        for s in catalogue(settings.get("custom_symptoms") or (), frozenset(settings.get("hidden_symptoms") or ()))
    ]
    extra = sorted({key for e in entries for key in e.symptoms} - set(shown))
    return shown + extra


def _number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return format_decimal(value) if isinstance(value, Decimal) else str(value)


def days_csv(entries: Sequence[DayEntry], plan: Plan | None = None, settings: dict[str, Any] | None = None) -> str:
    """One row per logged day, in date order (``planned_mg`` from the plan's step that day)."""
    entries = sorted(entries, key=lambda e: e.day)
    keys = symptom_columns(entries, settings)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*DAY_FIELDS, *(SYMPTOM_COLUMN_PREFIX + k for k in keys), "note"])
    for entry in entries:
        step = plan.step_on(entry.day) if plan is not None else None
        writer.writerow(
            [
                entry.day.isoformat(),
                format_decimal(entry.total_mg) if entry.intakes else "",
                intake_detail(entry.intakes),
                "" if step is None else format_decimal(step.dose_mg),
                _number(entry.anxiety),
                _number(entry.mood),
                _number(entry.sleep_hours),
                _number(entry.sleep_quality),
                entry.phase or "",
                *(_number(metric_value(entry, symptom_metric(k))) for k in keys),
                spreadsheet_safe(entry.note),
            ]
        )
    return buffer.getvalue()


def steps_csv(plan: Plan | None) -> str:
    """One row per step of the plan (only the header when there is no plan)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STEP_FIELDS)
    for number, step in enumerate(plan.steps if plan else (), start=1):
        writer.writerow(
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
                spreadsheet_safe(step.note),
            ]
        )
    return buffer.getvalue()
