"""A daily micro-taper read week by week: which plans are one, and what each week holds.

A micro-taper cuts a little every day or every few days, so its plan has hundreds of steps of
1–3 days: unreadable as one row per step on an 80×24 screen. Read week by week (7-day blocks
from the plan's first day), each week says where every intake starts and ends and how much the
week cut in all. The steps themselves are unchanged: the daily doses stay one key away.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tui.core.doses import percent
from tui.core.plan_model import Step

MICRO_STEP_DAYS = 3
"""Steps this short or shorter (typically) make a plan a micro-taper, read by the week."""

WEEK = timedelta(days=7)
"""The length of one row of a micro-taper's schedule."""


def is_micro_taper(steps: tuple[Step, ...] | list[Step]) -> bool:
    """Whether the plan's commonest step length is 1–3 days (the last step, the stop, aside).

    The commonest length is the pace the plan's cuts keep: a stabilisation hold or a held week
    does not change it, and neither does lengthening (``--lengthen``), which stretches the
    low-dose end of a daily micro-taper into steps of ever more days (4, 5, … 139), each length
    rarer than the 2–3 days of its cuts before. (A median read such a plan as weekly steps.)
    The shortest of equally common lengths counts, so a tie never hides a micro-taper; a length
    seen once is no pace (a short custom plan of a few dated doses reads step by step)."""
    lengths = [step.days for step in steps[:-1]]
    if len(lengths) < 2:
        return False
    commonest = statistics.multimode(lengths)
    return lengths.count(commonest[0]) > 1 and min(commonest) <= MICRO_STEP_DAYS


@dataclass(frozen=True)
class PlanWeek:
    """Seven days of a plan (fewer for the last) and the steps in effect on them."""

    start: date
    """The week's first day."""
    end: date
    """The week's last day (the plan's last day for the final week)."""
    first: Step
    """The step in effect on the first day."""
    last: Step
    """The step in effect on the last day."""
    steps: tuple[Step, ...]
    """Every step in effect during the week, in order."""
    cut_pct: Decimal
    """How much lower the last day's dose is than the dose before the week, in % of that dose
    (negative for an increase); for the first week, than the plan's first dose."""

    def covers(self, day: date) -> bool:
        """Whether ``day`` is one of the week's days."""
        return self.start <= day <= self.end

    @property
    def flag_codes(self) -> tuple[str, ...]:
        """Every flag of the week's steps, once each, in the order they first appear."""
        return tuple(dict.fromkeys(code for step in self.steps for code in step.flag_codes))


def plan_weeks(steps: tuple[Step, ...] | list[Step]) -> list[PlanWeek]:
    """The plan's days in 7-day blocks from its first day, each with the steps in effect."""
    weeks: list[PlanWeek] = []
    if not steps:
        return weeks
    index = 0
    start = steps[0].start
    before = steps[0].dose_mg
    while start <= steps[-1].end:
        end = min(start + WEEK - timedelta(days=1), steps[-1].end)
        while steps[index].end < start:
            index += 1
        covering = [steps[index]]
        while covering[-1].end < end:
            covering.append(steps[index + len(covering)])
        last = covering[-1]
        weeks.append(PlanWeek(start, end, covering[0], last, tuple(covering), percent(before - last.dose_mg, before)))
        before = last.dose_mg
        start += WEEK
    return weeks
