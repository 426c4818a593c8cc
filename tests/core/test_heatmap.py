"""Calendar heat map cells, levels and layout."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tui.core.entry import DayEntry, Intake
from tui.core.heatmap import NO_DATA_GLYPH, heat_cell, legend, level_of, month_map, year_map, year_strip


def rated(day: date, total: int) -> DayEntry:
    symptoms = {}
    for key in ("insomnia", "headache", "tremor", "nausea", "tinnitus", "brain_fog"):
        if total <= 0:
            break
        symptoms[key] = min(4, total)
        total -= symptoms[key]
    return DayEntry(day=day, symptoms=symptoms, anxiety=2)


def test_levels_follow_the_bands():
    assert [level_of(s) for s in (None, 0, 1, 4, 5, 9, 10, 19, 20, 108)] == [None, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert level_of(3, bands=(1, 2, 3, 4)) == 3


def test_every_level_has_its_own_digit_and_shade():
    cells = [heat_cell(date(2027, 1, 1), s) for s in (0, 1, 5, 10, 20)]
    assert [c.digit for c in cells] == ["0", "1", "2", "3", "4"]
    assert len({c.shade for c in cells}) == 5
    empty = heat_cell(date(2027, 1, 1), None)
    assert (empty.digit, empty.shade, empty.level) == (NO_DATA_GLYPH, NO_DATA_GLYPH, None)
    assert NO_DATA_GLYPH not in {c.shade for c in cells}


def test_legend_names_each_band():
    assert [row[2] for row in legend()] == ["not logged", "0", "1–4", "5–9", "10–19", "20+"]


def test_month_layout_monday_first_with_gaps_and_unrated_days():
    # March 2027 starts on a Monday and has 31 days: 5 weeks.
    entries = [
        rated(date(2027, 3, 1), 0),
        rated(date(2027, 3, 2), 12),
        DayEntry(day=date(2027, 3, 3), intakes=(Intake(Decimal("0.5"), "08:00"),)),  # no rating: no score
        rated(date(2027, 3, 31), 25),
        rated(date(2027, 4, 1), 25),  # other month: not shown
    ]
    month = month_map(entries, 2027, 3)
    assert month.title == "March 2027"
    assert len(month.weeks) == 5 and all(len(w) == 7 for w in month.weeks)
    first_week = month.weeks[0]
    assert [c.digit for c in first_week[:4]] == ["0", "3", NO_DATA_GLYPH, NO_DATA_GLYPH]
    assert first_week[2].score is None
    last_week = month.weeks[-1]
    assert last_week[2].digit == "4" and last_week[3] is None  # 31 March is a Wednesday
    assert [c.day for c in month.cells()] == [date(2027, 3, 1) + timedelta(days=i) for i in range(31)]


def test_month_with_leading_days_of_the_previous_month():
    month = month_map([], 2027, 2)  # 1 Feb 2027 is a Monday, 28 days: exactly 4 weeks
    assert len(month.weeks) == 4
    april = month_map([], 2027, 4)  # 1 April 2027 is a Thursday
    assert april.weeks[0][:3] == (None, None, None)


def test_bad_bands_are_refused():
    with pytest.raises(ValueError):
        month_map([], 2027, 1, bands=(1, 2))


def test_year_map_and_strip():
    entries = [rated(date(2027, 3, 15), 7)]
    months = year_map(entries, 2027)
    assert [m.month for m in months] == list(range(1, 13))
    strip = year_strip(entries, end=date(2027, 3, 17))  # a Wednesday
    assert len(strip) == 53 and all(len(column) == 7 for column in strip)
    assert strip[-1][0].day == date(2027, 3, 15) and strip[-1][0].digit == "2"
    assert strip[-1][2].day == date(2027, 3, 17) and strip[-1][3] is None  # the future is blank
    assert strip[0][0].day == date(2027, 3, 15) - timedelta(weeks=52)
