"""CutTable: "before / after each cut" — one row per cut, the most recent at the bottom.

Per cut: the date, the dose before → after (and the cut %), the mean total symptom score of
the 7 days before, of days 1–7 and of days 8–14 after (with the change from before as
``▲ +2.1`` worse / ``▼ −0.8`` better, so the direction never rests on colour), and the worst
day (days since the cut, and its score). Means stand on logged days only; a mean of fewer
than :data:`FEW_DAYS` logged days is marked ``*``. Shows as many of the latest cuts as fit, and
under them a key line that says what ``*`` and ``d13 36`` mean (a number is never left to guess).
The doses are the plan's in its chart unit: ≈ diazepam mg on a plan with a crossover, said in the
header (:func:`tui.core.intake_drugs.chart_unit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.insights import CutResponse, WindowMean
from tui.core.intake_drugs import chart_step_dose
from tui.core.plan_model import Plan
from tui.core.scales import Metric

FEW_DAYS = 4
TITLE = f"Each cut, the week before vs after · mean {Metric.TOTAL.name_text} ({Metric.TOTAL.unit_text})"


def header(unit: str = "mg") -> str:
    """The column names; the dose column in ``unit`` (``≈ diazepam mg`` leaves no room for "before → after",
    which each row's arrow says)."""
    doses = "mg before → after" if unit == "mg" else unit
    return f"{'cut':<10}  {doses:<20}  {'before':>6}  {'days 1–7':>12}  {'days 8–14':>12}  {'worst':>7}"


KEY = f"▲ worse ▼ better · * under {FEW_DAYS} days logged · worst d13 36: day 13 after, 36"
"""What the table's marks mean, shown under its rows."""


@dataclass(frozen=True)
class CutRow:
    """One cut with its doses: what the table shows per row."""

    response: CutResponse
    dose_before: Decimal | None
    dose_after: Decimal | None


def _dose_on(day: date, entries: Sequence[DayEntry], plan: Plan | None) -> Decimal | None:
    """The planned daily dose on ``day`` in the plan's chart unit; without a plan, the last dose logged by then."""
    if plan is not None:
        step = plan.step_on(day)
        return None if step is None else chart_step_dose(plan, step)
    logged = [e for e in entries if e.day <= day and e.intakes]
    return logged[-1].total_mg if logged else None


def cut_rows(
    responses: Sequence[CutResponse], entries: Sequence[DayEntry], plan: Plan | None, start: date, end: date
) -> list[CutRow]:
    """The table rows for the cuts from ``start`` to ``end``, with the dose before and after each."""
    return [
        CutRow(r, _dose_on(r.cut - timedelta(days=1), entries, plan), _dose_on(r.cut, entries, plan))
        for r in responses
        if start <= r.cut <= end
    ]


def _mean(window: WindowMean) -> str:
    if window.mean is None:
        return "–"
    mark = "*" if window.logged_days < min(FEW_DAYS, window.days) else ""
    return f"{window.mean:.1f}{mark}"


def _change(after: WindowMean, change: float | None) -> str:
    text = _mean(after)
    if change is None:
        return text
    if abs(change) < 0.05:
        return f"{text} = 0.0"
    arrow = "▲" if change > 0 else "▼"
    return f"{text} {arrow}{change:+.1f}".replace("-", "−")


def _doses(row: CutRow) -> str:
    before, after = row.dose_before, row.dose_after
    if before is None or after is None:
        return "–"
    text = f"{format_decimal(before)} → {format_decimal(after)}"
    if before > 0:
        text += f" {round(float((after - before) / before * 100)):+d}%".replace("-", "−")
    return text


def row_text(row: CutRow) -> str:
    """One line of the table."""
    response = row.response
    peak = "–" if response.peak_offset is None else f"d{response.peak_offset} {response.peak_value:g}"
    return (
        f"{response.cut.isoformat():<10}  {_doses(row):<20}  {_mean(response.before):>6}  "
        f"{_change(response.days_1_7, response.change_1_7):>12}  "
        f"{_change(response.days_8_14, response.change_8_14):>12}  {peak:>7}"
    )


class CutTable(Widget):
    """The latest cuts of the chart's window, newest last, as many as the height allows."""

    DEFAULT_CSS = """
    CutTable {
        height: 9;
        padding: 0 1;
    }
    CutTable > .cut-table--title {
        text-style: bold;
        color: $primary;
    }
    CutTable > .cut-table--header {
        text-style: underline;
        color: $text-muted;
    }
    CutTable > .cut-table--key {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cut-table--title", "cut-table--header", "cut-table--key"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[CutRow] = []
        """Every cut in the window, oldest first (the widget shows the latest that fit)."""
        self.unit = "mg"
        """What the dose column is in (:func:`tui.core.intake_drugs.chart_unit`)."""

    def show(self, rows: list[CutRow], unit: str = "mg") -> None:
        """Replace the rows (their doses in ``unit``) and repaint."""
        self.rows = rows
        self.unit = unit
        self.refresh()

    def visible_rows(self) -> list[CutRow]:
        """The rows that fit between the title and header lines and the key line."""
        room = max(0, self.size.height - 3)
        return self.rows[-room:] if room else []

    def render(self) -> Text:
        title_style = self.get_component_rich_style("cut-table--title")
        header_style = self.get_component_rich_style("cut-table--header")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(TITLE, style=title_style)
        text.append("\n")
        text.append(header(self.unit), style=header_style)
        if not self.rows:
            text.append("\nNo cut in these days. ← / h to look further back, r for a longer range.")
            return text
        for row in self.visible_rows():
            text.append("\n" + row_text(row))
        text.append("\n" + KEY, style=self.get_component_rich_style("cut-table--key"))
        return text
