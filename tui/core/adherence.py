"""Adherence: how much of a range is logged, and how the doses taken compare with the plan.

Pure functions over :class:`~tui.core.entry.DayEntry` values and a planned-dose lookup
(:data:`tui.core.insights.PlannedDose`). Unlogged days are only counted, never called
"missed": the app does not scold. A *logged day* is :attr:`DayEntry.is_logged`.

Given the plan, a day of two drugs (a crossover stage, docs/DOMAIN.md §3.12) is compared in
≈ diazepam by the plan's table (:func:`tui.core.intake_drugs.day_against_plan`): its mg added up
would mix clonazepam with diazepam and call every stage day off plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tui.core.entry import DayEntry
from tui.core.insights import PlannedDose, date_bounds
from tui.core.intake_drugs import DayDose, day_against_plan
from tui.core.plan_model import Plan


@dataclass(frozen=True)
class DoseDeviation:
    """A logged day whose total taken differs from the plan."""

    day: date
    planned_mg: Decimal
    taken_mg: Decimal
    diazepam: bool = False
    """True when both figures are ≈ diazepam (a day of two drugs), not mg of the plan's drug."""

    @property
    def below_plan(self) -> bool:
        """True when less was taken than planned (a missed or smaller intake)."""
        return self.taken_mg < self.planned_mg


@dataclass(frozen=True)
class Adherence:
    """How much of a date range is logged, and how the doses compare with the plan.

    Attributes:
        start: First day of the range.
        end: Last day of the range.
        days_in_range: Calendar days from ``start`` to ``end``.
        days_logged: Days with an entry.
        days_with_dose: Logged days with at least one intake.
        days_compared: Days with an intake *and* a planned dose.
        days_as_planned: Compared days whose total equals the plan exactly.
        deviations: Compared days whose total differs, oldest first.
        intakes_missed: With ``intakes_per_day``: intakes short of that count on days with a
            dose logged (a day with no intake logged is not counted — it may just be unlogged);
            else ``None``.
    """

    start: date
    end: date
    days_in_range: int
    days_logged: int
    days_with_dose: int
    days_compared: int
    days_as_planned: int
    deviations: tuple[DoseDeviation, ...]
    intakes_missed: int | None

    @property
    def days_below_plan(self) -> int:
        """Compared days with less taken than planned."""
        return sum(1 for d in self.deviations if d.below_plan)

    @property
    def days_above_plan(self) -> int:
        """Compared days with more taken than planned."""
        return sum(1 for d in self.deviations if not d.below_plan)


def adherence(
    entries: Sequence[DayEntry],
    planned_mg: PlannedDose | None = None,
    start: date | None = None,
    end: date | None = None,
    intakes_per_day: int | None = None,
    plan: Plan | None = None,
) -> Adherence | None:
    """Days logged out of the range, and doses taken against the plan.

    The range defaults to the first–last logged day; ``None`` when there is no range (no
    entries and no bounds). With ``plan`` each day is compared with its step (in ≈ diazepam on a
    day of two drugs); else with ``planned_mg``; without either nothing is compared. Unlogged days are
    only counted, never called "missed": the app does not scold.
    """
    bounds = date_bounds(entries, start, end)
    if bounds is None:
        return None
    low, high = bounds
    inside = [e for e in entries if low <= e.day <= high and e.is_logged]
    with_dose = [e for e in inside if e.intakes]
    compared = 0
    as_planned = 0
    deviations = []
    for entry in sorted(with_dose, key=lambda e: e.day):
        dose = _day_dose(entry, planned_mg, plan)
        if dose is None:
            continue
        compared += 1
        if dose.as_planned:
            as_planned += 1
        else:
            deviations.append(DoseDeviation(entry.day, dose.planned, dose.taken, dose.diazepam))
    missed = None
    if intakes_per_day is not None:
        missed = sum(max(0, intakes_per_day - len(e.intakes)) for e in with_dose)
    return Adherence(
        start=low,
        end=high,
        days_in_range=(high - low).days + 1,
        days_logged=len(inside),
        days_with_dose=len(with_dose),
        days_compared=compared,
        days_as_planned=as_planned,
        deviations=tuple(deviations),
        intakes_missed=missed,
    )


def _day_dose(entry: DayEntry, planned_mg: PlannedDose | None, plan: Plan | None) -> DayDose | None:
    """``entry`` against the plan (see :func:`adherence`); None when the day is not compared."""
    if plan is not None:
        return day_against_plan(plan, entry)
    planned = planned_mg(entry.day) if planned_mg is not None else None
    return None if planned is None else DayDose(planned, entry.total_mg, diazepam=False)
