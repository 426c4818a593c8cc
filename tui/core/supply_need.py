"""What the plan needs: each day's medicine counted in its stock unit, across a switch of form
and a crossover.

The stock units, how a day's dose is chosen (logged, planned, today) and which form a day is
counted in are set out in :mod:`tui.core.supply`, whose bottle arithmetic builds on this; a
crossover stage (docs/DOMAIN.md §3.12) takes from two supplies on the same day, each drug in its
own form, and each is named in :attr:`FormNeed.drug`.

A logged day is given as its :class:`~tui.core.entry.DayEntry` (:data:`Logged`), so each supply
counts the intakes of its own drug only: on a stage day the diazepam logged comes out of the
diazepam tablets and the clonazepam out of the clonazepam ones (the day's mg added up would take
both drugs' mg from one bottle). A day given as mg alone (a day of one drug) counts that mg.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from tui.core.doses import ZERO, format_decimal
from tui.core.entry import DayEntry
from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet, fraction_to_decimal
from tui.core.intake_drugs import drug_of
from tui.core.plan_model import Plan
from tui.core.step_drugs import names_drugs
from tui.core.validation import ValidationError

Logged = Mapping[date, Decimal | DayEntry]
"""Each logged day: its entry (counted drug by drug), or the mg taken on a day of one drug."""

_PIECE_NAMES = {1: "whole tablets", 2: "halves", 4: "quarters"}

_ONE = {"tablets": "tablet", "whole tablets": "whole tablet", "halves": "half", "quarters": "quarter", "drops": "drop"}
"""Each counted unit said of exactly one (``1 tablet``, ``1 half``); mL, mg and the rest read the same."""


def counted(amount: Decimal | int, unit: str) -> str:
    """``2 halves``, ``1 half``, ``0.5 tablets``: every count of the supply is worded here, so
    exactly one is never said in the plural (``1 tablets``, ``1 halves``)."""
    return f"{format_decimal(Decimal(amount))} {_ONE.get(unit, unit) if amount == 1 else unit}"


def stock_unit(formulation: Formulation) -> str:
    """The unit the medicine is counted in (see the module docstring's table)."""
    return formulation.stock_word


def stock_per_mg(formulation: Formulation) -> Fraction:
    """Stock units holding 1 mg of drug, exact."""
    if isinstance(formulation, Liquid):
        return 1 / formulation.concentration
    if isinstance(formulation, Tablet):
        return 1 / formulation.strength
    if isinstance(formulation, Drops):
        return 1 / formulation.per_drop
    if isinstance(formulation, PowderScale):
        return formulation.tablet_weight / formulation.tablet_strength
    if isinstance(formulation, RawIncrement):
        return Fraction(1)
    raise TypeError(f"no stock unit for {formulation!r}")


def supply_form_on(plan: Plan, day: date) -> Formulation:
    """The form ``day`` takes its medicine in: its step's (:meth:`Plan.formulation_on`: the second
    one after a switch of form); a day before the plan, the plan's first form."""
    return plan.formulation_on(day) or plan.params.formulation


def daily_mg(plan: Plan, day: date, logged: Logged, today: date | None) -> Fraction:
    """The mg of its step's own drug ``day`` takes from the supply (the rule is in
    :mod:`tui.core.supply`'s docstring)."""
    step = plan.step_on(day)
    planned = Fraction(plan.dose_before_mg) if step is None else step.dose_exact
    return _taken(plan, day, plan.params.drug if step is None else plan.drug_of(step), planned, logged, today)


def _taken(plan: Plan, day: date, drug: str, planned: Fraction, logged: Logged, today: date | None) -> Fraction:
    """The mg of ``drug`` ``day`` takes: what was logged of it (today at least ``planned``), else ``planned``."""
    if day not in logged:
        return planned
    value = logged[day]
    if isinstance(value, DayEntry):
        taken = Fraction(sum((i.mg for i in value.intakes if drug_of(plan, i) == drug), ZERO))
    else:
        taken = Fraction(value)
    return max(taken, planned) if day == today else taken


@dataclass(frozen=True)
class FormNeed:
    """What the days measured in one form take, in that form's stock unit."""

    formulation: Formulation
    start: date
    """The first day counted in this form."""
    end: date
    """The last day counted in this form."""
    drug_mg: Decimal
    """Drug in mg, exact."""
    amount: Decimal
    """In :attr:`unit` (exact; for a scale rounded as :func:`fraction_to_decimal` says)."""
    unit: str
    whole_tablets: int | None
    """Tablets to have, rounded up; None unless the formulation is a tablet."""
    pieces: int | None
    """The pieces the plan takes (``split`` per tablet); None unless a tablet."""
    piece_name: str | None
    """``halves``, ``quarters`` or ``whole tablets``."""
    drug: str | None = None
    """The drug, named once a plan crosses over to another (None: the plan's own drug)."""

    @classmethod
    def of(
        cls, formulation: Formulation, start: date, end: date, total_mg: Fraction, drug: str | None = None
    ) -> FormNeed:
        """``total_mg`` of drug counted in ``formulation``'s stock unit."""
        stock = total_mg * stock_per_mg(formulation)
        whole = pieces = piece_name = None
        if isinstance(formulation, Tablet):
            whole = math.ceil(stock)
            pieces = math.ceil(stock * formulation.split)
            piece_name = _PIECE_NAMES[formulation.split]
        return cls(
            formulation=formulation,
            start=start,
            end=end,
            drug_mg=fraction_to_decimal(total_mg),
            amount=fraction_to_decimal(stock),
            unit=stock_unit(formulation),
            whole_tablets=whole,
            pieces=pieces,
            piece_name=piece_name,
            drug=drug,
        )

    def describe(self) -> str:
        """``12.3 mL (1.23 mg)`` or ``11 tablets (21 halves = 10 ½ tablets; 5.25 mg)``."""
        mg = f"{format_decimal(self.drug_mg)} mg"
        if self.whole_tablets is None:
            return f"{counted(self.amount, self.unit)} ({mg})"
        tablets = counted(self.whole_tablets, "tablets")
        if self.piece_name == _PIECE_NAMES[1] or self.pieces is None or self.piece_name is None:
            return f"{tablets} ({mg})"
        pieces = f"{counted(self.pieces, self.piece_name)} = {counted(self.amount, 'tablets')}"
        return f"{tablets} ({pieces}; {mg})"


@dataclass(frozen=True)
class Need:
    """What the plan takes from ``start`` to ``end`` (both inclusive): one :class:`FormNeed` per
    form the days are measured in, in order (two when the span crosses a switch of form)."""

    start: date
    end: date
    drug_mg: Decimal
    """Drug in mg over every day, exact."""
    parts: tuple[FormNeed, ...]
    days_before_plan: int
    """Days in the range before the plan starts (counted at the dose taken before it)."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def describe(self) -> str:
        """One form: ``12.3 mL (1.23 mg)``; across a switch each form with its own days:
        ``5 tablets (…) of 0.5 mg tablet … from 2027-03-27 to 2027-03-28, then 22.6 mL (2.26 mg) of
        liquid … from 2027-03-29 to 2027-03-30``."""
        if len(self.parts) == 1 and self.parts[0].drug is None:
            return self.parts[0].describe()
        # Two drugs are taken side by side during a crossover; two forms of one drug one after the other.
        separator = ", and " if any(part.drug for part in self.parts) else ", then "
        return separator.join(
            f"{part.describe()} of {f'{part.drug} ' if part.drug else ''}{part.formulation.describe()} "
            f"from {part.start.isoformat()} to {part.end.isoformat()}"
            for part in self.parts
        )


def need_between(plan: Plan, start: date, end: date, logged: Logged | None = None, today: date | None = None) -> Need:
    """What ``plan`` takes from ``start`` to ``end`` inclusive (``logged``: mg per logged day;
    ``today``: the day whose intakes not yet logged still count, see the module docstring), each
    day counted in the form it is measured in (:func:`supply_form_on`)."""
    if end < start:
        raise ValidationError("--until", end.isoformat(), f"use a date on or after {start.isoformat()}")
    logged = logged or {}
    # (drug, form) → first day, last day, mg; in the order first met. A crossover stage takes
    # from two supplies on the same day.
    spans: dict[tuple[str | None, Formulation], tuple[date, date, Fraction]] = {}
    before = 0
    day = start
    while day <= end:
        for drug, form, mg in day_parts(plan, day, logged, today):
            first, _last, total = spans.get((drug, form), (day, day, Fraction(0)))
            spans[(drug, form)] = (first, day, total + mg)
        before += day < plan.start
        day += timedelta(days=1)
    return Need(
        start=start,
        end=end,
        drug_mg=fraction_to_decimal(sum((span[2] for span in spans.values()), Fraction(0))),
        parts=tuple(FormNeed.of(form, *span, drug=drug) for (drug, form), span in spans.items()),
        days_before_plan=before,
    )


def day_parts(
    plan: Plan, day: date, logged: Logged, today: date | None
) -> list[tuple[str | None, Formulation, Fraction]]:
    """What ``day`` takes from each supply: (drug, form, mg). The drug is named only once the plan
    crosses over (docs/DOMAIN.md §3.12). On a crossover stage each drug counts what was logged of
    it (a day given as mg alone: its planned dose, as that mg may be of either drug)."""
    step = plan.step_on(day)
    if step is None or step.also is None:
        drug = plan.drug_of(step) if step is not None and names_drugs(step) else None
        return [(drug, supply_form_on(plan, day), daily_mg(plan, day, logged, today))]
    also = step.also
    by_drug = {day: value for day, value in logged.items() if isinstance(value, DayEntry)}
    parts: list[tuple[str | None, Formulation, Fraction]] = [
        (
            plan.drug_of(step),
            plan.formulation_of(step),
            _taken(plan, day, plan.drug_of(step), step.dose_exact, by_drug, today),
        ),
        (
            also.drug,
            also.formulation,
            _taken(plan, day, also.drug, also.units * also.formulation.increment, by_drug, today),
        ),
    ]
    return [part for part in parts if part[2] > 0] or parts[:1]
