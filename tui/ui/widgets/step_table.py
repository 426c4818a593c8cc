"""Filling a DataTable with plan steps: dates, mg, the measured unit, actual cut %, flags.

Flags carry a glyph as well as a word, so meaning never depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual.widgets import DataTable

from tui.core import plan_model as pm
from tui.core.doses import format_decimal

FLAG_GLYPHS: dict[str, tuple[str, str]] = {
    pm.HOLD: ("‖", "hold"),
    pm.HELD: ("‖", "held"),
    pm.ABOVE_PLANNED: ("▲", ">plan"),
    pm.ONE_INCREMENT: ("·", "1 inc"),
    pm.OVER_10: ("⚠", ">10%"),
    pm.OVER_25_IN_14: ("‼", ">25%/14d"),
    pm.TOO_COARSE: ("◇", "coarse"),
    pm.LINEAR: ("╱", "linear"),
    pm.STOP: ("■", "stop"),
    pm.STOP_ABOVE_JUMP_OFF: ("‼", "stop>jump"),
    pm.LENGTHENED: ("↔", "longer"),
    pm.SCALE_UNRELIABLE: ("≈", "scale"),
    pm.INCREASE: ("↑", "up"),
    pm.TARGET: ("◎", "target"),
}
"""Flag code → (glyph, short word) for tables; the full sentence is in the step's flags."""

COLUMNS = ("", "from", "to", "mg/day", "measure", "cut %", "flags")
COMPACT_COLUMNS = ("", "from", "mg/day", "measure", "cut %", "flags")
"""Without the end date, for narrow previews (each step ends the day before the next starts)."""


def flag_summary(codes: Iterable[str]) -> str:
    """``⚠ >10% ▲ >plan`` for a step's flag codes."""
    return " ".join(f"{FLAG_GLYPHS[c][0]} {FLAG_GLYPHS[c][1]}" if c in FLAG_GLYPHS else c for c in codes)


def step_marker(step: pm.Step, today: date, is_last: bool) -> str:
    """``✓`` past, ``▶`` current, blank for future steps."""
    if step.start <= today and (today <= step.end or is_last):
        return "▶"
    if step.end < today:
        return "✓"
    return " "


def fill_step_table(table: DataTable, steps: Iterable[pm.Step], today: date, compact: bool = False) -> None:
    """Replace the table's rows with ``steps`` (row keys are the steps' start dates)."""
    steps = list(steps)
    columns = COMPACT_COLUMNS if compact else COLUMNS
    if not table.columns:
        for label in columns:
            table.add_column(label, key=label or "mark")
    table.clear()
    for index, step in enumerate(steps):
        marker = step_marker(step, today, index == len(steps) - 1)
        style = "bold" if marker == "▶" else ("dim" if marker == "✓" else "")
        cut = "" if index == 0 and step.cut_pct == 0 else format_decimal(step.cut_pct)
        cells = (
            marker,
            step.start.isoformat(),
            step.end.isoformat(),
            format_decimal(step.dose_mg),
            step.unit_dose,
            cut,
            flag_summary(step.flag_codes),
        )
        if compact:
            cells = cells[:2] + cells[3:]
        table.add_row(*(Text(cell, style=style) for cell in cells), key=step.start.isoformat())
