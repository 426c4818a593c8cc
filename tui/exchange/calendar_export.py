"""The schedule as an iCalendar file: one all-day event on the first day of each step.

Calendar apps (Google Calendar, Apple Calendar, Outlook, Thunderbird) import a ``.ics`` file;
importing a newer export updates the events in place because each step keeps its UID (built
from the drug, the plan's first day and the step's number), so nothing is duplicated.

An event's title is what goes in the syringe, intake by intake
(``Step 2: 08:00 0.4 mg = 4 mL · 20:00 0.41 mg = 4.1 mL``, :mod:`tui.core.intake_text`): a
calendar shows only the title at a glance, and a day's total there would read as one dose. The
description adds the labelled daily total. Each step is said in its own form: after a switch of
form (docs/DOMAIN.md §3.11) the titles are in the second form's unit, and the first step of it
says the form changes that day. During and after a crossover (docs/DOMAIN.md §3.12) each intake
names its drug(s) (:mod:`tui.core.step_drugs`) and the description adds the day's ≈ diazepam, so a
diazepam dose is never read as clonazepam.

The drug, a step's note and the intake times are the person's own words: controls in every
title and description are shown as visible escapes (:func:`~tui.core.terminal_text.terminal_safe`) — iCalendar text may not hold them, and
a ``.ics`` is printed to terminals too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from tui.core.doses import format_decimal
from tui.core.measured_forms import switch_day
from tui.core.plan_model import Plan, Step
from tui.core.safety import SAFETY_NOTICE
from tui.core.step_drugs import names_drugs, step_daily_totals, step_diazepam, timed_step_intakes
from tui.core.terminal_text import terminal_safe, terminal_safe_line

PRODUCT_ID = "-//taper-tui//taper schedule//EN"
UID_DOMAIN = "taper-tui.invalid"


def step_title(plan: Plan, number: int, step: Step, times: Sequence[str] = ()) -> str:
    """``Step 7: 08:00 0.26 mg = 2.6 mL · 20:00 0.27 mg = 2.7 mL`` (each intake, never the day's total;
    a crossover's each naming its drugs)."""
    return f"Step {number}: {timed_step_intakes(plan, step, times)}"


def step_uid(plan: Plan, number: int) -> str:
    """A UID that stays the same across exports of the same plan (so re-imports update events)."""
    # surrogatepass: a lone surrogate in an imported drug name must not crash the export.
    seed = f"{plan.params.drug}|{plan.steps[0].start.isoformat()}".encode("utf-8", "surrogatepass")
    return f"step-{number}-{hashlib.sha256(seed).hexdigest()[:16]}@{UID_DOMAIN}"


def _description(plan: Plan, number: int, step: Step, times: Sequence[str]) -> str:
    lines = [f"{plan.drug_of(step)} from {step.start.isoformat()}"]
    if number == len(plan.steps):
        lines[0] += " on (the last step)"
    else:
        lines[0] += f" to {step.end.isoformat()} ({step.days} days)"
    if step.start == switch_day(plan):  # the person starts measuring with the new form that day
        lines.append(f"From this step measured as {plan.formulation_of(step).describe()} (a change of form)")
    lines.append(f"Each intake: {timed_step_intakes(plan, step, times)}")
    lines.append(step_daily_totals(plan, step))
    equivalent = step_diazepam(plan, step) if names_drugs(step) else None
    if equivalent is not None:  # two drugs' mg are not one figure: the day as ≈ diazepam
        lines.append(equivalent.describe())
    if step.cut_pct:
        lines.append(f"Cut: {format_decimal(step.cut_pct)} % of the daily total from the step before")
    lines += [flag.text for flag in step.flags]
    if step.note:
        lines.append(step.note)
    lines.append(SAFETY_NOTICE)
    return "\n".join(lines)


def schedule_ics(plan: Plan, generated_at: datetime, intake_times: Sequence[str] = ()) -> bytes:
    """The calendar for ``plan``: one all-day event per step. ``generated_at`` is the DTSTAMP;
    ``intake_times`` (the person's, from the settings) put a time on each intake when there is
    one per intake."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Taper schedule ({terminal_safe_line(plan.params.drug)})")
    stamp = generated_at.astimezone(UTC)
    for number, step in enumerate(plan.steps, start=1):
        event = Event()
        event.add("uid", step_uid(plan, number))
        event.add("dtstamp", stamp)
        event.add("dtstart", step.start)
        event.add("dtend", step.start + timedelta(days=1))
        event.add("summary", terminal_safe_line(step_title(plan, number, step, intake_times)))
        event.add("description", terminal_safe(_description(plan, number, step, intake_times)))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
        calendar.add_component(event)
    return calendar.to_ical()
