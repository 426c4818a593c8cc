"""Sharing a day's dose between its intakes, in whole units of the form (docs/DOMAIN.md §3.9).

Rule: every intake is a whole number of the formulation's increments and the intakes add up to
the day's dose exactly. An even split gives the units that do not divide evenly one each to the
earliest intakes, the intake cut first getting one last; a sequential order takes the cut off one
intake until it is 0, then off the next. The planner calls this for every step, the plan input
for the first split, so the two can never disagree.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_model import IntakeOrder, PlanParams
from tui.core.validation import ValidationError


def split_units(total: int, weights: tuple[Fraction, ...], cut_first: int) -> tuple[int, ...]:
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


def sequential_units(total: int, start: tuple[int, ...], cut_first: int) -> tuple[int, ...] | None:
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


def intake_units_of(
    units: int, params: PlanParams, weights: tuple[Fraction, ...], listed: tuple[int, ...] | None
) -> tuple[int, ...]:
    """Each intake's units on a step: as ``listed`` (custom per intake), in order, or in the ratio."""
    if listed is not None:
        return listed
    if params.order is IntakeOrder.SEQUENTIAL and params.split:
        start = tuple(params.formulation.units_of(mg) or 0 for mg in params.split)
        sequential = sequential_units(units, start, params.cut_first)
        if sequential is not None:
            return sequential
    return split_units(units, weights, params.cut_first)


def even_split(dose_mg: Decimal, count: int, formulation: Formulation, cut_first: int = 0) -> tuple[Decimal, ...]:
    """``dose_mg`` shared evenly over ``count`` intakes, each a whole number of increments.

    The intakes add up to ``dose_mg`` exactly (never more). When the units do not divide
    evenly, the units left over go one each to the earliest intakes, skipping the intake cut
    first (``cut_first``, 0-based), which gets one last: so 1 mg in 0.01 mg steps over three
    intakes with intake 1 cut first is 0.33 + 0.34 + 0.33 mg. This is the rule every later step
    of the plan follows (:func:`split_units`). One intake gives ``()`` (no split).
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
    return tuple(formulation.mg(u) for u in split_units(units, (Fraction(1),) * count, cut_first))


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
