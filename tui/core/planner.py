"""The taper planner: turns an agreed taper into dated steps a person can actually measure.

Methods (docs/DOMAIN.md §2):

* ``proportional`` (default) — cut ``cut_pct`` % of the *current* dose every ``step_days``.
* ``linear`` — cut a fixed ``linear_mg`` (default ``cut_pct`` % of the starting dose) each step;
  its % cut grows to 100 % at the end, so every cut step is flagged ``linear``.
* ``occupancy`` — equal steps of receptor occupancy ``occ(D) = Emax·D / (EC50 + D)`` in
  ``occupancy_steps`` steps (Emax and EC50 are the clinician's parameters).
* ``custom`` — a list of dated doses (a prescriber's schedule, any drug), taken as entered.

Rounding (docs/DOMAIN.md §3): each step's target is the *previous measurable* dose cut by the plan,
rounded **up** to the formulation's increment, so no cut is larger than planned; if rounding up
gives the same dose again, one increment is taken and flagged (or, when
``lengthen_steps`` is chosen, the step before it is lengthened so the average pace holds).
Doses never increase unless the person asks (see :mod:`tui.core.plan_changes`).

Dates: the optional stabilisation hold comes first (at the current dose), then one step per
cut, each ``step_days`` long; the last step (0 mg or the target) is a one-day step meaning
"from this day on". Steps are inclusive and contiguous.

Arithmetic is exact: doses are whole numbers of the formulation's increment (``units``),
compared and cut as integers and :class:`~fractions.Fraction`; mg are shown as Decimal.

Flags are :class:`~tui.core.plan_model.PlanFlag` codes with a human text, each decided by one
named rule in :mod:`tui.core.step_flags`; a plan that contains a cut above 25 % within 14 days, or a stop to 0 mg from above the jump-off dose,
:meth:`Plan.confirmations_needed` lists it: the person must confirm before it is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from tui.core.doses import ZERO, format_decimal
from tui.core.formulations import Formulation, RawIncrement
from tui.core.plan_model import MAX_STEP_DAYS, DoseBand, Flag, IntakeOrder, Method, Plan, PlanFlag, PlanParams, Step
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

MAX_STEPS = 2000
"""A plan longer than this is certainly a typo (0.01 % cuts, say); refuse rather than hang."""
MAX_PLAN_DAYS = 36_525
"""A curve longer than a hundred years (lengthened linear or occupancy periods) is a typo too."""
_IDEAL_QUANTUM = Decimal("0.0001")
DEFAULT_CUSTOM_INCREMENT = "0.0001"
"""Custom doses are taken as typed; the store keeps at most 4 decimals of a mg."""


# ----- building steps ---------------------------------------------------------------------


@dataclass
class _Draft:
    """A step before dates and flags are fixed."""

    units: int
    days: int
    planned: Fraction | None = None  # the planned cut fraction of the previous dose
    ideal: Fraction | Decimal | None = None
    forced: bool = False
    hold: bool = False
    lengthened: bool = False
    linear: bool = False
    stop: bool = False
    target: bool = False
    date: date | None = None  # custom steps carry their own date
    intakes: tuple[int, ...] | None = None  # custom steps may carry each intake's units
    note: str = ""
    extra_flags: list[Flag] = field(default_factory=list)


def validate_params(params: PlanParams) -> None:
    """Raise :class:`ValidationError` naming the parameter when a plan cannot be built from it."""
    form = params.formulation
    if params.dose_mg <= 0:
        raise ValidationError("dose", format_decimal(params.dose_mg), "use the current daily dose in mg, above 0")
    if not form.is_measurable(params.dose_mg) and params.method is not Method.CUSTOM:
        raise ValidationError(
            "dose",
            format_decimal(params.dose_mg),
            f"use a dose the form can measure ({form.describe()}): e.g. {format_decimal(form.round_up(params.dose_mg))} mg",
        )
    if not 0 < params.cut_pct < 100:
        raise ValidationError(
            "cut", format_decimal(params.cut_pct), "use a % of the current dose above 0 and below 100, e.g. 10"
        )
    if not 1 <= params.step_days <= MAX_STEP_DAYS:
        raise ValidationError("every", params.step_days, f"use a step length from 1 to {MAX_STEP_DAYS} days")
    if not 0 <= params.hold_days <= MAX_STEP_DAYS:
        raise ValidationError("hold", params.hold_days, f"use a hold from 0 to {MAX_STEP_DAYS} days")
    if params.target_mg < 0 or params.target_mg >= params.dose_mg:
        raise ValidationError(
            "target",
            format_decimal(params.target_mg),
            f"use a final dose from 0 up to below {format_decimal(params.dose_mg)} mg",
        )
    if params.target_mg > 0 and not form.is_measurable(params.target_mg):
        raise ValidationError(
            "target", format_decimal(params.target_mg), f"use a dose the form can measure ({form.describe()})"
        )
    if params.jump_off_mg is not None and params.jump_off_mg < 0:
        raise ValidationError("jump-off", format_decimal(params.jump_off_mg), "use a dose in mg, 0 or above")
    if params.split:
        if any(mg < 0 for mg in params.split) or not any(mg > 0 for mg in params.split):
            raise ValidationError(
                "split-doses",
                ",".join(map(format_decimal, params.split)),
                "use one amount ≥ 0 per intake, at least one above 0",
            )
        if any(not form.is_measurable(mg) for mg in params.split):
            raise ValidationError(
                "split-doses",
                ",".join(map(format_decimal, params.split)),
                f"each intake must be measurable ({form.describe()})",
            )
    if not 0 <= params.cut_first < len(params.weights):
        raise ValidationError(
            "cut-first", params.cut_first + 1, f"use an intake number from 1 to {len(params.weights)}"
        )
    if params.method is Method.LINEAR and params.linear_mg is not None and params.linear_mg <= 0:
        raise ValidationError("linear", format_decimal(params.linear_mg), "use a cut in mg above 0")
    if params.method is Method.OCCUPANCY:
        if params.emax_pct is None or not 0 < params.emax_pct <= 100:
            raise ValidationError(
                "emax", params.emax_pct, "use the maximum occupancy in %, above 0 and up to 100, e.g. 91"
            )
        if params.ec50_mg is None or params.ec50_mg <= 0:
            raise ValidationError(
                "ec50", params.ec50_mg, "use the dose giving half the maximum occupancy in mg, above 0"
            )
        if not 1 <= params.occupancy_steps <= MAX_STEPS:
            raise ValidationError("steps", params.occupancy_steps, f"use from 1 to {MAX_STEPS} steps")
    _validate_custom_intakes(params)
    for band in params.bands:
        if band.below_mg <= 0 or not 1 <= band.days <= MAX_STEP_DAYS or (band.cut_pct is None) == (band.cut_mg is None):
            raise ValidationError("below", band.describe(), "give a dose above 0, one cut (% or mg) and 1 to 365 days")
    if params.method is Method.CUSTOM:
        if not params.custom:
            raise ValidationError("custom", "", "give dated doses, e.g. 2027-01-04=1,2027-01-18=0.9")
        days = [d for d, _ in params.custom]
        if days != sorted(set(days)):
            raise ValidationError("custom", ",".join(d.isoformat() for d in days), "give each date once, in order")
        for day, mg in params.custom:
            if mg < 0 or not form.is_measurable(mg):
                raise ValidationError(
                    "custom",
                    f"{day.isoformat()}={format_decimal(mg)}",
                    f"use doses ≥ 0 the form can measure ({form.describe()})",
                )


def _validate_custom_intakes(params: PlanParams) -> None:
    """Per-intake custom doses (``DATE=9+10``): one amount per intake, measurable, adding up."""
    form = params.formulation
    count = len(params.split) if params.split else len(params.custom_intakes[0]) if params.custom_intakes else 1
    for (day, mg), intakes in zip(params.custom, params.custom_intakes, strict=False):
        typed = f"{day.isoformat()}={'+'.join(map(format_decimal, intakes))}"
        if len(intakes) != count:
            raise ValidationError("custom", typed, f"give {count} amounts, one per intake, on every date (e.g. 9+10)")
        if sum(intakes) != mg or any(x < 0 or not form.is_measurable(x) for x in intakes):
            raise ValidationError("custom", typed, f"give amounts ≥ 0 the form can measure ({form.describe()})")
    if params.custom_intakes and len(params.custom_intakes) != len(params.custom):
        raise ValidationError("custom", len(params.custom_intakes), "give every date's intakes, or none")


def _periods_to_reach(ratio: Fraction, keep: Fraction) -> int:
    """Smallest n ≥ 1 with keep**n ≤ ratio (how many planned steps a bigger cut is worth)."""
    periods, level = 1, keep
    while level > ratio and periods < MAX_STEPS:
        level *= keep
        periods += 1
    return periods


def _drafts_shaped(params: PlanParams, start_units: int) -> list[_Draft]:
    """Cut steps for the proportional, linear and occupancy methods (no hold, no dates).

    Works in whole units of the increment: ``ceil(units × (1 − p))`` is integer arithmetic,
    which keeps a 3-year plan to a fraction of a millisecond.
    """
    form = params.formulation
    inc = form.increment
    target_units = form.units_of(params.target_mg) or 0
    # The stop happens from any dose ≤ jump-off: in units, from ≤ floor(jump_off / inc).
    jump_off_units = None
    if params.jump_off_mg is not None:
        ratio = Fraction(params.jump_off_mg) / inc
        jump_off_units = ratio.numerator // ratio.denominator
    cut = Fraction(params.cut_pct) / 100
    keep = 1 - cut
    keep_num, keep_den = keep.numerator, keep.denominator
    start_exact = start_units * inc
    # A linear cut in units of the increment (may be fractional: then it rounds as any target).
    linear_units = (Fraction(params.linear_mg) / inc) if params.linear_mg is not None else start_units * cut
    occupancy = None
    if params.method is Method.OCCUPANCY:
        emax, ec50 = Fraction(params.emax_pct), Fraction(params.ec50_mg)  # type: ignore[arg-type]
        occupancy = (emax, ec50, emax * start_exact / (ec50 + start_exact))

    drafts: list[_Draft] = []
    units = start_units
    ideal_before: Fraction = start_exact
    ideal_decimal = Decimal(start_exact.numerator) / Decimal(start_exact.denominator)
    keep_decimal = 1 - params.cut_pct / 100
    k = 0
    follow_curve = params.lengthen_steps and params.method in (Method.LINEAR, Method.OCCUPANCY)
    while units > target_units:
        k += 1
        if k * params.step_days > MAX_PLAN_DAYS:
            raise ValidationError(
                "cut", format_decimal(params.cut_pct), "this plan would last more than 100 years — use a larger cut"
            )
        if (len(drafts) if follow_curve else k) > MAX_STEPS:
            raise ValidationError(
                "cut",
                format_decimal(params.cut_pct),
                f"this plan would need more than {MAX_STEPS} steps — use a larger cut",
            )
        draft = _Draft(units=0, days=params.step_days)
        if params.method is Method.PROPORTIONAL:
            ideal_decimal *= keep_decimal  # Decimal keeps the ideal curve cheap and printable
            draft.ideal, draft.planned = ideal_decimal, cut
            new_units = -(-units * keep_num // keep_den)  # ceil: round the target up
        elif params.method is Method.LINEAR:
            draft.ideal = max(start_exact - k * linear_units * inc, Fraction(0))
            draft.planned, draft.linear = linear_units / units, True
            wanted = units - linear_units
            new_units = max(0, -(-wanted.numerator // wanted.denominator))
        else:
            emax, ec50, occ0 = occupancy  # type: ignore[misc]
            occ = occ0 * (1 - Fraction(min(k, params.occupancy_steps), params.occupancy_steps))
            ideal_now = ec50 * occ / (emax - occ)
            draft.ideal = ideal_now
            draft.planned = (ideal_before - ideal_now) / ideal_before if ideal_before > 0 else Fraction(1)
            ideal_before = ideal_now
            # docs/DOMAIN.md §3.2: cut the dose actually taken by the planned fraction, round up.
            wanted = units * (1 - draft.planned)
            new_units = -(-wanted.numerator // wanted.denominator)
        band = _band_for(params, units)
        if band is not None:
            _band_step(draft, band, units, inc)
            new_units = draft.units
        if follow_curve and band is None:
            # docs/DOMAIN.md §3.3: with lengthening, linear and occupancy follow their curve in time: the
            # dose is the curve rounded up, and while that is the dose already taken, the step is
            # held one period longer instead of taking a bigger cut than the curve.
            ideal_exact = Fraction(draft.ideal or 0)
            new_units = form.units_up(ideal_exact)
            draft.planned = 1 - ideal_exact / (units * inc)  # the cut the curve asks of the dose taken
            if new_units >= units and not (
                target_units == 0 and jump_off_units is not None and units <= jump_off_units
            ):
                periods = 1
                if params.method is Method.LINEAR:  # straight to the period the line is one increment lower
                    needed = (start_units - units + 1) / linear_units
                    periods = max(1, -(-needed.numerator // needed.denominator) - k)
                _lengthen_last(drafts, units, periods * params.step_days)
                k += periods - 1
                continue
        new_units = _not_past_next_band(params, units, new_units)
        if target_units == 0 and jump_off_units is not None and units <= jump_off_units:
            new_units = 0  # the accepted last step: from the jump-off dose straight to 0
        elif new_units >= units:
            new_units, draft.forced = units - 1, True
        if new_units <= target_units:
            new_units = target_units
            draft.target = target_units > 0
        draft.units = new_units
        proportional = params.method is Method.PROPORTIONAL and band is None
        if draft.forced and params.lengthen_steps and new_units > 0 and proportional:
            extra_periods = _periods_to_reach(Fraction(new_units, units), keep) - 1
            if extra_periods > 0:
                if drafts:
                    drafts[-1].days += extra_periods * params.step_days
                    drafts[-1].lengthened = True
                else:
                    drafts.append(_Draft(units=units, days=extra_periods * params.step_days, lengthened=True))
        drafts.append(draft)
        units = new_units
    if params.lengthen_steps:
        _hold_last_dose(drafts, params.step_days)
    return drafts


def _band_for(params: PlanParams, units: int) -> DoseBand | None:
    """docs/DOMAIN.md §3.10: the band of the lowest threshold at or above the dose now taken."""
    dose = units * params.formulation.increment
    within = [b for b in params.bands if dose <= b.below_mg]
    return min(within, key=lambda b: b.below_mg) if within else None


def _not_past_next_band(params: PlanParams, units: int, new_units: int) -> int:
    """A step stops at the next band's threshold (CKS: "to 20 mg", then the slower band)."""
    form = params.formulation
    dose = units * form.increment
    lower = [b.below_mg for b in params.bands if b.below_mg < dose]
    if not lower:
        return new_units
    threshold = form.units_up(max(lower))
    return max(new_units, threshold) if threshold < units else new_units


def _band_step(draft: _Draft, band: DoseBand, units: int, inc: Fraction) -> None:
    """The band's cut of the dose taken, rounded up (never a bigger cut than the band's)."""
    if band.cut_mg is not None:
        wanted = units - Fraction(band.cut_mg) / inc
        draft.planned = Fraction(band.cut_mg) / (units * inc)
    else:
        draft.planned = Fraction(band.cut_pct or 0) / 100
        wanted = units * (1 - draft.planned)
    draft.ideal = max(wanted, Fraction(0)) * inc
    draft.units = max(0, -(-wanted.numerator // wanted.denominator))
    draft.days = band.days


def _lengthen_last(drafts: list[_Draft], units: int, days: int) -> None:
    """Hold the dose now taken ``days`` longer (a new lengthened step when nothing was cut yet)."""
    if drafts:
        drafts[-1].days += days
        drafts[-1].lengthened = True
    else:
        drafts.append(_Draft(units=units, days=days, lengthened=True))


def _hold_last_dose(drafts: list[_Draft], step_days: int) -> None:
    """docs/DOMAIN.md §3.8: with lengthening, the last dose before the stop is held at least as long as
    the longest step before it (and at least one step): the stop is the largest cut in %, so it
    gets the most time, never one step of a day after months."""
    if len(drafts) < 2 or drafts[-1].units != 0 or drafts[-2].hold:
        return
    last = drafts[-2]
    wanted = max([step_days] + [d.days for d in drafts[:-2] if not d.hold])
    if last.days < wanted:
        last.days = wanted
        last.lengthened = True


def _split_units(total: int, weights: tuple[Fraction, ...], cut_first: int) -> tuple[int, ...]:
    """Share ``total`` units between intakes in the ratio of ``weights``.

    Each intake gets the floor of its share; the units left over go to the intakes with the
    largest remainders, the ``cut_first`` intake last, so it is the one cut first.
    """
    if len(weights) == 1:
        return (total,)
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    floors = [s.numerator // s.denominator for s in shares]
    left = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (i == cut_first, -(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return tuple(floors)


def _sequential_units(total: int, start: tuple[int, ...], cut_first: int) -> tuple[int, ...] | None:
    """docs/DOMAIN.md §3.9: ``total`` units with the cut taken off intake ``cut_first`` until it is 0,
    then off the next (wrapping round); ``None`` above the starting total (an increase is
    shared in the starting ratio instead)."""
    remove = sum(start) - total
    if remove < 0:
        return None
    intakes = list(start)
    for offset in range(len(start)):
        index = (cut_first + offset) % len(start)
        taken = min(intakes[index], remove)
        intakes[index] -= taken
        remove -= taken
    return tuple(intakes)


def _intake_units(units: int, params: PlanParams, weights: tuple[Fraction, ...], draft: _Draft) -> tuple[int, ...]:
    """Each intake's units on a step: as listed (custom per intake), in order, or in the ratio."""
    if draft.intakes is not None:
        return draft.intakes
    if params.order is IntakeOrder.SEQUENTIAL and params.split:
        start = tuple(params.formulation.units_of(mg) or 0 for mg in params.split)
        sequential = _sequential_units(units, start, params.cut_first)
        if sequential is not None:
            return sequential
    return _split_units(units, weights, params.cut_first)


def _step_days(drafts: list[_Draft], index: int) -> int:
    """How long the draft at ``index`` lasts: to the next custom date, 1 for the final dose
    ("from this day on"), else the draft's own length."""
    draft = drafts[index]
    last_index = len(drafts) - 1
    if draft.date is not None and index < last_index:
        return (drafts[index + 1].date - draft.date).days  # type: ignore[operator]
    if index == last_index and not draft.hold:
        return 1
    return draft.days


def even_split(dose_mg: Decimal, count: int, formulation: Formulation, cut_first: int = 0) -> tuple[Decimal, ...]:
    """``dose_mg`` shared evenly over ``count`` intakes, each a whole number of increments.

    The intakes add up to ``dose_mg`` exactly (never more). When the units do not divide
    evenly, the units left over go one each to the earliest intakes, skipping the intake cut
    first (``cut_first``, 0-based), which gets one last: so 1 mg in 0.01 mg steps over three
    intakes with intake 1 cut first is 0.33 + 0.34 + 0.33 mg. This is the rule every later step
    of the plan follows (:func:`_split_units`). One intake gives ``()`` (no split).
    """
    units = formulation.units_of(dose_mg)
    if units is None:
        raise ValidationError(
            "dose",
            format_decimal(dose_mg),
            f"use a dose the form can measure ({formulation.describe()}): e.g. {format_decimal(formulation.round_up(dose_mg))} mg",
        )
    if count <= 1:
        return ()
    return tuple(formulation.mg(u) for u in _split_units(units, (Fraction(1),) * count, cut_first))


def intake_weights(params: PlanParams) -> tuple[Fraction, ...]:
    """The ratio every step's dose is split in: equal when the intakes at the start differ by at
    most one increment (an even split, as :func:`even_split` makes it), else the given amounts.

    So an even start (0.33 + 0.34 + 0.33 mg) stays even at every step (0.3 + 0.3 + 0.3), with
    the leftover units placed as :func:`even_split` places them.
    """
    amounts = params.weights
    units = [params.formulation.units_of(mg) for mg in amounts]
    if len(amounts) > 1 and all(u is not None for u in units) and max(units) - min(units) <= 1:  # type: ignore[type-var, operator]
        return (Fraction(1),) * len(amounts)
    return tuple(Fraction(mg) for mg in amounts)


def split_remainder_note(split: tuple[Decimal, ...], cut_first: int = 0) -> str:
    """Where an even split's leftover units went, in words ("" when every intake is the same)."""
    if len(set(split)) <= 1:
        return ""
    low = min(split)
    larger = [str(i + 1) for i, mg in enumerate(split) if mg > low]
    extra = format_decimal(sum(split) - low * len(split))
    return (
        f"{extra} mg does not divide evenly: intake {', '.join(larger)} gets one step more "
        f"(intake {cut_first + 1}, cut first, gets it last)."
    )


def _ideal(draft: _Draft) -> Decimal | None:
    """The unrounded target of the step, to 4 decimals (shown beside the measurable dose)."""
    if draft.ideal is None:
        return None
    ideal = draft.ideal
    exact = ideal if isinstance(ideal, Decimal) else Decimal(ideal.numerator) / Decimal(ideal.denominator)
    return exact.quantize(_IDEAL_QUANTUM, rounding=ROUND_HALF_UP)


def _finish(
    drafts: list[_Draft],
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
    previous: Units = previous_exact / inc
    if previous.denominator == 1:
        previous = previous.numerator
    steps: list[Step] = []
    day = first_day
    for index, draft in enumerate(drafts):
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
        intake_units = _intake_units(units, params, weights, draft)
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
            )
        )
        window.append((day, end, units))
        previous = units
        day = end + timedelta(days=1)
    return _flag_short_last(steps)


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


def _flag_fast_start(steps: list[Step], dose_before: Decimal) -> list[Step]:
    """docs/DOMAIN.md §1: information on the first cut when the first 14–28 days average above the
    guideline's initial 10 % per 2 weeks."""
    first = next((i for i, s in enumerate(steps) if s.cut_pct > 0), None)
    if first is None:
        return steps
    cuts = [(s.start, s.end, s.dose_exact) for s in steps[first:]]
    pct = fast_start_pct(cuts, Fraction(steps[first - 1].dose_exact if first else dose_before))
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
            _Draft(units=form.units_of(mg) or 0, days=params.step_days, date=d, intakes=xs)
            for (d, mg), xs in zip(params.custom, per_intake or [None] * len(params.custom), strict=True)
        ]
        return _finish(listed, params, params.custom[0][0], before, history_list, fallback)
    start_units = form.units_of(params.dose_mg)
    assert start_units is not None  # validate_params checked it
    drafts: list[_Draft] = []
    if include_hold and params.hold_days > 0:
        drafts.append(_Draft(units=start_units, days=params.hold_days, hold=True))
    shaped = _drafts_shaped(params, start_units)
    if drafts and shaped and shaped[0].units == start_units:
        # a lengthening at the start dose simply makes the stabilisation hold longer
        drafts[0].days += shaped.pop(0).days
        drafts[0].lengthened = True
    drafts.extend(shaped)
    if first_note and drafts:
        drafts[0].note = first_note
    return _finish(drafts, params, first, before, history_list, fallback)


def build_plan(params: PlanParams) -> Plan:
    """A new plan from ``params`` (raises :class:`ValidationError` naming a bad parameter)."""
    if params.split and sum(params.split) != params.dose_mg:
        raise ValidationError(
            "split-doses",
            ",".join(map(format_decimal, params.split)),
            f"the intakes must add up to the daily dose ({format_decimal(params.dose_mg)} mg)",
        )
    steps = _flag_fast_start(plan_steps(params), params.dose_mg)
    return Plan(params=params, steps=tuple(steps), dose_before_mg=params.dose_mg)


def default_formulation() -> Formulation:
    """A raw 0.0001 mg increment: any dose typed with up to 4 decimals is measurable."""
    return RawIncrement.create(DEFAULT_CUSTOM_INCREMENT)


def with_changes(params: PlanParams, **changes: Any) -> PlanParams:
    """A copy of ``params`` with some fields replaced."""
    return replace(params, **changes)
