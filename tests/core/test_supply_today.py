"""Supply on a day half logged: today's intakes not yet logged still come out of the bottle.

With the morning dose of two logged, counting only what was logged left the evening dose in
the bottle: the run-out day came a little later than it will. Today counts the larger of what
was logged and what the plan sets; past days count what was logged.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tests.core.plan_builders import dated_liquid_plan
from tui.core.supply import Bottle, need_between, outlook

TODAY = date(2027, 3, 15)


def half_ml_plan():
    """0.5 mg a day (5 mL of 0.1 mg/mL) in two intakes, from a month ago."""
    return dated_liquid_plan(TODAY - timedelta(days=30))


def test_todays_evening_dose_still_comes_out_of_the_bottle():
    plan = half_ml_plan()
    bottle = Bottle.create("30", "mL", TODAY, TODAY + timedelta(days=59))
    morning_only = {TODAY: Decimal("0.25")}
    seen = outlook(plan, bottle, TODAY, morning_only)
    assert seen.left_after == Decimal(25)  # 30 − the planned 5 mL, not 30 − 2.5
    assert seen.runs_out_on == TODAY + timedelta(days=6)
    need = need_between(plan, TODAY, TODAY + timedelta(days=1), morning_only, today=TODAY)
    assert need.parts[0].amount == Decimal(10)


def test_more_than_planned_today_and_a_past_half_day_count_what_was_logged():
    plan = half_ml_plan()
    bottle = Bottle.create("30", "mL", TODAY - timedelta(days=1), TODAY + timedelta(days=59))
    logged = {TODAY - timedelta(days=1): Decimal("0.25"), TODAY: Decimal("0.7")}
    seen = outlook(plan, bottle, TODAY, logged)
    assert seen.left_after == Decimal("20.5")  # 30 − 2.5 (yesterday as logged) − 7 (today as logged)
