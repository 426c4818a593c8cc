"""Small wordings the report's sections share: an mg figure, a window mean, a change, the plan's
dose on a day, and how many items a list shows before it says how many more there are.

One place for each, so every section words a figure the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from tui.core.doses import format_decimal
from tui.core.insights import WindowMean
from tui.core.plan_model import Plan

MAX_LISTED = 12
"""Longer lists (deviations, red flags) show the most recent this many and say how many more."""

LEFT_OUT = "The {count} earlier {what} are left out to keep this to a page; the CSV export (taper-tui export --format csv) has every day."


def mg_text(value: Decimal | None) -> str:
    """``0.25 mg``, or ``—`` for no figure."""
    return "—" if value is None else f"{format_decimal(value)} mg"


def mean_text(window: WindowMean) -> str:
    """``3.4 (5/7)``: the mean and logged/days in the window; ``— (0/7)`` when none was logged."""
    if window.mean is None:
        return f"— (0/{window.days})" if window.days else "—"
    return f"{window.mean:.1f} ({window.logged_days}/{window.days})"


def change_text(value: float | None) -> str:
    """``+1.2`` (signed), or empty for no figure."""
    return "" if value is None else f"{value:+.1f}"


def planned_lookup(plan: Plan | None) -> Callable[[date], Decimal | None] | None:
    """The planned daily total on a day (None outside the plan); None without a plan."""
    if plan is None:
        return None
    return lambda day: step.dose_mg if (step := plan.step_on(day)) is not None else None
