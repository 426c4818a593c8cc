"""Living with the plan: hold, slow down, return to the last stable dose, re-plan.

Every change is asked for by the person (the app never changes a dose by itself), takes effect
on or after "today", never rewrites a step that is already past, and returns the new
:class:`~tui.core.plan_model.Plan` together with an *event*: a plain JSON dict for the
store's audit trail and the export::

    {"at": "2027-02-03T09:15:00", "kind": "hold", "effective": "2027-02-03",
     "details": {...}, "reason": "..."}

``kind`` is one of :data:`EVENT_KINDS`; ``details`` holds decimal strings, ISO dates and
ints, and, for a change of a stored plan, ``previous_plan``: the plan record as it was before,
so the change can be undone exactly (:mod:`tui.core.plan_history`). The same functions back
``taper-tui plan --hold-days …`` and the Schedule view.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tui.core.doses import format_decimal
from tui.core.drugs import ASHTON, equivalence_source, equivalent_mg, find_drug
from tui.core.plan_crossover import taper_params
from tui.core.plan_model import HELD, HOLD, OVER_25_IN_14, Flag, Method, Plan, PlanParams, Step
from tui.core.planner import MAX_STEP_DAYS, build_plan, over_25_in_14, plan_steps
from tui.core.validation import ValidationError

EVENT_KINDS = ("create", "hold", "slow_down", "return_to_stable", "replan", "undo")


class PlanChangeError(ValueError):
    """A change that cannot be made as asked; the message says why and what to do."""


def make_event(kind: str, at: datetime, effective: date, details: dict[str, Any], reason: str = "") -> dict[str, Any]:
    """An audit-trail record with a fixed key order (JSON-plain values only)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    return {
        "at": at.isoformat(timespec="seconds"),
        "kind": kind,
        "effective": effective.isoformat(),
        "details": details,
        "reason": reason,
    }


def _summary(plan: Plan) -> dict[str, Any]:
    """The figures every event repeats so the trail reads on its own."""
    return {"end_date": plan.end_date.isoformat(), "steps": len(plan.steps)}


def _before(plan: Plan) -> dict[str, Any]:
    """What a change of ``plan`` keeps of it: the end date it had, and the whole record, so the
    change can be undone exactly."""
    return {"end_date_before": plan.end_date.isoformat(), "previous_plan": plan.to_record()}


def creation_event(plan: Plan, at: datetime, reason: str = "") -> dict[str, Any]:
    """The event recorded when a plan is first saved."""
    details = {"params": plan.params.to_record(), **_summary(plan)}
    return make_event("create", at, plan.start, details, reason)


def _per_mg(plan: Plan, drug: str, into: str) -> Fraction:
    """mg of ``into`` per mg of ``drug`` by the plan's equivalence table (Ashton unless its
    crossover chose VA/DoD); 1 for the same drug, or when the table has no figure for one of them
    (then nothing can be compared but the mg themselves)."""
    if drug == into or (find_drug(drug) is not None and find_drug(drug) == find_drug(into)):
        return Fraction(1)
    source = equivalence_source(plan.params.equivalence) or ASHTON
    mine, theirs = equivalent_mg(drug, source), equivalent_mg(into, source)
    if mine is None or theirs is None:
        return Fraction(1)
    return Fraction(theirs) / Fraction(mine)


def _day_as(plan: Plan, step: Step, into: str) -> Fraction:
    """docs/DOMAIN.md §3.4, §3.12: ``step``'s day in mg of ``into``, each drug in it converted, so
    the 25 %-in-14-days ceiling and a re-plan's first cut compare the same day across a change of
    drug (clonazepam 0.5 mg and diazepam 10 mg are level), never raw mg of two drugs."""
    day = step.dose_exact * _per_mg(plan, plan.drug_of(step), into)
    if step.also is not None:
        day += step.also.units * step.also.formulation.increment * _per_mg(plan, step.also.drug, into)
    return day


def _before_as(plan: Plan, into: str) -> Fraction:
    """The dose taken before ``plan`` (of its first step's drug) in mg of ``into``."""
    first = plan.drug_of(plan.steps[0]) if plan.steps else plan.params.drug
    return Fraction(plan.dose_before_mg) * _per_mg(plan, first, into)


def _history(plan: Plan, steps: tuple[Step, ...] | list[Step], into: str) -> list[tuple[date, date, Fraction]]:
    """(start, end, day in mg of ``into``) of ``steps``."""
    return [(s.start, s.end, _day_as(plan, s, into)) for s in steps]


def _kept_before(plan: Plan, day: date) -> list[Step]:
    """Steps as they stand for every day before ``day``; the step running on ``day`` is cut
    short to end the day before (dropped if it starts on ``day``)."""
    kept: list[Step] = []
    for step in plan.steps:
        if step.start >= day:
            break
        kept.append(step if step.end < day else replace(step, end=day - timedelta(days=1)))
    return kept


def _check_not_past(effective: date, today: date) -> None:
    if effective < today:
        raise PlanChangeError(
            f"{effective.isoformat()} is in the past: past steps are never rewritten — choose today ({today.isoformat()}) or later"
        )


def _check_reason(reason: str, required: bool) -> str:
    text = (reason or "").strip()
    if required and not text:
        raise PlanChangeError("give a reason: it is recorded with the change")
    return text


def _refresh_window_flags(plan: Plan, steps: list[Step], first: int) -> None:
    """Re-check the 25 %-in-14-days flag from ``steps[first]`` on after dates moved, each day in
    mg of the plan's own drug (a crossover's stages converted, so a level stage is not a cut)."""
    drug = plan.params.drug
    history = _history(plan, steps[:first], drug)
    dose_before = _before_as(plan, drug)
    for index in range(first, len(steps)):
        step = steps[index]
        flags = tuple(f for f in step.flags if f.code != OVER_25_IN_14)
        day = _day_as(plan, step, drug)
        if step.cut_pct > 0 and over_25_in_14(history, step.start, day, dose_before):
            flags += (
                Flag(
                    OVER_25_IN_14,
                    "More than 25 % below the highest dose of the 14 days before: needs your explicit confirmation.",
                ),
            )
        if flags != step.flags:
            steps[index] = replace(step, flags=flags)
        history.append((step.start, step.end, day))


def hold(
    plan: Plan, days: int, today: date, at: datetime, reason: str = "", on: date | None = None
) -> tuple[Plan, dict[str, Any]]:
    """Hold the dose of the step running on ``on`` (default today) ``days`` days longer.

    That step ends ``days`` later and every later step moves by ``days``; earlier steps are
    untouched. Before the plan starts, the whole plan moves.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_STEP_DAYS:
        raise ValidationError("hold-days", days, f"use a whole number of days from 1 to {MAX_STEP_DAYS}")
    effective = on or today
    _check_not_past(effective, today)
    text = _check_reason(reason, required=False)
    shift = timedelta(days=days)
    index = plan.step_index_on(effective)
    if index is not None and index == len(plan.steps) - 1:
        raise PlanChangeError("the plan has reached its final dose: there is no later cut to hold back")
    steps = list(plan.steps)
    first_moved = 0 if index is None else index + 1
    if index is not None:
        held = steps[index]
        note = f"Held {days} more days from {effective.isoformat()}" + (f": {text}" if text else "") + "."
        steps[index] = replace(held, end=held.end + shift, flags=(*held.flags, Flag(HELD, note)))
    for position in range(first_moved, len(steps)):
        step = steps[position]
        steps[position] = replace(step, start=step.start + shift, end=step.end + shift)
    _refresh_window_flags(plan, steps, first_moved)
    new_plan = replace(plan, steps=tuple(steps))
    details = {
        "days": days,
        "dose_mg": format_decimal(steps[index].dose_mg if index is not None else plan.dose_before_mg),
        **_before(plan),
        **_summary(new_plan),
    }
    return new_plan, make_event("hold", at, effective, details, text)


def _continue_from(plan: Plan, effective: date, params: PlanParams, include_hold: bool, first_note: str = "") -> Plan:
    """Keep every step before ``effective`` and plan the rest from ``params``."""
    taken = _kept_before(plan, effective)
    kept = _pinned(taken, plan, params)
    # In mg of the new parameters' drug: a re-plan onto another drug is compared as the same day.
    before = _before_as(plan, params.drug)
    new = plan_steps(
        params,
        first_day=effective,
        previous_exact=_day_as(plan, taken[-1], params.drug) if taken else before,
        history=_history(plan, taken, params.drug),
        dose_before_history=before,
        include_hold=include_hold,
        first_note=first_note,
    )
    return Plan(params=params, steps=tuple(kept) + tuple(new), dose_before_mg=plan.dose_before_mg)


def _pinned(kept: list[Step], plan: Plan, params: PlanParams) -> list[Step]:
    """docs/DOMAIN.md §3.12: kept steps of a drug other than the new parameters' keep their drug
    and form written on them, so a crossover's history is never re-read as the new plan's drug."""
    pinned = []
    for step in kept:
        drug = plan.drug_of(step)
        if drug != params.drug:
            step = replace(step, drug=drug, formulation=plan.formulation_of(step))
        elif step.drug:
            step = replace(step, drug="")
        pinned.append(step)
    return pinned


def _taper_base(plan: Plan, step: Step) -> PlanParams:
    """The parameters a re-planned tail continues: after a crossover, a plan of the new drug from
    ``step``'s intakes; during one, no re-planning (a stage can be held)."""
    if not plan.params.crosses_over:
        return plan.params
    if step.also is not None or not step.drug:
        raise PlanChangeError(
            f"the crossover to {plan.params.crossover_to} is not complete on {step.start.isoformat()}: "
            "hold the stage instead (--hold-days), or enter a new plan with the prescriber"
        )
    return taper_params(plan.params, step.intake_mg)


def _tail_params(plan: Plan, start: date, step: Step, dose_mg: Decimal, **changes: Any) -> PlanParams:
    """Parameters for a re-planned tail from the dose of ``step``: custom and occupancy plans
    continue proportionally; a crossover plan as a plan of the new drug."""
    base = _taper_base(plan, step)
    method = base.method if base.method in (Method.PROPORTIONAL, Method.LINEAR) else Method.PROPORTIONAL
    fields: dict[str, Any] = {"method": method, "custom": (), "hold_days": 0, **changes}
    return replace(base, start=start, dose_mg=dose_mg, **fields)


def current_cut_pct(plan: Plan, today: date) -> Decimal:
    """The cut the plan is making now: the agreed % for a proportional plan, else the % of the
    next cut (or, past the last cut, of the latest one)."""
    if plan.params.method is Method.PROPORTIONAL:
        return plan.params.cut_pct
    upcoming = plan.next_cut_on_or_after(today)
    if upcoming is not None:
        return upcoming.cut_pct
    cuts = [s.cut_pct for s in plan.steps if s.cut_pct > 0]
    return cuts[-1] if cuts else Decimal(0)


def check_slower(plan: Plan, cut_pct: Decimal, today: date) -> None:
    """Slowing down means a smaller cut than the current one; PlanChangeError says so otherwise."""
    current = current_cut_pct(plan, today)
    if cut_pct >= current:
        raise PlanChangeError(
            f"slowing down needs a cut smaller than the current {format_decimal(current)} % "
            f"({format_decimal(cut_pct)} % is not smaller) — e.g. {format_decimal(current / 2)} %"
        )


def hold_days_left(plan: Plan, today: date) -> int:
    """Days left of a stabilisation hold (or a hold the person asked for) running on ``today``,
    counting today; 0 when no hold is running. A re-plan keeps them unless the person chooses
    otherwise, so an agreed hold is never dropped silently."""
    step = plan.step_on(today)
    if step is None or not (step.has(HOLD) or step.has(HELD)) or step.end < today:
        return 0
    return (step.end - today).days + 1


def replan_hold_days(plan: Plan, start: date, params: PlanParams) -> int:
    """The days a re-plan of ``plan`` from ``start`` by ``params`` holds the dose being taken
    before its first cut, unless the person sets the hold (docs/DOMAIN.md §2, Dates): the days
    left of a hold running then (:func:`hold_days_left`); else, once the plan has started, one
    full step of the new plan, so a re-plan never cuts on the day it is saved without being asked.
    0 before the plan starts (a new plan's first day is its first cut, as agreed), for a custom
    list (each dated dose is what was asked) and for a crossover (its first stage is level)."""
    if params.method is Method.CUSTOM or params.crosses_over:
        return 0
    left = hold_days_left(plan, start)
    if left:
        return left
    return 0 if plan.step_index_on(start) is None else params.step_days


def slow_down(
    plan: Plan, cut_pct: Decimal | int | str, today: date, at: datetime, reason: str = "", step_days: int | None = None
) -> tuple[Plan, dict[str, Any]]:
    """From the next step on, cut ``cut_pct`` % of the current dose (optionally every
    ``step_days``); the step running today keeps its dose and end date. The cut must be
    smaller than the current one (:func:`check_slower`)."""
    text = _check_reason(reason, required=False)
    check_slower(plan, Decimal(cut_pct), today)
    index = plan.step_index_on(today)
    if index is not None and index == len(plan.steps) - 1:
        raise PlanChangeError("the plan has reached its final dose: there is no later cut to slow down")
    changes: dict[str, Any] = {"cut_pct": cut_pct, "method": Method.PROPORTIONAL}
    if step_days is not None:
        changes["step_days"] = step_days
    if index is None:  # not started yet: the whole plan, hold included, with the new pace
        params = replace(plan.params, **changes)
        new_plan = replace(build_plan(params), dose_before_mg=plan.dose_before_mg)
        effective = plan.start
    else:
        current = plan.steps[index]
        effective = current.end + timedelta(days=1)
        params = _tail_params(plan, effective, current, current.dose_mg, **changes)
        new_plan = _continue_from(plan, effective, params, include_hold=False)
    details = {
        "cut_pct_before": format_decimal(plan.params.cut_pct),
        "cut_pct": format_decimal(new_plan.params.cut_pct),
        "step_days_before": plan.params.step_days,
        "step_days": new_plan.params.step_days,
        **_before(plan),
        **_summary(new_plan),
    }
    return new_plan, make_event("slow_down", at, effective, details, text)


def last_stable_step(plan: Plan, today: date) -> Step | None:
    """The step before the latest cut that took effect on or before ``today`` (the dose the
    person was last stable on), or None when nothing higher was taken within the plan."""
    index = plan.step_index_on(today)
    if index is None:
        return None
    current = plan.steps[index].dose_exact
    for step in reversed(plan.steps[:index]):
        if step.dose_exact > current:
            return step
    return None


def return_to_stable(
    plan: Plan,
    today: date,
    at: datetime,
    reason: str,
    hold_days: int | None = None,
    cut_pct: Decimal | None = None,
) -> tuple[Plan, dict[str, Any]]:
    """Go back up to the last stable dose from today — an increase, only on request.

    The reason is required and recorded on the step and in the event. The stable dose is held
    ``hold_days`` (default the plan's step length), then the taper resumes proportionally at
    ``cut_pct`` (default the plan's cut; a smaller one is usually wiser — ask the prescriber).
    """
    text = _check_reason(reason, required=True)
    stable = last_stable_step(plan, today)
    if stable is None:
        raise PlanChangeError("there is no higher dose earlier in the plan to return to")
    form = plan.formulation_of(stable)  # the form that measured it (a switch of form may follow)
    stable_mg = form.round_up(stable.dose_exact)
    days = plan.params.step_days if hold_days is None else hold_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_STEP_DAYS:
        raise ValidationError("hold-days", days, f"use a whole number of days from 1 to {MAX_STEP_DAYS}")
    changes: dict[str, Any] = {}
    if cut_pct is not None:
        changes["cut_pct"] = cut_pct
    params = replace(_tail_params(plan, today, stable, stable_mg, **changes), hold_days=days)
    current = plan.step_on(today)
    new_plan = _continue_from(plan, today, params, include_hold=True, first_note=text)
    details = {
        "from_mg": format_decimal(current.dose_mg),  # type: ignore[union-attr]
        "to_mg": format_decimal(stable_mg),
        "hold_days": days,
        "cut_pct": format_decimal(params.cut_pct),
        **_before(plan),
        **_summary(new_plan),
    }
    return new_plan, make_event("return_to_stable", at, today, details, text)


def replan(plan: Plan, params: PlanParams, today: date, at: datetime, reason: str = "") -> tuple[Plan, dict[str, Any]]:
    """Keep every step before ``params.start`` and plan the rest from ``params`` (history kept).

    As for a new plan, ``params.dose_mg`` is the dose taken when the new plan starts: it is
    held for ``params.hold_days`` (if any) and then cut; if it is higher than the dose taken
    the day before, that step is flagged as an increase.
    """
    _check_not_past(params.start, today)
    text = _check_reason(reason, required=False)
    new_plan = _continue_from(plan, params.start, params, include_hold=True, first_note=text)
    details = {"params": params.to_record(), **_before(plan), **_summary(new_plan)}
    return new_plan, make_event("replan", at, params.start, details, text)
