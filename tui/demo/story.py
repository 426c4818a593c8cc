"""A realistic demo data set: a clonazepam micro-taper as one person would log it.

The story (docs/DOMAIN.md §5): two weeks of stabilisation at 1 mg (0.5 mg at 08:00 and 20:00),
then 10 % of the current dose every 14 days, measured by weighing crushed 0.5 mg tablets,
switched to a 0.1 mg/mL liquid once the scale is too coarse for the cuts. Symptoms start a
few days after each cut, peak around day 6–10 and ease; windows and waves come and go; a
bad cut is followed by a hold; the seventh cut goes badly enough (with one red-flag day) that
the person returns to the last stable dose. Some intakes are late or missed, some days are not
logged, some only half. Notes include questions for the prescriber, starting with ``Q:``.

For long data sets (up to ten years) the taper slows to 5 % every 28 days after ~10 months,
with occasional long holds, reaches the jump-off dose and stops; the drug-free years that
follow ease slowly, with fewer waves and fewer logged days.

Everything is a pure function of ``(days, end, seed)``: a seeded :class:`random.Random` and
the dates given, never the real clock. The story is laid out from the first day, so a longer
data set with the same start date and seed tells the same story for longer.

This module runs the days; the person's state is in :mod:`tui.demo.state`, the plan and its
turns in :mod:`tui.demo.plan_turns`, one day's doses, ratings and note in :mod:`tui.demo.day`
and the texts in :mod:`tui.demo.words`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tui.core.entry import DayEntry
from tui.core.plan_changes import creation_event
from tui.core.plan_model import Plan, Step
from tui.demo.day import (
    INTAKE_TIMES,
    baseline,
    clamp,
    intakes_of_the_day,
    next_phase,
    note_for_day,
    ratings,
    sleep_hours,
)
from tui.demo.plan_turns import DRUG, at_evening, change_plan, first_plan, on_step_start
from tui.demo.state import Story

DEMO_DAYS = 270
"""The default length: about nine months into the taper."""
MAX_DEMO_DAYS = 3650
DEFAULT_SEED = 2027
CUSTOM_SYMPTOM = "Jaw clenching"


@dataclass(frozen=True)
class DemoData:
    """A generated data set, ready for the store.

    Attributes:
        entries: Logged days, oldest first (gaps are days not in the list).
        plan: The plan as it stands after every change in the story.
        events: The audit trail: the plan's creation and every hold / return / re-plan.
        settings: Settings to store alongside (drug, intakes per day, a custom symptom).
    """

    entries: tuple[DayEntry, ...]
    plan: Plan
    events: tuple[dict[str, Any], ...]
    settings: dict[str, Any]

    @property
    def start(self) -> date:
        """The first generated day (the plan starts on it)."""
        return self.plan.start

    def cut_dates(self, until: date | None = None) -> list[date]:
        """The plan's cut dates up to ``until`` (default: the last generated day)."""
        last = until or (self.entries[-1].day if self.entries else self.plan.start)
        return [d for d in self.plan.cut_dates() if d <= last]


def generate_demo(days: int = DEMO_DAYS, end: date | None = None, seed: int = DEFAULT_SEED) -> DemoData:
    """Generate ``days`` days of demo data ending on ``end`` (1 ≤ days ≤ :data:`MAX_DEMO_DAYS`).

    ``end`` is required in practice (the caller's "today"); it defaults to a fixed date only
    so that the function never reads the real clock. Same arguments, same data.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DEMO_DAYS:
        raise ValueError(f"days must be a whole number from 1 to {MAX_DEMO_DAYS}")
    last = end or date(2027, 3, 15)
    start = last - timedelta(days=days - 1)
    rng = random.Random(seed)
    plan = first_plan(start)
    story = Story(
        rng=rng,
        start=start,
        plan=plan,
        events=[creation_event(plan, at_evening(start), "Plan agreed with the prescriber.")],
    )
    story.phase_days_left = rng.randint(3, 10)
    skip_run = 0
    travel_day = start + timedelta(days=200)
    entries: list[DayEntry] = []
    previous_step: Step | None = None
    for offset in range(days):
        today = start + timedelta(days=offset)
        context = [change_plan(story, today)]
        step = story.plan.step_on(today)
        assert step is not None  # the plan starts on the first day
        if previous_step is not None and step.start == today:
            context.append(on_step_start(story, today, step, previous_step))
        previous_step = step
        intakes, longest_gap, dose_note = intakes_of_the_day(story, step)
        context.append(dose_note)
        withdrawal = sum(r.load_on(today) for r in story.responses)
        next_phase(story, withdrawal)
        load = baseline(story, today, step.dose_mg) + withdrawal
        if story.phase == "wave":
            load += 0.8 if story.stop_day is None else 0.5
        elif story.phase == "window":
            load -= 0.6
        load += max(0.0, longest_gap - 13.0) * 0.12
        load = max(0.0, load + rng.gauss(0.0, 0.2))
        red_flag = today == story.red_flag_day
        # Draw every rating even on days that end up unlogged, so the dice stay in step.
        symptoms = ratings(rng, load, red_flag)
        anxiety = clamp(1.2 + 1.6 * load + rng.gauss(0.0, 0.7), 0, 10)
        mood = clamp(7.6 - 1.3 * load + rng.gauss(0.0, 0.7), 0, 10)
        sleep = sleep_hours(7.6 - 0.75 * load + rng.gauss(0.0, 0.5))
        quality = clamp(4.3 - 0.7 * load + rng.gauss(0.0, 0.5), 1, 5)
        tagged = story.phase if story.phase and rng.random() < 0.85 else None
        note = note_for_day(story, today, load, story.phase, context)
        if red_flag:
            note = (
                "Confused for about an hour this afternoon — lost track of a conversation and "
                "where I had put things. Called the clinic; they want me back up tomorrow. " + note
            ).strip()
        # Gaps: a short trip, a few forgotten days, fewer logs in the drug-free years.
        years_off = 0.0 if story.stop_day is None else (today - story.stop_day).days / 365.0
        if skip_run > 0:
            skip_run -= 1
            continue
        if travel_day <= today < travel_day + timedelta(days=4) and not red_flag:
            continue
        if not red_flag and rng.random() < 0.03 + min(0.35, 0.12 * years_off):
            skip_run = rng.choice((0, 0, 0, 1, 2))
            continue
        half_logged = rng.random()
        if half_logged < 0.015 and intakes and not red_flag:
            entries.append(DayEntry(day=today, intakes=intakes, note=note))  # doses only
            continue
        entries.append(
            DayEntry(
                day=today,
                intakes=() if half_logged > 0.99 else intakes,
                anxiety=anxiety,
                mood=mood,
                sleep_hours=sleep,
                sleep_quality=quality,
                symptoms=symptoms,
                phase=tagged,
                note=note,
            )
        )
    settings = {"drug": DRUG, "intakes_per_day": len(INTAKE_TIMES), "custom_symptoms": [CUSTOM_SYMPTOM]}
    return DemoData(entries=tuple(entries), plan=story.plan, events=tuple(story.events), settings=settings)
