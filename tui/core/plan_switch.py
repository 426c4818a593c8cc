"""A switch of form partway: tablets until they are too coarse, then a liquid (docs/DOMAIN.md §3.11).

Rule: a step whose dose is at or above ``switch_below_mg`` is measured in the plan's first form;
from the first step the first form would take below it, every dose is measured in
``then_formulation`` (even one the new form rounds up to at or above the switch). The cut into the
second form is made from the dose actually taken in the first (cut, then rounded **up** in the
new form's increments, so never a bigger cut than planned), and from there the plan goes on as
one plan of the second form: same method, pace, bands, jump-off and target. The person's
curve is never crossed by the change of form, and no step's dose is above the step before it.

Only the proportional and linear methods switch: an occupancy curve or a custom list is fixed
from its start, so a second form would not continue it (a re-plan can).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from tui.core.plan_model import Method, PlanParams
from tui.core.plan_shapes import Draft, drafts_shaped

SWITCHING_METHODS = (Method.PROPORTIONAL, Method.LINEAR)
"""The methods a plan can switch form in (see the module docstring)."""


def second_form_params(params: PlanParams) -> PlanParams:
    """The plan's parameters for the part measured in the second form: that form, no switch, no
    hold, and a linear cut kept at the first part's mg (it is a share of the *starting* dose)."""
    assert params.switch_below_mg is not None and params.then_formulation is not None
    linear_mg = params.linear_mg if params.linear_mg is not None else params.dose_mg * params.cut_pct / 100
    return replace(
        params,
        formulation=params.then_formulation,
        dose_mg=min(params.dose_mg, params.switch_below_mg),
        switch_below_mg=None,
        then_formulation=None,
        hold_days=0,
        linear_mg=linear_mg if params.method is Method.LINEAR else params.linear_mg,
    )


def starting_params(params: PlanParams) -> PlanParams:
    """``params`` as planned from its dose: a plan (or a re-planned tail) that already starts
    below the switch is simply a plan of the second form."""
    if params.switches and params.dose_mg < params.switch_below_mg:  # type: ignore[operator]
        return replace(second_form_params(params), dose_mg=params.dose_mg, hold_days=params.hold_days)
    return params


def switched_drafts(params: PlanParams, drafts: list[Draft], start_units: int) -> list[Draft]:
    """The first form's drafts down to the switch, then the second form's from the dose taken."""
    if not params.switches:
        return drafts
    first = params.formulation.increment
    below = Fraction(params.switch_below_mg)  # type: ignore[arg-type]
    kept: list[Draft] = []
    for draft in drafts:
        if draft.units * first < below:
            break
        kept.append(draft)
    taken = (kept[-1].units if kept else start_units) * first
    second = second_form_params(params)
    start = taken / second.formulation.increment
    later = drafts_shaped(second, start.numerator if start.denominator == 1 else start)
    if later and later[0].units == start:
        # The second form's curve holds the dose taken a while longer first: that is a longer
        # last step of the first form, not a step of its own.
        held = later.pop(0)
        if kept:
            kept[-1].days += held.days
            kept[-1].lengthened = True
        else:
            kept.append(Draft(units=start_units, days=held.days, lengthened=True))
    for draft in later:
        draft.form = second.formulation
    return kept + later
