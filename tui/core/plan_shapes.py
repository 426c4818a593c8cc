"""The step generators: proportional, linear and occupancy cuts, dose bands and lengthening.

Rule (docs/DOMAIN.md §2, §3.2–§3.3, §3.8, §3.10): each step's target is the *previous measurable*
dose cut as the method says, rounded **up** to the formulation's increment, so no cut is larger
than planned; if rounding up gives the same dose again, one increment is taken and flagged, or,
with ``lengthen_steps``, the step before it is lengthened so the average pace holds. The drafts
made here have no dates, intakes or flags yet: :mod:`tui.core.planner` gives them those.

Arithmetic is in whole units of the increment (ints, with :class:`~fractions.Fraction` where a
cut is not whole), which keeps a 3-year plan to a fraction of a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_model import DoseBand, Flag, Method, PlanParams
from tui.core.plan_validation import MAX_PLAN_DAYS, MAX_STEPS
from tui.core.validation import ValidationError


@dataclass
class Draft:
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
    form: Formulation | None = None  # the second form after a switch (docs/DOMAIN.md §3.11); None: the plan's
    note: str = ""
    extra_flags: list[Flag] = field(default_factory=list)


def _periods_to_reach(ratio: Fraction, keep: Fraction) -> int:
    """Smallest n ≥ 1 with keep**n ≤ ratio (how many planned steps a bigger cut is worth)."""
    periods, level = 1, keep
    while level > ratio and periods < MAX_STEPS:
        level *= keep
        periods += 1
    return periods


def drafts_shaped(params: PlanParams, start_units: int | Fraction) -> list[Draft]:
    """Cut steps for the proportional, linear and occupancy methods (no hold, no dates).

    ``start_units`` is a Fraction only after a switch of form, when the dose taken (a tablet
    dose, say) is not a whole number of the new form's increments; every step made is whole.
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

    drafts: list[Draft] = []
    units: int | Fraction = start_units
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
        draft = Draft(units=0, days=params.step_days)
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
            new_units, draft.forced = -(-units // 1) - 1, True  # one increment below (ceil − 1)
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
                    held = Draft(units=units, days=extra_periods * params.step_days, lengthened=True)  # type: ignore[arg-type]
                    drafts.append(held)  # (as in _lengthen_last)
        drafts.append(draft)
        units = new_units
    if params.lengthen_steps:
        _hold_last_dose(drafts, params.step_days)
    return drafts


def _band_for(params: PlanParams, units: int | Fraction) -> DoseBand | None:
    """docs/DOMAIN.md §3.10: the band of the lowest threshold at or above the dose now taken."""
    return params.band_at(units * params.formulation.increment)


def _not_past_next_band(params: PlanParams, units: int | Fraction, new_units: int) -> int:
    """A step stops at the next band's threshold (CKS: "to 20 mg", then the slower band)."""
    form = params.formulation
    dose = units * form.increment
    lower = [b.below_mg for b in params.bands if b.below_mg < dose]
    if not lower:
        return new_units
    threshold = form.units_up(max(lower))
    return max(new_units, threshold) if threshold < units else new_units


def _band_step(draft: Draft, band: DoseBand, units: int | Fraction, inc: Fraction) -> None:
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


def _lengthen_last(drafts: list[Draft], units: int | Fraction, days: int) -> None:
    """Hold the dose now taken ``days`` longer (a new lengthened step when nothing was cut yet)."""
    if drafts:
        drafts[-1].days += days
        drafts[-1].lengthened = True
    else:
        # A Fraction only at the start of a switched form: plan_switch merges it into the step before.
        drafts.append(Draft(units=units, days=days, lengthened=True))  # type: ignore[arg-type]


def _hold_last_dose(drafts: list[Draft], step_days: int) -> None:
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
