"""Whether a plan can be built from its parameters: one check per parameter, one message each.

Rule: every bound a plan's parameters must keep (a dose the form can measure, a cut between 0
and 100 %, steps of 1 to ``MAX_STEP_DAYS`` days, intakes that add up, bands and custom dates
that make sense) is checked here, before any step is generated, and a broken one raises
:class:`ValidationError` naming the parameter (docs/DOMAIN.md §3). The step generators can
then assume sane input instead of each re-checking it.
"""

from __future__ import annotations

from tui.core.doses import ZERO, format_decimal
from tui.core.plan_model import MAX_STEP_DAYS, IntakeOrder, Method, PlanParams
from tui.core.validation import ValidationError

MAX_STEPS = 2000
"""A plan longer than this is certainly a typo (0.01 % cuts, say); refuse rather than hang."""
MAX_PLAN_DAYS = 36_525
"""A curve longer than a hundred years (lengthened linear or occupancy periods) is a typo too."""


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
    _validate_switch(params)
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


def _validate_switch(params: PlanParams) -> None:
    """docs/DOMAIN.md §3.11: a switch of form names a dose above 0 and a second form, on a method
    that can continue in it; a target or a sequential split below the switch is measurable there."""
    if params.switch_below_mg is None and params.then_formulation is None:
        return
    if params.switch_below_mg is None or params.switch_below_mg <= 0:
        raise ValidationError(
            "switch-below",
            format_decimal(params.switch_below_mg or ZERO),
            "use the dose in mg, above 0, below which the second form is used",
        )
    second = params.then_formulation
    if second is None:
        raise ValidationError("then-form", "", "give the second form, e.g. --then-liquid 1 --then-resolution 0.01")
    if params.method not in (Method.PROPORTIONAL, Method.LINEAR):
        raise ValidationError(
            "switch-below",
            format_decimal(params.switch_below_mg),
            "a switch of form applies to proportional and linear plans",
        )
    if 0 < params.target_mg < params.switch_below_mg and not second.is_measurable(params.target_mg):
        raise ValidationError(
            "target", format_decimal(params.target_mg), f"use a dose the second form can measure ({second.describe()})"
        )
    if params.order is IntakeOrder.SEQUENTIAL and any(not second.is_measurable(mg) for mg in params.split):
        raise ValidationError(
            "split-doses",
            ",".join(map(format_decimal, params.split)),
            f"in a sequential order each intake must be measurable in the second form too ({second.describe()})",
        )
