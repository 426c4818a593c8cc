"""The demo plan and its turns: the first plan, the holds, the return to a stable dose, the
slow-down and the switch from the scale to a liquid, and how each cut is felt.

The story (:mod:`tui.demo.story`) calls :func:`change_plan` each morning and
:func:`on_step_start` on the first day of each step; every change goes through the same plan
changes a person makes in the app (:mod:`tui.core.plan_changes`), each with its audit event.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tui.core.doses import format_decimal
from tui.core.formulations import Liquid, PowderScale
from tui.core.plan_changes import PlanChangeError, hold, replan, return_to_stable, slow_down
from tui.core.plan_model import SCALE_UNRELIABLE, TOO_COARSE, Plan, PlanParams, Step
from tui.core.planner import build_plan, with_changes
from tui.demo.state import CutResponse, Story
from tui.demo.words import HOLD_REASONS, LONG_HOLD_REASONS, RETURN_REASON

DRUG = "clonazepam"
START_DOSE = Decimal(1)
STABILISATION_DAYS = 14
RETURN_AFTER_CUT = 7
"""The cut (counting from 1) that goes badly enough to return to the last stable dose."""
HOLD_AFTER_CUTS = (4, 11)
"""Cuts that are followed by a two-week hold whatever the dice say (so a short set has holds)."""
SLOW_DOWN_DAY = 300
"""Days from the start after which the taper slows to 5 % every 28 days."""
JUMP_OFF_MG = Decimal("0.02")

SCALE = PowderScale.create("1", "100", "0.5")
"""0.5 mg tablets weighing 100 mg, crushed and weighed on a 1 mg scale: 0.005 mg steps."""
LIQUID = Liquid.create("0.1", "0.01")
"""A compounded 0.1 mg/mL liquid measured with a 1 mL syringe to 0.01 mL: 0.001 mg steps."""


def at_evening(day: date) -> datetime:
    """When the person records a plan change: that evening (never the real clock)."""
    return datetime.combine(day, time(21, 0))


def first_plan(start: date) -> Plan:
    """Two weeks at 1 mg (two intakes), then 10 % every 14 days weighed on the scale."""
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


def change_plan(story: Story, today: date) -> str:
    """Apply the plan change the story calls for today, if any; return a note about it."""
    plan = story.plan
    step = plan.step_on(today)
    index = plan.step_index_on(today)
    if step is None or index is None:
        return ""
    last_step = index == len(plan.steps) - 1
    try:
        if story.red_flag_day is not None and today == story.red_flag_day + timedelta(days=1) and not story.returned:
            story.plan, event = return_to_stable(plan, today, at_evening(today), RETURN_REASON, hold_days=28)
            story.events.append(event)
            story.returned = True
            for response in story.responses:  # going back up eases what the cut started
                response.amplitude *= 0.45
            return f"Back up to {format_decimal(story.plan.step_on(today).dose_mg)} mg today (last stable dose)."  # type: ignore[union-attr]
        if story.pending_hold is not None and story.pending_hold[0] <= today and not last_step:
            _, days, reason = story.pending_hold
            story.pending_hold = None
            story.plan, event = hold(plan, days, today, at_evening(today), reason)
            story.events.append(event)
            return f"Holding at {format_decimal(step.dose_mg)} mg for {days} more days."
        if (today - story.start).days >= SLOW_DOWN_DAY and not story.slowed and not last_step:
            story.slowed = True
            story.plan, event = slow_down(
                plan,
                Decimal(5),
                today,
                at_evening(today),
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
                at_evening(today),
                "The scale is too coarse for the next cuts: switching to the 0.1 mg/mL liquid.",
            )
            story.events.append(event)
            return "Picked up the 0.1 mg/mL liquid from the pharmacy; starting it tomorrow with the cut."
    except PlanChangeError:
        return ""
    return ""


def on_step_start(story: Story, today: date, step: Step, previous: Step | None) -> str:
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
    story.responses.append(CutResponse(today, amplitude, onset, peak))
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
