"""Plan steps (or a micro-taper's weeks) as table rows, and the dose texts every view shows beside them.

A dose is always shown in mg *and* in the unit the person measures, intake by intake
(``0.46+0.47 mg · 4.6+4.7 mL``), because a daily volume beside per-intake mg reads as one
intake and invites a double dose. The measured texts are the plan's own (:attr:`Step.intake_doses`,
made by the formulation when the plan was built); a daily figure is always labelled as one.

A step of a crossover (docs/DOMAIN.md §3.12) holds another drug than the plan's, or two: its
texts come from :mod:`tui.core.step_drugs`, each intake naming its drug(s), so a dose is never read
as the wrong drug's. A crossover plan's rows have no mg/day column: the day (``daily total ≈ 20 mg
diazepam``) is the first line of the cell and each numbered intake a line under it
(:mod:`tui.core.step_rows`), so the day never runs into the first intake. A plan of one drug reads
as before.

Flags carry a glyph as well as a word (:class:`tui.core.plan_flags.PlanFlag`), so meaning never
depends on colour alone; :func:`step_legend` explains every sign the table shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.text import Text

from tui.core import plan_model as pm
from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.intake_text import STOPPED
from tui.core.measured_forms import form_on
from tui.core.plan_flags import flag_legend, flag_summary
from tui.core.plan_weeks import PlanWeek
from tui.core.step_drugs import (
    names_drugs,
    step_daily_totals,
    step_diazepam,
    step_intake_texts,
)
from tui.core.step_rows import crossover_step_lines
from tui.ui.widgets.line_table import PADDING, LineTable, TableColumn

if TYPE_CHECKING:  # only the plan preview's table is one: Today imports this module for its texts
    from textual.widgets import DataTable

COLUMNS = ("", "from", "mg/day", "each intake: mg · measured", "cut %", "flags")
"""The Schedule's columns: each step ends the day before the next starts, so no end column
(the 80-column screen needs the room for the intakes)."""
WEEK_COLUMNS = ("", "week of", "mg/day", "each intake: mg · measured", "cut %", "flags")
"""A micro-taper read by the week: each dose from the week's first day → its last."""
COMPACT_COLUMNS = ("", "from", "mg/day", "per day", "cut %", "flags")
"""For narrow previews (the plan editor): daily figures only, each labelled as daily."""
CROSSOVER_COLUMNS = ("", "from", "the day's total, then each intake", "cut %", "flags")
"""A crossover's: the day (≈ diazepam) is the first line of the cell and each numbered intake
one a line under it; beside a daily column, ``≈ 20 mg`` ran into the first intake on one line."""

FLAGS_WIDTH = 12
"""The flags column's width: what is left of 80 columns; a step's flags wrap onto more lines."""

MIN_INTAKES_WIDTH = 20
"""The narrowest a week's intakes column gets: it wraps within what the other columns leave."""

STEP_MARKS = (("✓", "past step"), ("▶", "today's step"))
"""The step-marker glyphs, explained in every legend of the table."""


def mg_text(mg: Decimal) -> str:
    """``0.46 mg``."""
    return f"{format_decimal(mg)} mg"


def measured_text(mg: Decimal, measured: str) -> str:
    """``0.46 mg = 4.6 mL``; just ``0.46 mg`` when the person measures in mg."""
    shown = mg_text(mg)
    return shown if measured == shown else f"{shown} = {measured}"


def planned_intake_texts(plan: pm.Plan, step: pm.Step) -> tuple[str, ...]:
    """Each planned intake of ``step`` in mg and in the measured unit: ``0.46 mg = 4.6 mL``
    (a crossover's: ``clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab``)."""
    return step_intake_texts(plan, step)


def daily_total_text(plan: pm.Plan, step: pm.Step) -> str:
    """``daily total 0.93 mg = 9.3 mL``: the day's dose, always labelled as the total (a
    crossover's: ``daily total clonazepam 0.75 mg + diazepam 5 mg``)."""
    return step_daily_totals(plan, step)


def diazepam_day_text(plan: pm.Plan, step: pm.Step) -> str:
    """A crossover step's day as ≈ diazepam with its source (two drugs' mg cannot be added);
    ``""`` for a step of the plan's own drug, or when a drug in it has no figure."""
    equivalent = step_diazepam(plan, step) if names_drugs(step) else None
    return "" if equivalent is None else equivalent.describe()


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
    """The form measured on ``day``: that day's step's (the second one after a switch of form);
    the rule, and why a day may have none, is :func:`tui.core.measured_forms.form_on`."""
    return form_on(plan, day)


def intakes_cell(step: pm.Step) -> str:
    """``0.46+0.47 mg · 4.6+4.7 mL`` (one intake: ``1 mg · 10 mL``), short enough for 80 columns."""
    mg = "+".join(format_decimal(m) for m in step.intake_mg) + " mg"
    parts = [_AMOUNT_AND_UNIT.fullmatch(measured) for measured in step.intake_doses]
    units = {part.group(2) for part in parts if part is not None}
    # "0 tab" reads as a tablet to take: tablets with an intake at 0 mg are spelled out, that one as stopped
    if len(units) == 1 and all(parts) and not (units == {"tab"} and 0 in step.intake_mg):
        measured = "+".join(part.group(1) for part in parts if part is not None) + f" {units.pop()}"
    else:  # tablets (``1 ½ tab``): each intake spelled out
        stopped = STOPPED.strip("()")
        measured = " + ".join(stopped if m == 0 else d for m, d in zip(step.intake_mg, step.intake_doses, strict=True))
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


def daily_mg_cell(plan: pm.Plan, step: pm.Step) -> str:
    """The mg/day cell of a plan of one drug: ``0.93`` (a crossover's day is :func:`crossover_day_text`)."""
    return format_decimal(step.dose_mg)


def crosses_over(plan: pm.Plan) -> bool:
    """True when a step of ``plan`` names its drugs: its rows are :data:`CROSSOVER_COLUMNS`'."""
    return any(names_drugs(step) for step in plan.steps)


def crossover_cells(plan: pm.Plan, index: int, today: date) -> tuple[Text, ...]:
    """Row ``index`` of a crossover plan's table (:data:`CROSSOVER_COLUMNS`): mark, start, the
    day's total over the numbered intakes, cut, flags."""
    steps = plan.steps
    step = steps[index]
    marker = step_marker(step, today, index == len(steps) - 1)
    cut = "" if index == 0 and step.cut_pct == 0 else format_decimal(step.cut_pct)
    day = "\n".join(crossover_step_lines(plan, step))
    return _styled((marker, step.start.isoformat(), day, cut, flag_summary(step.flag_codes)), marker)


def step_cells(plan: pm.Plan, index: int, today: date, compact: bool = False) -> tuple[Text, ...]:
    """Row ``index`` of ``plan``'s steps table: mark, start, daily mg, intakes, cut, flags; today's
    step bold, past ones dim. A crossover plan's rows are :func:`crossover_cells`."""
    if crosses_over(plan):
        return crossover_cells(plan, index, today)
    steps = plan.steps
    step = steps[index]
    marker = step_marker(step, today, index == len(steps) - 1)
    cut = "" if index == 0 and step.cut_pct == 0 else format_decimal(step.cut_pct)
    intakes = step.unit_dose if compact else intakes_cell(step)
    cells = (
        marker,
        step.start.isoformat(),
        daily_mg_cell(plan, step),
        intakes,
        cut,
        flag_summary(step.flag_codes),
    )
    return _styled(cells, marker)


def _styled(cells: Iterable[str], marker: str) -> tuple[Text, ...]:
    style = "bold" if marker == "▶" else ("dim" if marker == "✓" else "")
    return tuple(Text(cell, style=style) for cell in cells)


def fill_step_table(table: DataTable, plan: pm.Plan, today: date, compact: bool = False) -> None:
    """Replace a DataTable's rows with ``plan``'s steps (row keys are the steps' start dates)."""
    steps = plan.steps
    columns = CROSSOVER_COLUMNS if crosses_over(plan) else COMPACT_COLUMNS if compact else COLUMNS
    if tuple(str(column.label) for column in table.columns.values()) != columns:
        table.clear(columns=True)  # a plan with or without a crossover: other columns
        for label in columns:
            # A step may carry four flags: they wrap within the column rather than push the
            # table past 80 columns (a horizontal scrollbar would hide a row).
            table.add_column(label, key=label or "mark", width=FLAGS_WIDTH if label == "flags" else None)
    table.clear()
    for index, step in enumerate(steps):
        table.add_row(*step_cells(plan, index, today, compact), key=step.start.isoformat(), height=None)


def _columns(labels: Sequence[str], rows: Sequence[Sequence[Text]], room: int | None = None) -> list[TableColumn]:
    """Each column as wide as its widest cell line, flags wrapping at FLAGS_WIDTH, so nothing is
    cut; with ``room`` (the table's width), the intakes wrap (a week's: mg, then the measured
    amounts) within what the other columns leave."""
    columns = []
    wide = 2 if labels == CROSSOVER_COLUMNS else 3  # the intakes: what wraps to fit the room
    for index, label in enumerate(labels):
        widest = max([len(label)] + [line.cell_len for row in rows for line in row[index].split("\n")])
        if label == "flags":  # no wider than the flags shown: an empty column leaves the intakes room
            columns.append(TableColumn(label, min(FLAGS_WIDTH, widest), wrap=True))
        else:  # a cell of more than one line (a crossover's) is shown line by line
            columns.append(TableColumn(label, widest, wrap=any("\n" in row[index].plain for row in rows)))
    if room is not None:
        intakes = columns[wide]
        left = room - sum(column.width + 2 * PADDING for column in columns if column is not intakes) - 2 * PADDING
        columns[wide] = TableColumn(intakes.label, min(intakes.width, max(MIN_INTAKES_WIDTH, left)), wrap=True)
    return columns


def show_steps(table: LineTable, plan: pm.Plan, today: date, room: int | None = None) -> None:
    """Fill ``table`` with one row per step of ``plan`` (row keys are the steps' start dates);
    with ``room``, an intakes cell wider than what the other columns leave wraps (a crossover's)."""
    steps = plan.steps
    rows = [step_cells(plan, index, today) for index in range(len(steps))]
    if crosses_over(plan):
        columns = _columns(CROSSOVER_COLUMNS, rows, room)
    else:
        columns = _columns(COLUMNS, rows, room)
        rows = [_measured_under_mg(row, columns[3].width) for row in rows]
    table.set_columns(columns)
    table.set_rows([step.start.isoformat() for step in steps], rows.__getitem__)


def _measured_under_mg(row: tuple[Text, ...], width: int) -> tuple[Text, ...]:
    """A row whose ``mg · measured`` cell is wider than its column, with the measured amounts on a
    second line (as a week's row has them): wrapped at its last space, the unit was left alone
    on a line of its own (``4.5+4.5+4.5`` / ``mL``)."""
    cell = row[3]
    if cell.cell_len <= width or "\n" in cell.plain or " · " not in cell.plain:
        return row
    mg, _sep, measured = cell.plain.partition(" · ")
    return (*row[:3], Text(f"{mg}\n{measured}", style=cell.style), *row[4:])


def week_marker(week: PlanWeek, today: date, is_last: bool) -> str:
    """``✓`` past week, ``▶`` this week (or the last, once the plan has ended), blank for later ones."""
    if week.start <= today and (today <= week.end or is_last):
        return "▶"
    return "✓" if week.end < today else " "


WEEK_INTAKE_SEPARATOR = " · "
"""Between the intakes of a week's row (each a first→last range)."""


def _range(first: str, last: str) -> str:
    return first if first == last else f"{first}→{last}"


def week_intakes_cell(week: PlanWeek) -> str:
    """Each intake from the week's first day to its last, the measured amounts on a second line:
    ``0.5→0.48 · 0.5→0.49 mg`` / ``5→4.8 · 5→4.9 mL``. The intakes are parted by `` · ``, not
    ``+``: ``0.48+0.5`` between two ranges reads as one intake's sum."""
    first, last = week.first, week.last
    if len(first.intake_mg) != len(last.intake_mg):  # the number of intakes changed in the week
        return f"{intakes_cell(first)} → {intakes_cell(last)}"
    mg = WEEK_INTAKE_SEPARATOR.join(
        _range(format_decimal(a), format_decimal(b)) for a, b in zip(first.intake_mg, last.intake_mg, strict=True)
    )
    parts = [_AMOUNT_AND_UNIT.fullmatch(measured) for measured in first.intake_doses + last.intake_doses]
    units = {part.group(2) for part in parts if part is not None}
    count = len(first.intake_doses)
    if len(units) == 1 and all(parts):
        amounts = [part.group(1) for part in parts if part is not None]
        measured = WEEK_INTAKE_SEPARATOR.join(_range(amounts[i], amounts[count + i]) for i in range(count))
        measured += f" {units.pop()}"
    else:  # tablets (``1 ½ tab``): each intake spelled out
        measured = WEEK_INTAKE_SEPARATOR.join(
            _range(a, b) for a, b in zip(first.intake_doses, last.intake_doses, strict=True)
        )
    mg += " mg"
    return mg if measured == mg else f"{mg}\n{measured}"  # the measured amounts under the mg


def week_cells(weeks: Sequence[PlanWeek], index: int, today: date) -> tuple[Text, ...]:
    """Row ``index`` of a weeks table: mark, first day, daily mg first→last, intakes, the week's cut, flags."""
    week = weeks[index]
    marker = week_marker(week, today, index == len(weeks) - 1)
    cells = (
        marker,
        week.start.isoformat(),
        _range(format_decimal(week.first.dose_mg), format_decimal(week.last.dose_mg)),
        week_intakes_cell(week),
        format_decimal(week.cut_pct),
        flag_summary(week.flag_codes),
    )
    return _styled(cells, marker)


def show_weeks(table: LineTable, weeks: Sequence[PlanWeek], today: date, room: int) -> None:
    """Fill ``table`` with one row per week (row keys are the weeks' first days); the intakes
    wrap so that the columns fit in ``room`` cells."""
    rows = [week_cells(weeks, index, today) for index in range(len(weeks))]
    table.set_columns(_columns(WEEK_COLUMNS, rows, room))
    table.set_rows([week.start.isoformat() for week in weeks], rows.__getitem__)
