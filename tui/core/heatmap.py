"""Calendar heat map of the total symptom score: a month or a year, one cell a day.

Each cell carries a *level* 0–4 and two glyphs for it, so the map reads without colour
(NO_COLOR, a monochrome terminal, a printed report):

====== ============== ===== =====
level  total score    digit shade
====== ============== ===== =====
none   not logged     ``·`` ``·``
0      0              ``0`` ``□`` (an empty box: logged, no symptoms — not "no data")
1      1–4            ``1`` ``░``
2      5–9            ``2`` ``▒``
3      10–19          ``3`` ``▓``
4      20 and more    ``4`` ``█``
====== ============== ===== =====

The bands are fixed (not scaled to the person's worst day) so that a month means the same
next year as it does today; pass other ``bands`` for a person who tracks few symptoms. A
"total score" is the sum of 0–4 ratings and follows :mod:`tui.core.insights`: a day logged
without any rating has no score.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tui.core.entry import DayEntry
from tui.core.insights import TOTAL, metric_value

DEFAULT_BANDS: tuple[int, ...] = (1, 5, 10, 20)
"""Lowest total score of levels 1, 2, 3 and 4 (level 0 is a score of 0)."""

NO_DATA_GLYPH = "·"
LEVEL_DIGITS = ("0", "1", "2", "3", "4")
LEVEL_SHADES = ("□", "░", "▒", "▓", "█")


@dataclass(frozen=True)
class HeatCell:
    """One day of the map.

    Attributes:
        day: The date.
        score: The total symptom score, ``None`` when the day has none.
        level: 0–4 from :data:`DEFAULT_BANDS` (or the bands given), ``None`` without a score.
        digit: The level as a digit, or ``·`` without a score.
        shade: The level as a block glyph, or ``·`` without a score.
    """

    day: date
    score: int | None
    level: int | None
    digit: str
    shade: str


@dataclass(frozen=True)
class HeatMonth:
    """One month laid out as calendar weeks, Monday first.

    Attributes:
        year: The year.
        month: 1–12.
        weeks: Rows of 7 cells; ``None`` for the days of the first and last week that belong
            to the neighbouring months.
    """

    year: int
    month: int
    weeks: tuple[tuple[HeatCell | None, ...], ...]

    @property
    def title(self) -> str:
        """``March 2027``."""
        return f"{calendar.month_name[self.month]} {self.year}"

    def cells(self) -> list[HeatCell]:
        """The month's days in date order."""
        return [cell for week in self.weeks for cell in week if cell is not None]


def level_of(score: int | None, bands: Sequence[int] = DEFAULT_BANDS) -> int | None:
    """The 0–4 level of a total score (``None`` stays ``None``)."""
    if score is None:
        return None
    return sum(1 for low in bands if score >= low)


def heat_cell(day: date, score: int | None, bands: Sequence[int] = DEFAULT_BANDS) -> HeatCell:
    """The cell for one day's score."""
    level = level_of(score, bands)
    if level is None:
        return HeatCell(day, None, None, NO_DATA_GLYPH, NO_DATA_GLYPH)
    return HeatCell(day, score, level, LEVEL_DIGITS[level], LEVEL_SHADES[level])


def legend(bands: Sequence[int] = DEFAULT_BANDS) -> list[tuple[str, str, str]]:
    """``(digit, shade, meaning)`` rows for the key under the map, ``·`` first."""
    rows = [(NO_DATA_GLYPH, NO_DATA_GLYPH, "not logged"), (LEVEL_DIGITS[0], LEVEL_SHADES[0], "0")]
    for level, low in enumerate(bands, start=1):
        high = bands[level] - 1 if level < len(bands) else None
        meaning = f"{low}+" if high is None else (str(low) if high == low else f"{low}–{high}")
        rows.append((LEVEL_DIGITS[level], LEVEL_SHADES[level], meaning))
    return rows


def _scores(entries: Sequence[DayEntry], first: date, last: date) -> dict[date, int]:
    scores = {}
    for entry in entries:
        if first <= entry.day <= last:
            value = metric_value(entry, TOTAL)
            if value is not None:
                scores[entry.day] = int(value)
    return scores


def month_map(entries: Sequence[DayEntry], year: int, month: int, bands: Sequence[int] = DEFAULT_BANDS) -> HeatMonth:
    """The heat map of one month."""
    if len(bands) != len(LEVEL_DIGITS) - 1:
        raise ValueError(f"give {len(LEVEL_DIGITS) - 1} band edges, one per level above 0")
    days_in_month = calendar.monthrange(year, month)[1]
    first = date(year, month, 1)
    scores = _scores(entries, first, date(year, month, days_in_month))
    weeks = []
    for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month):
        weeks.append(tuple(heat_cell(day, scores.get(day), bands) if day.month == month else None for day in week))
    return HeatMonth(year, month, tuple(weeks))


def year_map(entries: Sequence[DayEntry], year: int, bands: Sequence[int] = DEFAULT_BANDS) -> list[HeatMonth]:
    """Twelve :func:`month_map` s of ``year``, January first (for a 3×4 or 4×3 grid)."""
    return [month_map(entries, year, month, bands) for month in range(1, 13)]


def year_strip(
    entries: Sequence[DayEntry], end: date, bands: Sequence[int] = DEFAULT_BANDS
) -> list[tuple[HeatCell | None, ...]]:
    """The 53 weeks ending with the week of ``end`` as columns of 7 cells (Monday first).

    The compact year view (53 columns fit 80×24). Days after ``end`` are ``None`` so a
    "current" map does not show the future as unlogged.
    """
    last_monday = end - timedelta(days=end.weekday())
    first_monday = last_monday - timedelta(weeks=52)
    scores = _scores(entries, first_monday, end)
    columns = []
    for week in range(53):
        monday = first_monday + timedelta(weeks=week)
        column = []
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            column.append(None if day > end else heat_cell(day, scores.get(day), bands))
        columns.append(tuple(column))
    return columns
