"""The plan's history read from the audit trail, and the undo of its last change.

Every change to the plan is stored as an event (:mod:`tui.core.plan_changes`, and ``import``
from :mod:`tui.exchange.json_import`). :func:`history_rows` turns them into rows a person can
read — when, what changed in words, the end date before and after, the reason — newest first.
The trail is data from a file that older versions (or a hand edit) may have written: a missing
or odd field shows as blank, never as an error, so every event still shows.

:func:`undo_last_change` undoes the last change, and only while it is the last: it gives back
the plan as it was before that change (kept in the event as ``details.previous_plan``; events
written before that was kept cannot be undone) and an ``undo`` event to record with it. Past
steps are never rewritten: once a day has been taken under the change (the plans differ on a
day before today), the undo is refused and the person changes the plan forward instead
(hold, slow down, re-plan). An undo is not itself undone: that would be a change of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tui.core.plan_changes import PlanChangeError, make_event
from tui.core.plan_model import Plan
from tui.core.validation import ValidationError

UNDOABLE_KINDS = frozenset({"hold", "slow_down", "return_to_stable", "replan"})
"""Changes of a stored plan, which keep the plan as it was before them."""

UNDO_KIND = "undo"
"""The ``kind`` of the event recording an undo."""

NOTHING = "—"
"""Shown for a date or time the event does not hold."""


class NotUndoable(PlanChangeError):
    """The last change cannot be undone; the message says why and what to do instead."""


@dataclass(frozen=True)
class HistoryRow:
    """One event of the trail, in words (raw text from the file: escape it before showing it)."""

    position: int
    """The event's place in the trail (0 = oldest)."""
    kind: str
    """The event's ``kind`` as stored (``""`` when missing)."""
    when: str
    """``2027-03-15 09:00`` (the time it was recorded), or the stored text when it is not a time."""
    what: str
    """What changed, in words: ``Held 7 more days``."""
    end_before: str
    """The plan's end date before the change (ISO), or ``""`` when the event does not say."""
    end_after: str
    """The plan's end date after the change (ISO), or ``""``."""
    reason: str
    """The reason given with the change (may be empty)."""

    @property
    def end_change(self) -> str:
        """``2027-05-01 → 2027-05-08``; one side shown as ``—`` when unknown; ``""`` when both are."""
        if not self.end_before and not self.end_after:
            return ""
        return f"{self.end_before or NOTHING} → {self.end_after or NOTHING}"


def _text(value: Any) -> str:
    """A stored scalar as text; anything else (a list, an object, None) as ``""``."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    details = event.get("details")
    return details if isinstance(details, Mapping) else {}


def _when(value: Any) -> str:
    """``2027-03-15 09:00`` in the time the event was recorded in (no conversion)."""
    text = _text(value)
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text or NOTHING


def _days(count: str) -> str:
    return "1 more day" if count == "1" else f"{count} more days"


def describe(event: Mapping[str, Any]) -> str:
    """What an event changed, in words: ``Held 7 more days``, ``Slowed to 5 % every 14 days``,
    ``Returned to 0.5 mg (stable)``, ``Re-planned``, ``Imported from taper.json``,
    ``Undid: Held 7 more days``. Fields missing from an older event are left out."""
    kind = _text(event.get("kind"))
    details = _details(event)
    if kind == "create":
        dose = _text(details["params"].get("dose_mg")) if isinstance(details.get("params"), Mapping) else ""
        return f"New plan from {dose} mg" if dose else "New plan"
    if kind == "hold":
        days = _text(details.get("days"))
        return f"Held {_days(days)}" if days else "Held the dose longer"
    if kind == "slow_down":
        cut, every = _text(details.get("cut_pct")), _text(details.get("step_days"))
        if not cut:
            return "Slowed down"
        return f"Slowed to {cut} % every {every} days" if every else f"Slowed to {cut} %"
    if kind == "return_to_stable":
        dose = _text(details.get("to_mg"))
        return f"Returned to {dose} mg (stable)" if dose else "Returned to the last stable dose"
    if kind == "replan":
        return "Re-planned"
    if kind == "import":
        source = _text(event.get("source"))
        return f"Imported from {source}" if source else "Imported"
    if kind == UNDO_KIND:
        undone = _text(details.get("undone"))
        return f"Undid: {undone}" if undone else "Undid the change before"
    return kind.replace("_", " ").capitalize() if kind else "A change (no kind recorded)"


def history_row(position: int, event: Mapping[str, Any]) -> HistoryRow:
    """One event as a row (see :class:`HistoryRow`); any event shape gives a row."""
    details = _details(event)
    return HistoryRow(
        position=position,
        kind=_text(event.get("kind")),
        when=_when(event.get("at")),
        what=describe(event),
        end_before=_text(details.get("end_date_before")),
        end_after=_text(details.get("end_date")),
        reason=_text(event.get("reason")).strip(),
    )


def history_rows(events: Sequence[Any]) -> list[HistoryRow]:
    """Every event of the trail as a row, newest first (by place in the trail, not by clock:
    a clock set back must not reorder what happened)."""
    rows = [history_row(i, e if isinstance(e, Mapping) else {}) for i, e in enumerate(events)]
    rows.reverse()
    return rows


# -- undo ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanUndo:
    """The undo of the last change, computed but not yet saved."""

    plan: Plan
    """The plan as it was before the change: the active plan once the undo is saved."""
    event: dict[str, Any]
    """The ``undo`` event to record with it."""
    undone: HistoryRow
    """The change undone, as the history shows it."""


def first_day_taken_differently(current: Plan, previous: Plan, today: date) -> date | None:
    """The first day before ``today`` on which the two plans set different intakes, or ``None``
    when they agree on every day already past (so putting ``previous`` back rewrites nothing)."""
    day = min(current.start, previous.start)
    while day < today:
        now_step, then_step = current.step_on(day), previous.step_on(day)
        now_intakes = now_step.intake_mg if now_step is not None else None
        then_intakes = then_step.intake_mg if then_step is not None else None
        if now_intakes != then_intakes:
            return day
        day += timedelta(days=1)
    return None


def _refusal(kind: str) -> str:
    if kind == UNDO_KIND:
        return (
            "the last change was itself an undo, which cannot be undone — "
            "change the plan forward in Schedule (hold, slow down, re-plan)"
        )
    if kind == "create":
        return "the last change made a new plan — to change it, use hold, slow down or re-plan in Schedule"
    if kind == "import":
        return "the last change was an import — the file as it was before is the newest backup (taper-tui restore)"
    return "the last recorded event is not a change of the plan that can be undone"


def undo_last_change(events: Sequence[Any], plan: Plan | None, today: date, at: datetime) -> PlanUndo:
    """The undo of the last event of the trail; :class:`NotUndoable` says why when there is none.

    The undo puts back ``details.previous_plan`` exactly, so it is only offered while that
    rewrites no past day (see the module docstring).
    """
    if not events or not isinstance(events[-1], Mapping):
        raise NotUndoable("no change of the plan is recorded yet")
    last = events[-1]
    row = history_row(len(events) - 1, last)
    if row.kind not in UNDOABLE_KINDS:
        raise NotUndoable(_refusal(row.kind))
    if plan is None:
        raise NotUndoable("there is no active plan to undo a change of")
    record = _details(last).get("previous_plan")
    if not isinstance(record, Mapping):
        raise NotUndoable(
            "this change was recorded by an older taper-tui, which did not keep the plan as it was "
            "before — change the plan forward in Schedule instead (hold, slow down, re-plan)"
        )
    if (row.end_after, _text(_details(last).get("steps"))) != (plan.end_date.isoformat(), str(len(plan.steps))):
        raise NotUndoable(
            "the plan stored now is not the one this change made (it was changed since) — nothing is undone"
        )
    try:
        previous = Plan.from_record(dict(record))
    except ValidationError as error:
        raise NotUndoable(f"the plan kept with this change cannot be read ({error})") from None
    taken = first_day_taken_differently(plan, previous, today)
    if taken is not None:
        raise NotUndoable(
            f"days from {taken.isoformat()} were already taken under this change, and past days are never "
            "rewritten — change the plan forward in Schedule instead (hold, slow down, re-plan)"
        )
    details = {
        "undone": row.what,
        "undone_kind": row.kind,
        "undone_at": _text(last.get("at")),
        "end_date_before": plan.end_date.isoformat(),
        "end_date": previous.end_date.isoformat(),
        "steps": len(previous.steps),
    }
    return PlanUndo(previous, make_event(UNDO_KIND, at, today, details), row)
