"""A planned intake of 0 mg reads as stopped, not as ``0 mg = 0 tab`` (something to measure); a
logged 0 mg is what was taken and is said as it is. The plan's length reads ``12 steps (8 cuts)``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tui.core.formulations import Tablet
from tui.core.intake_text import in_measured_unit, measured_dose
from tui.core.plan_model import Projection
from tui.core.step_rows import steps_and_cuts

D = Decimal


def test_a_planned_zero_is_stopped_and_any_other_dose_is_measured() -> None:
    assert measured_dose(D(0), "0 tab") == "0 mg (stopped)"
    assert measured_dose(D("2.5"), "½ tab") == "2.5 mg = ½ tab"
    assert measured_dose(D("0.5"), "") == "0.5 mg"


def test_a_logged_zero_is_not_called_stopped() -> None:
    form = Tablet.create("5", "2")
    assert in_measured_unit(D(0), form) == "0 mg = 0 tab"
    assert in_measured_unit(D(5), form) == "5 mg = 1 tab"


def _projection(steps: int, cuts: int) -> Projection:
    day = date(2027, 1, 4)
    return Projection(
        start=day, end_date=day, total_days=1, steps=steps, cuts=cuts, start_mg=D(1), final_mg=D(0), diazepam=()
    )


def test_the_length_counts_steps_then_cuts() -> None:
    assert steps_and_cuts(_projection(12, 8)) == "12 steps (8 cuts)"
    assert steps_and_cuts(_projection(1, 1)) == "1 step (1 cut)"
