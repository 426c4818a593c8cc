"""The report's estimated dip between doses counts only days whose logged intakes match the plan.

A day with one of two planned intakes logged (or a day after days not logged) would otherwise
read as a deep dip: the missing intake becomes "nothing taken", and a single logged intake after
an empty log is a 100 % swing. Such days are left out, and the report says how many.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tui.core.drug_level import ESTIMATE_NOTE
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid
from tui.core.planner import PlanParams, build_plan
from tui.core.settings import Settings
from tui.exchange.report import build_report, render_text

TODAY = date(2027, 3, 15)
TITLE = "Estimated level between doses"


def alprazolam_plan(start: date):
    """Alprazolam 0.5 mg a day as 0.25 mg twice, liquid 0.1 mg/mL, from ``start``."""
    params = PlanParams(
        drug="alprazolam",
        start=start,
        dose_mg=Decimal("0.5"),
        formulation=Liquid.create("0.1", "0.1"),
        cut_pct=Decimal("10"),
        step_days=14,
        split=(Decimal("0.25"), Decimal("0.25")),
    )
    return build_plan(params)


def full_day(day: date) -> DayEntry:
    return DayEntry(day, (Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.25"), "20:00")))


def half_day(day: date) -> DayEntry:
    return DayEntry(day, (Intake(Decimal("0.25"), "08:00"),))


def swing_blocks(entries, plan) -> tuple:
    report = build_report(entries, plan, [], Settings(intake_times=("08:00", "20:00")), TODAY)
    return next(s for s in report.sections if s.title == TITLE).blocks


def test_one_of_two_intakes_logged_on_the_only_day_is_not_a_100_percent_dip():
    plan = alprazolam_plan(TODAY)
    blocks = swing_blocks([half_day(TODAY)], plan)
    text = " ".join(str(b) for b in blocks)
    assert "100 %" not in text
    assert "Estimated dip between doses" not in text
    assert blocks[0] == (
        "Not estimated yet: no day in the last 28 days had every planned intake logged, with the days "
        "before it logged too (1 day left out), and a missing log would read as a dip."
    )
    assert blocks[-1] == ESTIMATE_NOTE


def test_a_day_with_a_missing_intake_is_left_out_and_the_figure_is_that_of_the_full_days():
    plan = alprazolam_plan(TODAY - timedelta(days=60))
    days = [TODAY - timedelta(days=back) for back in range(40)]
    complete = swing_blocks([full_day(d) for d in days], plan)
    gap = TODAY - timedelta(days=10)
    with_gap = swing_blocks([half_day(d) if d == gap else full_day(d) for d in days], plan)
    # The same steady dosing every full day: the median dip is the same figure...
    assert with_gap[0].split(" (the last")[0] == complete[0].split(" (the last")[0]
    assert complete[0].endswith("(the last 28 days).")
    # ...and the report says which days were not counted: the half day and the day after it
    # (alprazolam's longest half-life, 12 h, gives a warm-up of 3 days: 5 half-lives).
    assert with_gap[0].endswith(
        "(the last 28 days; 4 days left out: one of their planned intakes, or of the days before them, was not logged)."
    )


def test_the_rendered_report_never_shows_a_full_dip_from_a_single_logged_intake():
    plan = alprazolam_plan(TODAY - timedelta(days=3))
    entries = [full_day(TODAY - timedelta(days=3)), half_day(TODAY - timedelta(days=2))]
    report = build_report(entries, plan, [], Settings(), TODAY)
    text = " ".join(render_text(report).split())
    assert "100 %" not in text
    assert "Not estimated yet" in text
