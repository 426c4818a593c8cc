"""Fixtures shared by the store tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from tui.core.entry import DayEntry, Intake


@pytest.fixture
def make_entry() -> Callable[..., DayEntry]:
    """Build a typical day: a dose, ratings and a note; keyword arguments override fields."""

    def build(day: date, **fields) -> DayEntry:
        values = dict(
            intakes=(Intake(Decimal("0.25"), "08:00"),),
            anxiety=3,
            mood=6,
            sleep_hours=Decimal("6.5"),
            sleep_quality=3,
            symptoms={"insomnia": 2},
            note=f"day {day.isoformat()}",
        )
        values.update(fields)
        return DayEntry(day=day, **values)

    return build
