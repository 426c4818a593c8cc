"""Why a step is flagged: one small named rule per plan flag, called by the planner.

Each rule decides one :class:`~tui.core.plan_model.PlanFlag` for a step from whole units of
the formulation's increment (ints on the hot path, Fractions only when the previous dose was
not whole units of this form). The thresholds are the 2025 joint guideline's: a cut above
10 % of the dose is a warning; more than 25 % below the highest dose of the 14 days before
needs the person's explicit confirmation (docs/DOMAIN.md §3.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from tui.core.doses import format_decimal
from tui.core.formulations import Formulation, PowderScale, fraction_to_decimal
from tui.core.plan_model import Flag, Method, PlanFlag, PlanParams, fraction_percent, ratio_percent

WARN_CUT_PCT = 10
"""Cuts above 10 % of the current dose are flagged with a warning (2025 joint guideline)."""
CONFIRM_CUT_PCT = 25
CONFIRM_WINDOW_DAYS = 14
"""More than 25 % within 14 days needs explicit confirmation (the guideline's ceiling)."""


class DraftLike(Protocol):
    """What the rules read of a planner draft step (see ``tui.core.plan_shapes.Draft``)."""

    planned: Fraction | None
    forced: bool
    hold: bool
    lengthened: bool
    linear: bool
    extra_flags: list[Flag]


History = list[tuple[date, date, Fraction]]
"""(start, end, daily dose) of steps already taken or planned, oldest first."""


def highest_before(history: History, day: date, dose_before: Fraction) -> Fraction:
    """Highest daily dose in effect on any of the 14 days before ``day``; days before
    ``history`` starts count at ``dose_before`` (the dose taken before the plan)."""
    window_start = day - timedelta(days=CONFIRM_WINDOW_DAYS)
    highest: Fraction | None = None
    reaches_back = False
    for start, end, dose in reversed(history):
        if end < window_start:
            reaches_back = True
            break
        if start <= window_start:
            reaches_back = True
        if start < day:
            highest = dose if highest is None else max(highest, dose)
    if not reaches_back:
        highest = dose_before if highest is None else max(highest, dose_before)
    return dose_before if highest is None else highest


def over_25_in_14(history: History, day: date, dose: Fraction, dose_before: Fraction) -> bool:
    """docs/DOMAIN.md §3.4: ``dose`` from ``day`` on is more than 25 % below the highest daily dose of
    the 14 days before ``day`` (``dose_before`` for days before ``history`` starts)."""
    highest = highest_before(history, day, dose_before)
    # dose < highest × (1 − 25 %), written without division so whole units stay integers.
    return highest > 0 and dose * 100 < highest * (100 - CONFIRM_CUT_PCT)


Units = Fraction | int
"""A dose in whole increments: an int on the hot path, a Fraction when the previous dose was
not a whole number of this form's increments (a re-plan onto a new form)."""


@dataclass(frozen=True)
class FlagContext:
    """What the flag rules need to know about the plan, worked out once per :func:`_finish`."""

    params: PlanParams
    increment_text: str
    coarse_num: int
    coarse_den: int
    """The planned cut ``p`` as ``coarse_num / coarse_den`` (a fraction of the dose)."""
    jump_off: Fraction | None
    coarse_text: str
    """The too-coarse sentence with the useful change for this form (worked out once, not per step)."""

    @classmethod
    def of(cls, params: PlanParams) -> FlagContext:
        num, den = params.cut_pct.as_integer_ratio()
        jump_off = None if params.jump_off_mg is None else Fraction(params.jump_off_mg)
        increment_text = format_decimal(fraction_to_decimal(params.formulation.increment))
        coarse = params.too_coarse_text() if params.coarse_below_mg is not None else ""
        return cls(params, increment_text, num, den * 100, jump_off, coarse)


def percent_of(part: Units, whole: Units) -> Decimal:
    """``part / whole`` as a one-decimal percentage, in ints when both are whole units."""
    if type(part) is int and type(whole) is int:
        return ratio_percent(part, whole)
    return fraction_percent(Fraction(part) / whole)


def draft_flags(draft: DraftLike) -> list[Flag]:
    """Flags the draft itself decided: the stabilisation hold and a lengthened step."""
    flags = list(draft.extra_flags)
    if draft.hold:
        flags.append(Flag(PlanFlag.HOLD, "Stabilisation hold at the current dose before the first cut."))
    if draft.lengthened:
        flags.append(
            Flag(
                PlanFlag.LENGTHENED,
                "Lengthened so the next measurable cut keeps the planned average pace (never ahead of the curve).",
            )
        )
    return flags


def increase_flag(rise: Decimal, note: str) -> Flag:
    """The dose goes up (only a return to stable, a re-plan or a custom list does that)."""
    return Flag(PlanFlag.INCREASE, f"Dose goes up by {format_decimal(rise)} %{': ' + note if note else ''}.")


def _above_planned(planned: Fraction | None, drop: Units, previous: Units) -> bool:
    """The measurable cut is larger than planned: ``drop / previous > planned``, cross-multiplied
    so whole units stay integers."""
    return planned is not None and drop * planned.denominator > planned.numerator * previous


def _over_warning(drop: Units, previous: Units) -> bool:
    """The cut is above :data:`WARN_CUT_PCT` % of the dose (a warning, no confirmation)."""
    return drop * 100 > WARN_CUT_PCT * previous


def _too_coarse(context: FlagContext, previous: Units) -> str | None:
    """docs/DOMAIN.md §2: a proportional cut of ``p`` is exact only while ``D ≥ inc / p``, i.e.
    ``previous × p ≥ 1`` in units; inside a dose band (§3.10) the band's own cut decides. The
    too-coarse sentence naming the cut in effect, or ``None`` when the form can make it."""
    params = context.params
    band = params.band_at(previous * params.formulation.increment) if params.bands else None
    if band is not None:
        return band.too_coarse_text(params.formulation) if band.too_coarse(params.formulation, previous) else None
    proportional = params.method is Method.PROPORTIONAL
    return context.coarse_text if proportional and previous * context.coarse_num < context.coarse_den else None


def _scale_unreliable(form: Formulation, drop: Units) -> bool:
    """A cut weighed on a scale is unreliable under :attr:`PowderScale.RELIABLE_READINGS` readings."""
    return isinstance(form, PowderScale) and drop < PowderScale.RELIABLE_READINGS


def _stops_above_jump_off(context: FlagContext, previous: Units) -> bool:
    """A stop to 0 mg from above the jump-off dose (or with none set) needs confirmation."""
    inc = context.params.formulation.increment
    return context.jump_off is None or previous * inc > context.jump_off


def cut_flags(
    context: FlagContext, draft: DraftLike, previous: Units, units: int, cut_pct: Decimal, over_25: bool
) -> list[Flag]:
    """Every flag a cut (``units < previous``) can carry, each decided by its own rule above."""
    drop = previous - units
    cut_text = format_decimal(cut_pct)
    flags = []
    if draft.linear:
        flags.append(Flag(PlanFlag.LINEAR, "Linear taper: a fixed mg cut, a growing % of the dose."))
    if draft.forced:
        flags.append(
            Flag(
                PlanFlag.ONE_INCREMENT,
                f"Rounding up gave the same dose, so one measurable step ({context.increment_text} mg) is taken: {cut_text} %.",
            )
        )
    if _above_planned(draft.planned, drop, previous):
        planned_text = format_decimal(fraction_percent(draft.planned))  # type: ignore[arg-type]
        flags.append(
            Flag(PlanFlag.ABOVE_PLANNED, f"Actual cut {cut_text} % is larger than planned ({planned_text} %).")
        )
    if _over_warning(drop, previous):
        flags.append(Flag(PlanFlag.OVER_10, f"Cut of {cut_text} % is above {WARN_CUT_PCT} % of the dose."))
    if over_25:
        flags.append(
            Flag(
                PlanFlag.OVER_25_IN_14,
                "More than 25 % below the highest dose of the 14 days before: needs your explicit confirmation.",
            )
        )
    if coarse := _too_coarse(context, previous):
        flags.append(Flag(PlanFlag.TOO_COARSE, coarse))
    if _scale_unreliable(context.params.formulation, drop):
        flags.append(
            Flag(PlanFlag.SCALE_UNRELIABLE, "This cut is under 10 readings of the scale: weighing it is unreliable.")
        )
    if units == 0:
        flags.append(Flag(PlanFlag.STOP, "Last step: stop (0 mg)."))
        if _stops_above_jump_off(context, previous):
            flags.append(
                Flag(
                    PlanFlag.STOP_ABOVE_JUMP_OFF,
                    "Stops from a dose above the jump-off dose: needs your explicit confirmation.",
                )
            )
    return flags


GUIDELINE_START_KEEP = Fraction(9, 10)
"""docs/DOMAIN.md §1: the 2025 joint guideline's initial pace is 5–10 % every 2–4 weeks, so at
most 10 % per 2 weeks: a start that keeps less than 9/10 of the dose per 14 days is faster."""
PACE_WINDOW_DAYS = (14, 28)
"""The start of a taper is read over any window of 14 to 28 days from the first cut."""


def fast_start_pct(cuts: list[tuple[date, date, Fraction]], dose_before: Fraction) -> Decimal | None:
    """docs/DOMAIN.md §1: the fastest average pace, in % per 2 weeks, over a window of 14–28 days
    from the first cut, when it is above the guideline's 10 % per 2 weeks (else ``None``).

    ``cuts`` are the (start, end, dose) of the steps from the first cut on. A window ends on the
    last day of a step (the dose then held to its end, so a cut is spread over its step and 10 %
    every 14 days is exactly the guideline) or on day 28. The pace is compounded: a dose kept
    ``r`` over ``w`` days keeps ``r^(14/w)`` per 2 weeks, compared exactly as
    ``r^14 < (9/10)^w``.
    """
    if not cuts or dose_before <= 0:
        return None
    first = cuts[0][0]
    low, high = (first + timedelta(days=days - 1) for days in PACE_WINDOW_DAYS)
    ends = [(end, dose) for _, end, dose in cuts if low <= end <= high]
    ends += [(high, dose) for start, end, dose in cuts if start <= high < end]
    worst: Fraction | None = None
    worst_days = 0
    for end, dose in ends:
        days = (end - first).days + 1
        kept = dose / dose_before
        if kept**14 < GUIDELINE_START_KEEP**days and (worst is None or kept**worst_days < worst**days):
            worst, worst_days = kept, days
    if worst is None:
        return None
    per_two_weeks = 1 - (Decimal(worst.numerator) / Decimal(worst.denominator)) ** (Decimal(14) / worst_days)
    return (per_two_weeks * 100).quantize(Decimal("0.1"))


def fast_start_flag(pct: Decimal) -> Flag:
    """The information flag on the first cut when the start is faster than the guideline."""
    return Flag(
        PlanFlag.FAST_START,
        f"The first weeks average {format_decimal(pct)} % per 2 weeks: faster than the guideline's initial "
        "5–10 % every 2–4 weeks (information, for your prescriber).",
    )


def short_last_flag(last_days: int, before_days: int) -> Flag:
    """The last dose before the stop is held fewer days than the step before it."""
    return Flag(
        PlanFlag.SHORT_LAST,
        f"The last dose before the stop is held {last_days} days, shorter than the step before it ({before_days} "
        "days): the stop is the largest cut in %, and guidelines ask for the most time there.",
    )
