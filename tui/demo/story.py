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
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid, PowderScale
from tui.core.plan_changes import PlanChangeError, creation_event, hold, replan, return_to_stable, slow_down
from tui.core.plan_model import SCALE_UNRELIABLE, TOO_COARSE, Plan, PlanParams, Step
from tui.core.planner import build_plan, with_changes

DEMO_DAYS = 270
"""The default length: about nine months into the taper."""
MAX_DEMO_DAYS = 3650
DEFAULT_SEED = 2027

DRUG = "clonazepam"
START_DOSE = Decimal(1)
INTAKE_TIMES = ("08:00", "20:00")
STABILISATION_DAYS = 14
RETURN_AFTER_CUT = 7
"""The cut (counting from 1) that goes badly enough to return to the last stable dose."""
HOLD_AFTER_CUTS = (4, 11)
"""Cuts that are followed by a two-week hold whatever the dice say (so a short set has holds)."""
SLOW_DOWN_DAY = 300
"""Days from the start after which the taper slows to 5 % every 28 days."""
JUMP_OFF_MG = Decimal("0.02")
CUSTOM_SYMPTOM = "Jaw clenching"

SCALE = PowderScale.create("1", "100", "0.5")
"""0.5 mg tablets weighing 100 mg, crushed and weighed on a 1 mg scale: 0.005 mg steps."""
LIQUID = Liquid.create("0.1", "0.01")
"""A compounded 0.1 mg/mL liquid measured with a 1 mL syringe to 0.01 mL: 0.001 mg steps."""

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

QUESTIONS = (
    "Q: Is it normal that the tinnitus gets louder about a week after a cut?",
    "Q: Should I hold longer when sleep stays under 5 hours for a week?",
    "Q: Could I move the evening dose to 21:00 so it lasts through the night?",
    "Q: How accurate is my scale really at these weights? Should I re-check it?",
    "Q: Is a 5 % cut reasonable for the next steps, or too slow?",
    "Q: Can I take magnesium for the muscle tension?",
    "Q: The morning before the dose is the worst part of the day — inter-dose withdrawal?",
    "Q: How long should I stay at a dose after a wave before cutting again?",
    "Q: Is the brain fog likely to lift after the taper ends?",
    "Q: Would splitting into three doses a day smooth things out?",
)
BAD_DAY_NOTES = (
    "Rough day. Stayed in most of the afternoon.",
    "Head full of cotton, could not read more than a page.",
    "Woke at 3 and never got back to sleep.",
    "Wave hit mid-morning. Walked it off slowly.",
    "Everything too loud and too bright today.",
    "Heart racing on and off all day, checked my pulse too often.",
)
GOOD_DAY_NOTES = (
    "Window today — felt almost like myself. Cooked a proper dinner.",
    "Good day. Long walk by the river.",
    "Slept through the night for once.",
    "Clear head this morning, got real work done.",
)
PLAIN_NOTES = (
    "Busy day at work, tired in the evening.",
    "Short walk, some reading.",
    "Visited my sister.",
    "Rainy, stayed in and watched a film.",
)
RETURN_REASON = "Confusion episode and a bad wave after this cut; agreed with the prescriber to go back up."
HOLD_REASONS = (
    "Symptoms still well above my pre-cut level; holding two more weeks.",
    "Sleep fell apart after this cut; agreed to hold.",
)
LONG_HOLD_REASONS = (
    "Moving house this month: holding until things settle.",
    "Exam period at work; no cuts until it is over.",
    "Winter blues; holding for a couple of months.",
    "Family illness; holding until life is calmer.",
)


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
        return self.plan.start

    def cut_dates(self, until: date | None = None) -> list[date]:
        """The plan's cut dates up to ``until`` (default: the last generated day)."""
        last = until or (self.entries[-1].day if self.entries else self.plan.start)
        return [d for d in self.plan.cut_dates() if d <= last]


@dataclass
class _CutResponse:
    """One cut's contribution to the withdrawal load: a delayed rise, a peak, easing."""

    day: date
    amplitude: float
    onset: int
    peak: int

    def load_on(self, day: date) -> float:
        k = (day - self.day).days
        if k <= self.onset:
            return 0.0
        x = (k - self.onset) / (self.peak - self.onset)
        return self.amplitude * x * x * math.exp(2.0 * (1.0 - x))


@dataclass
class _Story:
    """Everything the day-by-day simulation carries from one day to the next."""

    rng: random.Random
    start: date
    plan: Plan
    events: list[dict[str, Any]]
    responses: list[_CutResponse] = field(default_factory=list)
    cuts: int = 0
    phase: str | None = None
    phase_days_left: int = 0
    pending_hold: tuple[date, int, str] | None = None
    returned: bool = False
    red_flag_day: date | None = None
    last_taken_minutes: int | None = None
    slowed: bool = False
    stop_day: date | None = None
    next_question_day: date | None = None


def _at(day: date) -> datetime:
    """When the person records a plan change: that evening (never the real clock)."""
    return datetime.combine(day, time(21, 0))


def _first_plan(start: date) -> Plan:
    half = START_DOSE / 2
    params = PlanParams(
        drug=DRUG,
        start=start,
        dose_mg=START_DOSE,
        formulation=SCALE,
        cut_pct=Decimal(10),
        step_days=14,
        hold_days=STABILISATION_DAYS,
        split=(half, half),
        jump_off_mg=JUMP_OFF_MG,
    )
    return build_plan(params)


def _clock(minutes: int) -> str:
    minutes = max(0, min(minutes, 23 * 60 + 59))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _sleep_hours(value: float) -> Decimal:
    quarters = round(min(10.0, max(2.0, value)) * 4)
    return Decimal(quarters) / Decimal(4)


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _change_plan(story: _Story, today: date) -> str:
    """Apply the plan change the story calls for today, if any; return a note about it."""
    plan = story.plan
    step = plan.step_on(today)
    index = plan.step_index_on(today)
    if step is None or index is None:
        return ""
    last_step = index == len(plan.steps) - 1
    try:
        if story.red_flag_day is not None and today == story.red_flag_day + timedelta(days=1) and not story.returned:
            story.plan, event = return_to_stable(plan, today, _at(today), RETURN_REASON, hold_days=28)
            story.events.append(event)
            story.returned = True
            for response in story.responses:  # going back up eases what the cut started
                response.amplitude *= 0.45
            return f"Back up to {format_decimal(story.plan.step_on(today).dose_mg)} mg today (last stable dose)."  # type: ignore[union-attr]
        if story.pending_hold is not None and story.pending_hold[0] <= today and not last_step:
            _, days, reason = story.pending_hold
            story.pending_hold = None
            story.plan, event = hold(plan, days, today, _at(today), reason)
            story.events.append(event)
            return f"Holding at {format_decimal(step.dose_mg)} mg for {days} more days."
        if (today - story.start).days >= SLOW_DOWN_DAY and not story.slowed and not last_step:
            story.slowed = True
            story.plan, event = slow_down(
                plan,
                Decimal(5),
                today,
                _at(today),
                "Agreed with the prescriber: 5 % every four weeks from here; the cuts hit harder at this dose.",
                step_days=28,
            )
            story.events.append(event)
            return "Prescriber visit: slowing to 5 % every four weeks from the next step."
        following = plan.steps[index + 1] if not last_step else None
        if (
            following is not None
            and following.start == today + timedelta(days=1)
            and plan.params.formulation == SCALE
            and (following.has(SCALE_UNRELIABLE) or following.has(TOO_COARSE))
        ):
            params = with_changes(
                plan.params,
                start=following.start,
                dose_mg=step.dose_mg,  # the planner cuts from here, so the first new step is the cut
                formulation=LIQUID,
                hold_days=0,
                split=step.intake_mg,
            )
            story.plan, event = replan(
                plan,
                params,
                today,
                _at(today),
                "The scale is too coarse for the next cuts: switching to the 0.1 mg/mL liquid.",
            )
            story.events.append(event)
            return "Picked up the 0.1 mg/mL liquid from the pharmacy; starting it tomorrow with the cut."
    except PlanChangeError:
        return ""
    return ""


def _on_step_start(story: _Story, today: date, step: Step, previous: Step | None) -> str:
    """Register a cut's delayed response and schedule the hold it may need; return a note."""
    rng = story.rng
    if previous is None or step.dose_exact >= previous.dose_exact:
        return ""
    story.cuts += 1
    cut_pct = float(step.cut_pct)
    # Lower doses make each % cut felt more (the occupancy curve steepens towards zero).
    sensitivity = 1.0 + 0.9 * (1.0 - min(1.0, float(previous.dose_mg) / float(START_DOSE)))
    amplitude = cut_pct / 10.0 * sensitivity * rng.lognormvariate(0.0, 0.3)
    if step.dose_mg == 0:
        amplitude = 2.2
    if story.cuts == RETURN_AFTER_CUT and not story.returned:
        amplitude = 3.2
        story.red_flag_day = today + timedelta(days=9)
    elif story.cuts in HOLD_AFTER_CUTS:
        amplitude = max(amplitude, 2.3)
    onset = rng.randint(2, 4)
    peak = onset + rng.randint(4, 6)
    story.responses.append(_CutResponse(today, amplitude, onset, peak))
    story.responses = [r for r in story.responses if (today - r.day).days < 60]
    slow_phase = (today - story.start).days > SLOW_DOWN_DAY
    # The return to the stable dose, when it is coming, takes the place of a hold.
    may_hold = step.dose_mg > 0 and not (story.red_flag_day is not None and not story.returned)
    if may_hold and amplitude >= 2.1:
        story.pending_hold = (today + timedelta(days=11), 14, rng.choice(HOLD_REASONS))
    elif may_hold and slow_phase and rng.random() < 0.12:
        story.pending_hold = (today + timedelta(days=20), rng.randint(8, 12) * 7, rng.choice(LONG_HOLD_REASONS))
    if step.dose_mg == 0:
        story.stop_day = today
        return "Last step: 0 mg from today. Nervous but ready."
    unit = " (" + step.unit_dose + ")" if step.unit_dose else ""
    return f"Cut day: {format_decimal(step.dose_mg)} mg{unit} from today."


def _next_phase(story: _Story, withdrawal: float) -> None:
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


def _baseline(story: _Story, today: date, dose: Decimal) -> float:
    if story.stop_day is not None:
        # Drug-free: what is left eases over a couple of years.
        return 0.35 + 0.9 * math.exp(-(today - story.stop_day).days / 300.0)
    return 0.55 + 0.5 * (1.0 - min(1.0, float(dose) / float(START_DOSE)))


def _intakes(story: _Story, step: Step) -> tuple[tuple[Intake, ...], float, str]:
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
        note = f"Morning dose late ({_clock(morning)}) — overslept."
    if rng.random() < 0.05:
        evening = rng.randint(21 * 60 + 30, 23 * 60 + 30)
        note = f"Evening dose late ({_clock(evening)}), was out."
    amounts = step.intake_mg if len(step.intake_mg) == len(INTAKE_TIMES) else (step.dose_mg,)
    times = (morning, evening)[: len(amounts)]
    taken = []
    taken_minutes = []
    for index, (mg, minutes) in enumerate(zip(amounts, times, strict=False)):
        if rng.random() < (0.008 if index == 0 else 0.015):
            note = "Forgot the evening dose until the next morning." if index else "Forgot the morning dose."
            continue
        taken.append(Intake(mg, _clock(minutes)))
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


def _ratings(rng: random.Random, load: float, red_flag: bool) -> dict[str, int]:
    symptoms = {}
    for key, weight in SYMPTOM_WEIGHTS:
        level = _clamp(weight * load * 1.25 + rng.gauss(0.0, 0.45) - 0.45, 0, 4)
        if level:
            symptoms[key] = level
    if red_flag:
        symptoms["confusion"] = 1
    return symptoms


def _note_for_day(story: _Story, today: date, load: float, phase: str | None, context: list[str]) -> str:
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
    plan = _first_plan(start)
    story = _Story(
        rng=rng, start=start, plan=plan, events=[creation_event(plan, _at(start), "Plan agreed with the prescriber.")]
    )
    story.phase_days_left = rng.randint(3, 10)
    skip_run = 0
    travel_day = start + timedelta(days=200)
    entries: list[DayEntry] = []
    previous_step: Step | None = None
    for offset in range(days):
        today = start + timedelta(days=offset)
        context = [_change_plan(story, today)]
        step = story.plan.step_on(today)
        assert step is not None  # the plan starts on the first day
        if previous_step is not None and step.start == today:
            context.append(_on_step_start(story, today, step, previous_step))
        previous_step = step
        intakes, longest_gap, dose_note = _intakes(story, step)
        context.append(dose_note)
        withdrawal = sum(r.load_on(today) for r in story.responses)
        _next_phase(story, withdrawal)
        load = _baseline(story, today, step.dose_mg) + withdrawal
        if story.phase == "wave":
            load += 0.8 if story.stop_day is None else 0.5
        elif story.phase == "window":
            load -= 0.6
        load += max(0.0, longest_gap - 13.0) * 0.12
        load = max(0.0, load + rng.gauss(0.0, 0.2))
        red_flag = today == story.red_flag_day
        # Draw every rating even on days that end up unlogged, so the dice stay in step.
        symptoms = _ratings(rng, load, red_flag)
        anxiety = _clamp(1.2 + 1.6 * load + rng.gauss(0.0, 0.7), 0, 10)
        mood = _clamp(7.6 - 1.3 * load + rng.gauss(0.0, 0.7), 0, 10)
        sleep = _sleep_hours(7.6 - 0.75 * load + rng.gauss(0.0, 0.5))
        quality = _clamp(4.3 - 0.7 * load + rng.gauss(0.0, 0.5), 1, 5)
        tagged = story.phase if story.phase and rng.random() < 0.85 else None
        note = _note_for_day(story, today, load, story.phase, context)
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
