"""Filling a DataTable with plan steps, and the dose texts every view shows beside them.

A dose is always shown in mg *and* in the unit the person measures, intake by intake
(``0.46+0.47 mg · 4.6+4.7 mL``), because a daily volume beside per-intake mg reads as one
intake and invites a double dose. The measured texts are the plan's own (:attr:`Step.intake_doses`,
made by the formulation when the plan was built); a daily figure is always labelled as one.

Flags carry a glyph as well as a word (:class:`tui.core.plan_flags.PlanFlag`), so meaning never
depends on colour alone; :func:`step_legend` explains every sign the table shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from rich.text import Text
from textual.widgets import DataTable

from tui.core import plan_model as pm
from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_flags import flag_legend, flag_summary

COLUMNS = ("", "from", "mg/day", "each intake: mg · measured", "cut %", "flags")
"""The Schedule's columns: each step ends the day before the next starts, so no end column
(the 80-column screen needs the room for the intakes)."""
COMPACT_COLUMNS = ("", "from", "mg/day", "per day", "cut %", "flags")
"""For narrow previews (the plan editor): daily figures only, each labelled as daily."""

FLAGS_WIDTH = 12
"""The flags column's width: what is left of 80 columns; a step's flags wrap onto more lines."""

STEP_MARKS = (("✓", "past step"), ("▶", "today's step"))
"""The step-marker glyphs, explained in every legend of the table."""


def mg_text(mg: Decimal) -> str:
    """``0.46 mg``."""
    return f"{format_decimal(mg)} mg"


def measured_text(mg: Decimal, measured: str) -> str:
    """``0.46 mg = 4.6 mL``; just ``0.46 mg`` when the person measures in mg."""
    shown = mg_text(mg)
    return shown if measured == shown else f"{shown} = {measured}"


def planned_intake_texts(step: pm.Step) -> tuple[str, ...]:
    """Each planned intake of ``step`` in mg and in the measured unit: ``0.46 mg = 4.6 mL``."""
    return tuple(measured_text(mg, measured) for mg, measured in zip(step.intake_mg, step.intake_doses, strict=True))


def daily_total_text(step: pm.Step) -> str:
    """``daily total 0.93 mg = 9.3 mL``: the day's dose, always labelled as the total."""
    return f"daily total {measured_text(step.dose_mg, step.unit_dose)}"


def logged_intake_text(mg: Decimal, step: pm.Step | None, formulation: Formulation | None) -> str:
    """A logged amount in mg and in the measured unit: the plan's own text when it is one of the
    day's planned intakes (or the day's dose), else the form's unit when ``formulation`` (the one
    in use that day, or None if unknown) measures it exactly, else mg alone."""
    if step is not None:
        for planned, measured in zip(step.intake_mg, step.intake_doses, strict=True):
            if planned == mg:
                return measured_text(mg, measured)
        if step.dose_mg == mg:
            return measured_text(mg, step.unit_dose)
    units = formulation.units_of(mg) if formulation is not None else None
    return mg_text(mg) if units is None or formulation is None else measured_text(mg, formulation.unit_text(units))


def formulation_on(plan: pm.Plan | None, day: date) -> Formulation | None:
    """The form measured on ``day``: the plan's current one from its start on; None before it
    (an earlier plan's form is not kept, so a past day is not said in a unit it may not have had)."""
    return plan.params.formulation if plan is not None and day >= plan.params.start else None


def intakes_cell(step: pm.Step) -> str:
    """``0.46+0.47 mg · 4.6+4.7 mL`` (one intake: ``1 mg · 10 mL``), short enough for 80 columns."""
    mg = "+".join(format_decimal(m) for m in step.intake_mg) + " mg"
    parts = [_AMOUNT_AND_UNIT.fullmatch(measured) for measured in step.intake_doses]
    units = {part.group(2) for part in parts if part is not None}
    if len(units) == 1 and all(parts):
        measured = "+".join(part.group(1) for part in parts if part is not None) + f" {units.pop()}"
    else:  # tablets (``1 ½ tab``): each intake spelled out
        measured = " + ".join(step.intake_doses)
    return mg if measured == mg else f"{mg} · {measured}"


_AMOUNT_AND_UNIT = re.compile(r"(\d+(?:\.\d+)?) ([A-Za-z][A-Za-z ]*)")
"""``4.6 mL`` / ``90 mg powder``: a plain amount and a unit in words (a tablet's ``1 ½ tab`` is not)."""


def step_marker(step: pm.Step, today: date, is_last: bool) -> str:
    """``✓`` past, ``▶`` current, blank for future steps."""
    if step.start <= today and (today <= step.end or is_last):
        return "▶"
    if step.end < today:
        return "✓"
    return " "


def step_legend(steps: Sequence[pm.Step], separator: str = " · ") -> str:
    """What every sign in the table means: the step marks, then each flag the steps carry."""
    marks = separator.join(f"{glyph} {meaning}" for glyph, meaning in STEP_MARKS)
    flags = flag_legend((code for step in steps for code in step.flag_codes), separator)
    return f"{marks}{separator}{flags}" if flags else marks


def fill_step_table(table: DataTable, steps: Iterable[pm.Step], today: date, compact: bool = False) -> None:
    """Replace the table's rows with ``steps`` (row keys are the steps' start dates)."""
    steps = list(steps)
    columns = COMPACT_COLUMNS if compact else COLUMNS
    if not table.columns:
        for label in columns:
            # A step may carry four flags: they wrap within the column rather than push the
            # table past 80 columns (a horizontal scrollbar would hide a row).
            table.add_column(label, key=label or "mark", width=FLAGS_WIDTH if label == "flags" else None)
    table.clear()
    for index, step in enumerate(steps):
        marker = step_marker(step, today, index == len(steps) - 1)
        style = "bold" if marker == "▶" else ("dim" if marker == "✓" else "")
        cut = "" if index == 0 and step.cut_pct == 0 else format_decimal(step.cut_pct)
        cells = (
            marker,
            step.start.isoformat(),
            format_decimal(step.dose_mg),
            step.unit_dose if compact else intakes_cell(step),
            cut,
            flag_summary(step.flag_codes),
        )
        table.add_row(*(Text(cell, style=style) for cell in cells), key=step.start.isoformat(), height=None)
