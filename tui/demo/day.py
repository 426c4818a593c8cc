"""One demo day: the intakes taken (late, missed), the phase, the withdrawal load and the
ratings and note it gives.

Each function draws from the story's seeded dice in a fixed order; changing that order changes
every day after it, so the generated data for a seed stays the same only while it is kept.
"""

from __future__ import annotations

import itertools
import math
import random
from datetime import date, timedelta
from decimal import Decimal

from tui.core.entry import Intake
from tui.core.plan_model import Step
from tui.demo.plan_turns import START_DOSE
from tui.demo.state import Story
from tui.demo.words import BAD_DAY_NOTES, GOOD_DAY_NOTES, PLAIN_NOTES, QUESTIONS

INTAKE_TIMES = ("08:00", "20:00")

SYMPTOM_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("insomnia", 1.0),
    ("anxiety_panic", 0.95),
    ("muscle_tension", 0.85),
    ("brain_fog", 0.8),
    ("irritability", 0.7),
    ("tinnitus", 0.65),
    ("sensory_hypersensitivity", 0.6),
    ("low_mood", 0.55),
    ("headache", 0.5),
    ("palpitations", 0.45),
    ("depersonalisation", 0.4),
    ("sweating", 0.4),
    ("twitches", 0.35),
    ("jaw_clenching", 0.35),
    ("nausea", 0.25),
    ("tingling", 0.25),
)
"""How strongly this demo person feels each symptom per unit of withdrawal load."""


def clock(minutes: int) -> str:
    """``HH:MM`` for minutes after midnight, kept within the day."""
    minutes = max(0, min(minutes, 23 * 60 + 59))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def sleep_hours(value: float) -> Decimal:
    """Hours slept as a person logs them: to the quarter hour, between 2 and 10."""
    quarters = round(min(10.0, max(2.0, value)) * 4)
    return Decimal(quarters) / Decimal(4)


def clamp(value: float, low: int, high: int) -> int:
    """``value`` rounded to a whole rating within ``low``–``high``."""
    return max(low, min(high, round(value)))


def next_phase(story: Story, withdrawal: float) -> None:
    """Count down the current window or wave (or the calm between); draw the next one, waves
    more likely while the withdrawal load is high."""
    rng = story.rng
    story.phase_days_left -= 1
    if story.phase_days_left > 0:
        return
    if story.phase is None:
        wave_chance = 0.2 + 0.35 * min(1.0, withdrawal / 2.0)
        roll = rng.random()
        if roll < wave_chance:
            story.phase, story.phase_days_left = "wave", rng.randint(3, 9)
        elif roll < wave_chance + 0.35:
            story.phase, story.phase_days_left = "window", rng.randint(2, 5)
        else:
            story.phase_days_left = rng.randint(4, 14)
    else:
        story.phase, story.phase_days_left = None, rng.randint(4, 14)


def baseline(story: Story, today: date, dose: Decimal) -> float:
    """The load felt without a recent cut: higher at lower doses, easing slowly once drug-free."""
    if story.stop_day is not None:
        # Drug-free: what is left eases over a couple of years.
        return 0.35 + 0.9 * math.exp(-(today - story.stop_day).days / 300.0)
    return 0.55 + 0.5 * (1.0 - min(1.0, float(dose) / float(START_DOSE)))


def intakes_of_the_day(story: Story, step: Step) -> tuple[tuple[Intake, ...], float, str]:
    """What was taken today (with times), the longest gap without a dose in hours, and a note."""
    rng = story.rng
    if step.dose_mg == 0:
        story.last_taken_minutes = None
        return (), 0.0, ""
    morning = 8 * 60 + (rng.choice((5, 10, 15, -5)) if rng.random() < 0.2 else 0)
    evening = 20 * 60 + (rng.choice((5, 10, 15, -10)) if rng.random() < 0.2 else 0)
    note = ""
    if rng.random() < 0.05:
        morning = rng.randint(9 * 60 + 30, 11 * 60 + 45)
        note = f"Morning dose late ({clock(morning)}) — overslept."
    if rng.random() < 0.05:
        evening = rng.randint(21 * 60 + 30, 23 * 60 + 30)
        note = f"Evening dose late ({clock(evening)}), was out."
    amounts = step.intake_mg if len(step.intake_mg) == len(INTAKE_TIMES) else (step.dose_mg,)
    times = (morning, evening)[: len(amounts)]
    taken = []
    taken_minutes = []
    for index, (mg, minutes) in enumerate(zip(amounts, times, strict=False)):
        if rng.random() < (0.008 if index == 0 else 0.015):
            note = "Forgot the evening dose until the next morning." if index else "Forgot the morning dose."
            continue
        taken.append(Intake(mg, clock(minutes)))
        taken_minutes.append(minutes)
    # Minutes are counted from today's midnight, so yesterday's last intake is negative.
    points = ([story.last_taken_minutes - 24 * 60] if story.last_taken_minutes is not None else []) + taken_minutes
    gaps = [later - earlier for earlier, later in itertools.pairwise(points)]
    longest = max(gaps) / 60.0 if gaps else 12.0
    if taken_minutes:
        story.last_taken_minutes = taken_minutes[-1]
    elif story.last_taken_minutes is not None:
        story.last_taken_minutes -= 24 * 60
    return tuple(taken), longest, note


def ratings(rng: random.Random, load: float, red_flag: bool) -> dict[str, int]:
    """Each symptom's rating (0 left out) for the day's load; ``confusion`` on the red-flag day."""
    symptoms = {}
    for key, weight in SYMPTOM_WEIGHTS:
        level = clamp(weight * load * 1.25 + rng.gauss(0.0, 0.45) - 0.45, 0, 4)
        if level:
            symptoms[key] = level
    if red_flag:
        symptoms["confusion"] = 1
    return symptoms


def note_for_day(story: Story, today: date, load: float, phase: str | None, context: list[str]) -> str:
    """The day's note: what happened (``context``), a question now and then, or a line on the day."""
    rng = story.rng
    notes = [n for n in context if n]
    if story.next_question_day is None:
        story.next_question_day = today + timedelta(days=rng.randint(10, 20))
    if today >= story.next_question_day:
        notes.append(rng.choice(QUESTIONS))
        story.next_question_day = today + timedelta(days=rng.randint(18, 35))
    elif not notes:
        roll = rng.random()
        if load > 2.4 and roll < 0.35:
            notes.append(rng.choice(BAD_DAY_NOTES))
        elif phase == "window" and roll < 0.35:
            notes.append(rng.choice(GOOD_DAY_NOTES))
        elif roll < 0.06:
            notes.append(rng.choice(PLAIN_NOTES))
    return " ".join(notes)
