"""The schedule as an iCalendar file: one all-day event on the first day of each step.

Calendar apps (Google Calendar, Apple Calendar, Outlook, Thunderbird) import a ``.ics`` file;
importing a newer export updates the events in place because each step keeps its UID (built
from the drug, the plan's first day and the step's number), so nothing is duplicated.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from tui.core.doses import format_decimal
from tui.core.plan_model import Plan, Step
from tui.core.safety import SAFETY_NOTICE

PRODUCT_ID = "-//taper-tui//taper schedule//EN"
UID_DOMAIN = "taper-tui.invalid"


def step_title(number: int, step: Step) -> str:
    """``Step 7: 0.53 mg — 5.3 mL`` (the measured unit is left out when it is just mg again)."""
    mg = f"{format_decimal(step.dose_mg)} mg"
    return f"Step {number}: {mg}" if step.unit_dose in ("", mg) else f"Step {number}: {mg} — {step.unit_dose}"


def step_uid(plan: Plan, number: int) -> str:
    """A UID that stays the same across exports of the same plan (so re-imports update events)."""
    seed = f"{plan.params.drug}|{plan.steps[0].start.isoformat()}".encode()
    return f"step-{number}-{hashlib.sha256(seed).hexdigest()[:16]}@{UID_DOMAIN}"


def _description(plan: Plan, number: int, step: Step) -> str:
    lines = [f"{plan.params.drug}: {format_decimal(step.dose_mg)} mg a day from {step.start.isoformat()}"]
    if number == len(plan.steps):
        lines[0] += " on (the last step)"
    else:
        lines[0] += f" to {step.end.isoformat()} ({step.days} days)"
    if len(step.intake_doses) > 1:
        lines.append("Intakes: " + ", ".join(step.intake_doses))
    if step.cut_pct:
        lines.append(f"Cut: {format_decimal(step.cut_pct)} % from the step before")
    lines += [flag.text for flag in step.flags]
    if step.note:
        lines.append(step.note)
    lines.append(SAFETY_NOTICE)
    return "\n".join(lines)


def schedule_ics(plan: Plan, generated_at: datetime) -> bytes:
    """The calendar for ``plan``: one all-day event per step. ``generated_at`` is the DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Taper schedule ({plan.params.drug})")
    stamp = generated_at.astimezone(UTC)
    for number, step in enumerate(plan.steps, start=1):
        event = Event()
        event.add("uid", step_uid(plan, number))
        event.add("dtstamp", stamp)
        event.add("dtstart", step.start)
        event.add("dtend", step.start + timedelta(days=1))
        event.add("summary", step_title(number, step))
        event.add("description", _description(plan, number, step))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
        calendar.add_component(event)
    return calendar.to_ical()
