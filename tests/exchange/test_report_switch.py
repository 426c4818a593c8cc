"""The prescriber report of a plan that switches form partway (docs/DOMAIN.md §3.11): both forms
named with the switch dose and day, and every amount in the form of its own day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.exchange.helpers import switching_plan
from tui.core.entry import DayEntry, Intake
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.exchange.report import build_report, render_text

AFTER = date(2027, 4, 1)
"""A day in the liquid's first step."""


def report_text(entries: list[DayEntry], today: date) -> str:
    plan = Plan.from_record(switching_plan())
    return render_text(build_report(entries, plan, [], Settings(intake_times=("08:00", "20:00")), today), width=200)


def test_measured_as_names_both_forms_with_the_switch_dose_and_day() -> None:
    text = report_text([], AFTER)
    measured = next(line for line in text.splitlines() if "Measured as" in line)
    assert "0.5 mg tablet, split in 4 (0.125 mg steps) until 1.25 mg" in measured
    assert "then liquid 0.1 mg/mL measured to 0.1 mL (0.01 mg steps) from 2027-03-29" in measured


def test_logged_doses_after_the_switch_are_in_millilitres_and_before_it_in_tablets() -> None:
    entries = [
        # off plan (1.25 mg a day planned): 0.5 mg is 1 tab on a tablet day
        DayEntry(date(2027, 3, 20), (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.625"), "20:00"))),
        # off plan (1.13 mg a day planned): 0.5 mg is 5 mL on a liquid day, never "1 tab"
        DayEntry(date(2027, 3, 31), (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.57"), "20:00"))),
    ]
    text = report_text(entries, AFTER)
    assert "2027-03-31: 08:00 0.5 mg = 5 mL · 20:00 0.57 mg = 5.7 mL (daily total 1.07 mg = 10.7 mL)" in text
    assert "2027-03-31: took 08:00 0.5 mg = 5 mL · 20:00 0.57 mg = 5.7 mL" in text
    assert "2027-03-20: took 08:00 0.5 mg = 1 tab · 20:00 0.625 mg = 1 ¼ tab" in text
    # the planned intakes of each step in that step's form
    assert "Step 6 (from 2027-03-15): 08:00 0.625 mg = 1 ¼ tab · 20:00 0.625 mg = 1 ¼ tab" in text
    assert "Step 7 (from 2027-03-29): 08:00 0.56 mg = 5.6 mL · 20:00 0.57 mg = 5.7 mL" in text
    assert "08:00 0.56 mg = 5.6 mL · 20:00 0.57 mg = 5.7 mL (planned for 2027-04-01)" in text


def test_medicine_needed_counts_tablets_then_millilitres_across_the_switch() -> None:
    """From 2027-03-15 the next 4 weeks are 14 tablet days (2 ½ tab) and 14 liquid days (11.3 mL)."""
    text = report_text([], date(2027, 3, 15))
    assert "counted as 0.5 mg tablet, split in 4 (0.125 mg steps) until 1.25 mg, then liquid" in text
    row = next(line for line in text.splitlines() if "Next 4 weeks" in line)
    assert "35 tablets (140 quarters = 35 tablets; 17.5 mg) of 0.5 mg tablet" in row
    assert "from 2027-03-15 to 2027-03-28, then 158.2 mL (15.82 mg) of liquid" in row
