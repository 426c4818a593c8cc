"""The taper planner: turns an agreed taper into dated steps a person can actually measure.

Methods (docs/DOMAIN.md §2):

* ``proportional`` (default) — cut ``cut_pct`` % of the *current* dose every ``step_days``.
* ``linear`` — cut a fixed ``linear_mg`` (default ``cut_pct`` % of the starting dose) each step;
  its % cut grows to 100 % at the end, so every cut step is flagged ``linear``.
* ``occupancy`` — equal steps of receptor occupancy ``occ(D) = Emax·D / (EC50 + D)`` in
  ``occupancy_steps`` steps (Emax and EC50 are the clinician's parameters).
* ``custom`` — a list of dated doses (a prescriber's schedule, any drug), taken as entered.

The plan is built in three stages, each in its own module: :mod:`tui.core.plan_validation`
checks the parameters, :mod:`tui.core.plan_shapes` generates the rounded cut steps (docs/DOMAIN.md
§3: rounded **up**, never a bigger cut than planned), and this module holds the rule for the
rest: it gives those steps their dates, per-intake doses (:mod:`tui.core.plan_intakes`), texts in
the unit measured, cut % and flags. Doses never increase unless the person asks (see
:mod:`tui.core.plan_changes`).

Dates: the optional stabilisation hold comes first (at the current dose), then one step per
cut, each ``step_days`` long; the last step (0 mg or the target) is a one-day step meaning
"from this day on". Steps are inclusive and contiguous.

Arithmetic is exact: doses are whole numbers of the formulation's increment (``units``),
compared and cut as integers and :class:`~fractions.Fraction`; mg are shown as Decimal.

Flags are :class:`~tui.core.plan_model.PlanFlag` codes with a human text, each decided by one
named rule in :mod:`tui.core.step_flags`; a plan that contains a cut above 25 % within 14 days,
or a stop to 0 mg from above the jump-off dose, :meth:`Plan.confirmations_needed` lists it: the
person must confirm before it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from tui.core.doses import ZERO, format_decimal
from tui.core.formulations import Formulation, RawIncrement
from tui.core.plan_crossover import crossover_ratio, crossover_steps, taper_params
from tui.core.plan_intakes import even_split as even_split  # re-exported: the plan input and editor name it here
from tui.core.plan_intakes import intake_units_of, intake_weights
from tui.core.plan_intakes import split_remainder_note as split_remainder_note
from tui.core.plan_model import MAX_STEP_DAYS as MAX_STEP_DAYS
from tui.core.plan_model import Flag, Method, Plan, PlanFlag, PlanParams, Step
from tui.core.plan_shapes import Draft, drafts_shaped
from tui.core.plan_switch import second_form_params, starting_params, switched_drafts
from tui.core.plan_validation import MAX_PLAN_DAYS as MAX_PLAN_DAYS
from tui.core.plan_validation import MAX_STEPS as MAX_STEPS
from tui.core.plan_validation import validate_params as validate_params  # re-exported likewise
from tui.core.step_flags import (
    CONFIRM_WINDOW_DAYS,
    FlagContext,
    Units,
    cut_flags,
    draft_flags,
    fast_start_flag,
    fast_start_pct,
    increase_flag,
    percent_of,
    short_last_flag,
)
from tui.core.step_flags import History as History  # re-exported: plan changes name it from here
from tui.core.step_flags import over_25_in_14 as over_25_in_14  # re-exported likewise
from tui.core.validation import ValidationError

_IDEAL_QUANTUM = Decimal("0.0001")
DEFAULT_CUSTOM_INCREMENT = "0.0001"
"""Custom doses are taken as typed; the store keeps at most 4 decimals of a mg."""


def _step_days(drafts: list[Draft], index: int) -> int:
    """How long the draft at ``index`` lasts: to the next custom date, 1 for the final dose
    ("from this day on"), else the draft's own length."""
    draft = drafts[index]
    last_index = len(drafts) - 1
    if draft.date is not None and index < last_index:
        return (drafts[index + 1].date - draft.date).days  # type: ignore[operator]
    if index == last_index and not draft.hold:
        return 1
    return draft.days


def _ideal(draft: Draft) -> Decimal | None:
    """The unrounded target of the step, to 4 decimals (shown beside the measurable dose)."""
    if draft.ideal is None:
        return None
    ideal = draft.ideal
    exact = ideal if isinstance(ideal, Decimal) else Decimal(ideal.numerator) / Decimal(ideal.denominator)
    return exact.quantize(_IDEAL_QUANTUM, rounding=ROUND_HALF_UP)


def _finish(
    drafts: list[Draft],
    params: PlanParams,
    first_day: date,
    previous_exact: Fraction,
    history: History,
    dose_before: Fraction,
) -> list[Step]:
    """Give drafts their dates, per-intake doses, unit texts, cut % and flags.

    The hot path compares whole units (ints); Fractions only appear where a flag is set. Each
    flag is decided by one named rule in :mod:`tui.core.step_flags`.
    """
    form = params.formulation
    inc = form.increment
    weights = intake_weights(params)
    context = FlagContext.of(params)
    # Only the last 14 days of history matter to the window rule; keep it short and in units.
    cutoff = first_day - timedelta(days=CONFIRM_WINDOW_DAYS + 1)
    window: list[tuple[date, date, Fraction | int]] = [(s, e, d / inc) for s, e, d in history if e >= cutoff]
    before_units = dose_before / inc
    previous: Units = _whole(previous_exact / inc)
    steps: list[Step] = []
    day = first_day
    phase = params
    for index, draft in enumerate(drafts):
        if draft.form is not None and phase is params:
            # docs/DOMAIN.md §3.11: from here on the second form; what came before is re-counted
            # in its increments, so the cut into it and the 14-day window compare exact doses.
            phase = second_form_params(params)
            factor = inc / phase.formulation.increment
            form, inc, context = phase.formulation, phase.formulation.increment, FlagContext.of(phase)
            previous, before_units = _whole(previous * factor), before_units * factor
            window = [(s, e, d * factor) for s, e, d in window]
        if draft.date is not None:
            day = draft.date
        days = _step_days(drafts, index)
        units = draft.units
        drop = previous - units  # in units; > 0 for a cut
        flags = draft_flags(draft)
        if drop < 0:
            rise = percent_of(-drop, previous) if previous else Decimal(100)
            flags.append(increase_flag(rise, draft.note))
            cut_pct = -rise
        elif drop == 0:
            cut_pct = ZERO
        else:
            cut_pct = percent_of(drop, previous)
            over_25 = over_25_in_14(window, day, units, before_units)  # type: ignore[arg-type]
            flags += cut_flags(context, draft, previous, units, cut_pct, over_25)
        if draft.target:
            flags.append(Flag(PlanFlag.TARGET, "Final target dose reached."))
        intake_units = intake_units_of(units, phase, weights, draft.intakes)
        end = day + timedelta(days=days - 1)
        unit_dose = form.unit_text(units)
        steps.append(
            Step(
                start=day,
                end=end,
                units=units,
                increment=inc,
                intake_units=intake_units,
                unit_dose=unit_dose,
                intake_doses=(unit_dose,) if len(intake_units) == 1 else tuple(form.unit_text(u) for u in intake_units),
                cut_pct=cut_pct,
                flags=tuple(flags),
                ideal_mg=_ideal(draft),
                note=draft.note,
                formulation=draft.form,
            )
        )
        window.append((day, end, units))
        previous = units
        day = end + timedelta(days=1)
    return _flag_short_last(steps)


def _whole(units: Fraction) -> Units:
    """Units as an int when whole (the hot path's ints), else the exact Fraction."""
    return units.numerator if units.denominator == 1 else units


def _with_flag(step: Step, flag: Flag) -> Step:
    return replace(step, flags=(*step.flags, flag))


def _flag_short_last(steps: list[Step]) -> list[Step]:
    """docs/DOMAIN.md §3.8: a stop whose last dose is held fewer days than the step before it (a
    custom list, a re-plan) is flagged, never silently accepted."""
    if len(steps) >= 3 and steps[-1].units == 0 and steps[-2].units > 0:
        last, before = steps[-2], steps[-3]
        if not last.has(PlanFlag.HOLD) and not before.has(PlanFlag.HOLD) and last.days < before.days:
            steps[-1] = _with_flag(steps[-1], short_last_flag(last.days, before.days))
    return steps


def _flag_fast_start(steps: list[Step], params: PlanParams) -> list[Step]:
    """docs/DOMAIN.md §1: information on the first cut when the first 14–28 days average above the
    guideline's initial 10 % per 2 weeks; across a crossover each day is read in ≈ mg of the new
    drug (a level stage is no cut; raw mg of two drugs are never compared)."""
    first = next((i for i, s in enumerate(steps) if s.cut_pct > 0 and not _crossing(params, s)), None)
    if first is None:
        return steps
    day = _in_new_drug(params) if params.crosses_over else _own_day
    cuts = [(s.start, s.end, day(s)) for s in steps[first:]]
    before = day(steps[first - 1]) if first else Fraction(params.dose_mg) * _ratio(params)
    pct = fast_start_pct(cuts, before)
    if pct is not None:
        steps[first] = _with_flag(steps[first], fast_start_flag(pct))
    return steps


def plan_steps(
    params: PlanParams,
    first_day: date | None = None,
    previous_exact: Fraction | None = None,
    history: Iterable[tuple[date, date, Fraction]] = (),
    dose_before_history: Fraction | None = None,
    include_hold: bool = True,
    first_note: str = "",
) -> list[Step]:
    """The steps of ``params`` from ``first_day`` (default ``params.start``).

    ``previous_exact`` is the dose taken the day before (default the starting dose) and
    ``history`` the (start, end, dose) of earlier steps (``dose_before_history`` was taken
    before those), so a re-planned tail is flagged against what was really taken before it.
    ``first_note`` (e.g. the reason for a return to a stable dose) goes on the first step.
    """
    given = params
    params = starting_params(params)
    validate_params(params)
    form = params.formulation
    first = first_day or params.start
    before = Fraction(params.dose_mg) if previous_exact is None else previous_exact
    history_list = list(history)
    fallback = before if dose_before_history is None else dose_before_history
    if params.method is Method.CUSTOM:
        per_intake: list[tuple[int, ...] | None] = [
            tuple(form.units_of(x) or 0 for x in xs) for xs in params.custom_intakes
        ]
        listed = [
            Draft(units=form.units_of(mg) or 0, days=params.step_days, date=d, intakes=xs)
            for (d, mg), xs in zip(params.custom, per_intake or [None] * len(params.custom), strict=True)
        ]
        return _finish(listed, params, params.custom[0][0], before, history_list, fallback)
    start_units = form.units_of(params.dose_mg)
    assert start_units is not None  # validate_params checked it
    drafts: list[Draft] = []
    if include_hold and params.hold_days > 0:
        drafts.append(Draft(units=start_units, days=params.hold_days, hold=True))
    shaped = switched_drafts(params, drafts_shaped(params, start_units), start_units)
    if drafts and shaped and shaped[0].units == start_units and shaped[0].form is None:
        # a lengthening at the start dose simply makes the stabilisation hold longer
        drafts[0].days += shaped.pop(0).days
        drafts[0].lengthened = True
    drafts.extend(shaped)
    if first_note and drafts:
        drafts[0].note = first_note
    steps = _finish(drafts, params, first, before, history_list, fallback)
    if params is not given:  # already below the switch: every step is in the second form
        steps = [replace(step, formulation=params.formulation) for step in steps]
    return steps


def build_plan(params: PlanParams) -> Plan:
    """A new plan from ``params`` (raises :class:`ValidationError` naming a bad parameter)."""
    if params.split and sum(params.split) != params.dose_mg:
        raise ValidationError(
            "split-doses",
            ",".join(map(format_decimal, params.split)),
            f"the intakes must add up to the daily dose ({format_decimal(params.dose_mg)} mg)",
        )
    steps = _flag_fast_start(_crossover_then_taper(params) if params.crosses_over else plan_steps(params), params)
    return Plan(params=params, steps=tuple(steps), dose_before_mg=params.dose_mg)


def _crossing(params: PlanParams, step: Step) -> bool:
    """A crossover stage (level within one increment of the new form): the taper starts after it."""
    return params.crosses_over and (step.also is not None or not step.drug)


def _own_day(step: Step) -> Fraction:
    """A step's day in mg of its own drug (a plan of one drug)."""
    return step.dose_exact


def _ratio(params: PlanParams) -> Fraction:
    """mg of the drug a plan ends on per mg of its starting drug (1 without a crossover)."""
    return crossover_ratio(params) if params.crosses_over else Fraction(1)


def _in_new_drug(params: PlanParams) -> Callable[[Step], Fraction]:
    """docs/DOMAIN.md §3.12: a step of a crossover plan as ≈ mg of the drug crossed over to, both
    drugs of a stage counted, so every window and pace check compares the same day."""
    ratio = crossover_ratio(params)

    def day(step: Step) -> Fraction:
        own = step.dose_exact if step.drug else step.dose_exact * ratio
        return own + (step.also.units * step.also.formulation.increment if step.also else 0)

    return day


def _crossover_then_taper(params: PlanParams) -> list[Step]:
    """docs/DOMAIN.md §3.12: the crossover stages, then the new drug's taper from the dose they
    reach, flagged against what was taken before it (in mg of the new drug)."""
    stages, new_units = crossover_steps(params, params.start)
    new_form = params.crossover_formulation
    assert new_form is not None
    intakes_mg = tuple(new_form.mg(u) for u in new_units)
    taper = taper_params(params, intakes_mg)
    in_new_drug = _in_new_drug(params)
    history = [(s.start, s.end, in_new_drug(s)) for s in stages]
    tail = plan_steps(
        taper,
        first_day=stages[-1].end + timedelta(days=1),
        previous_exact=Fraction(taper.dose_mg),
        history=history,
        dose_before_history=Fraction(params.dose_mg) * crossover_ratio(params),
        include_hold=False,
    )
    if tail and tail[0].units == stages[-1].units and tail[0].formulation is None:
        # The taper's curve holds the crossed-over dose longer first: a longer last stage.
        held = tail.pop(0)
        stages[-1] = replace(stages[-1], end=held.end, flags=held.flags)
    return stages + [replace(s, drug=taper.drug, formulation=s.formulation or new_form) for s in tail]


def default_formulation() -> Formulation:
    """A raw 0.0001 mg increment: any dose typed with up to 4 decimals is measurable."""
    return RawIncrement.create(DEFAULT_CUSTOM_INCREMENT)


def with_changes(params: PlanParams, **changes: Any) -> PlanParams:
    """A copy of ``params`` with some fields replaced."""
    return replace(params, **changes)
