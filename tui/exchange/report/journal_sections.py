"""The report's sections about the log itself: adherence, plan changes, and the person's
questions for the prescriber.

**Questions for the prescriber:** any line of a day's note that starts with ``Q:`` or ``?`` is
listed under "Questions for my prescriber", with its date (e.g. a note
``Q: can I hold this step longer?``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from tui.core.adherence import adherence
from tui.core.entry import DayEntry
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.exchange.report.figures import MAX_LISTED
from tui.exchange.report.model import Bullets, Section

QUESTION_PREFIXES = ("q:", "?")
"""A note line starting with one of these (any case) is a question for the prescriber."""


def question_lines(entries: Sequence[DayEntry]) -> list[tuple[date, str]]:
    """Each note line that starts with ``Q:`` or ``?``, with its day, oldest first."""
    found = []
    for entry in sorted(entries, key=lambda e: e.day):
        for line in entry.note.splitlines():
            text = line.strip()
            for prefix in QUESTION_PREFIXES:
                if text.lower().startswith(prefix):
                    question = text[len(prefix) :].strip()
                    if question:
                        found.append((entry.day, question))
                    break
    return found


def adherence_section(
    entries: Sequence[DayEntry],
    plan: Plan | None,
    planned: Callable[[date], Decimal | None] | None,
    settings: Settings,
    today: date,
) -> Section:
    """Days logged, days dosed as planned, and doses missed, from the plan start (or first log) to today."""
    intakes = settings.intakes_per_day or (len(plan.params.split) if plan and plan.params.split else None)
    start = plan.start if plan else None
    summary = adherence(
        entries,
        planned,
        start=start if start and start <= today else None,
        end=today,
        intakes_per_day=intakes,
        plan=plan,
    )
    if summary is None or summary.days_logged == 0:
        return Section("Adherence", ("Nothing logged in this period.",))
    items = [
        f"Days logged: {summary.days_logged} of {summary.days_in_range} ({summary.start.isoformat()} to {summary.end.isoformat()})"
    ]
    items.append(f"Days with a dose logged: {summary.days_with_dose}")
    if summary.days_compared:
        items.append(
            f"Dose as planned on {summary.days_as_planned} of {summary.days_compared} days "
            f"({summary.days_below_plan} below plan, {summary.days_above_plan} above)"
        )
    if summary.intakes_missed is not None:
        items.append(
            f"Doses missed: {summary.intakes_missed} (intakes short of {intakes} a day, on days with a dose logged)"
        )
    return Section("Adherence", (Bullets(tuple(items)),))


def events_section(events: Sequence[dict[str, Any]]) -> Section | None:
    """Every plan change after the plan was made (hold, slow down, re-plan …) with its reason."""
    changes = [e for e in events if e.get("kind") not in ("import", "create") and e.get("effective")]
    if not changes:
        return None
    items = []
    for event in changes[-MAX_LISTED:]:
        reason = f": {event['reason']}" if event.get("reason") else ""
        items.append(f"{event['effective']}: {str(event['kind']).replace('_', ' ')}{reason}")
    return Section("Plan changes", (Bullets(tuple(items)),))


def questions_section(entries: Sequence[DayEntry]) -> Section:
    """The person's questions (:func:`question_lines`), or how to add one."""
    questions = question_lines(entries)
    if not questions:
        return Section(
            "Questions for my prescriber", ("None noted. (Start a line of a day's note with Q: or ? to list it here.)",)
        )
    return Section("Questions for my prescriber", (Bullets(tuple(f"{d.isoformat()}: {q}" for d, q in questions)),))
