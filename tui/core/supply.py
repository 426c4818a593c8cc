"""Supply: how much medicine the plan needs, and when the bottle or pack runs out or expires.

A compounded liquid runs out and expires (a USP clonazepam suspension keeps 60 days), and a
prescription has to match the plan, so the arithmetic is exact (:class:`~fractions.Fraction`
inside, :class:`~decimal.Decimal` out) and in the unit the medicine is counted in — its
*stock unit*:

============  ===============  ==============================================================
formulation   stock unit       one mg of drug is
============  ===============  ==============================================================
liquid        mL               1 / concentration mL
tablet        tablets          1 / strength tablets; pieces are ½ or ¼ tablets (the split)
drops         drops            1 / mg-per-drop drops
scale         mg of powder     tablet weight / tablet strength mg of powder
increment     mg               1 mg (a stated increment has nothing else to count)
============  ===============  ==============================================================

Tablets are needed whole: the pieces the plan takes are added up, then rounded **up** to whole
tablets (a split tablet's other pieces are kept for the next intakes, as people do).

Which dose a day takes: a day the person logged counts what was logged (the bottle emptied by
that) — except *today*, which counts the larger of what was logged and what the plan sets, since
an intake not logged yet today (the evening dose) is still to come out of the bottle — and every
other day what the plan sets (:meth:`Plan.step_on`; the final step holds on after
it ends). A day before the plan starts takes the dose taken before it
(:attr:`Plan.dose_before_mg`) and is counted in :attr:`Need.days_before_plan` so a view can say so.

Which form a day is counted in: its step's (docs/DOMAIN.md §3.11: a plan may switch from tablets
to a liquid partway), a day before the plan in the plan's first form (:func:`supply_form_on`). A
span across a switch says each form's amount with its own days (:attr:`Need.parts`): tablets for
the days before, mL for the days after — never the whole span in one form.

A bottle (:class:`Bottle`: size in the stock unit, the day it was opened, its use-by date) is
entered once; :func:`outlook` says on which day it no longer covers the whole day's dose, and
whether that or the use-by date comes first. The use-by date is the last day it may be used. A
bottle is counted only against the days measured in its own form (:func:`bottle_form`), and a
bottle whose form the plan stops measuring in before its use-by date (tablets before a switch
to a liquid) ends with its last day: it is then "not needed", not "expiring" months later.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tui.core.doses import format_decimal, to_decimal
from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet, fraction_to_decimal
from tui.core.plan_model import Plan
from tui.core.step_drugs import names_drugs
from tui.core.validation import ValidationError, check_day_in_range

SUPPLY_SETTING = "supply"
"""Settings key holding the bottle (:meth:`Bottle.to_record`)."""

SOON_DAYS = 14
"""Today shows the supply line when the bottle ends within this many days."""

_PIECE_NAMES = {1: "whole tablets", 2: "halves", 4: "quarters"}


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


def _daily_mg(plan: Plan, day: date, logged: Mapping[date, Decimal], today: date | None) -> Fraction:
    """The mg ``day`` takes from the supply (see the module docstring)."""
    step = plan.step_on(day)
    planned = Fraction(plan.dose_before_mg) if step is None else step.dose_exact
    if day not in logged:
        return planned
    taken = Fraction(logged[day])
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
            return f"{format_decimal(self.amount)} {self.unit} ({mg})"
        if self.piece_name == _PIECE_NAMES[1]:
            return f"{self.whole_tablets} tablets ({mg})"
        pieces = f"{self.pieces} {self.piece_name} = {format_decimal(self.amount)} tablets"
        return f"{self.whole_tablets} tablets ({pieces}; {mg})"


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


def need_between(
    plan: Plan, start: date, end: date, logged: Mapping[date, Decimal] | None = None, today: date | None = None
) -> Need:
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
        for drug, form, mg in _day_parts(plan, day, logged, today):
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


def _day_parts(
    plan: Plan, day: date, logged: Mapping[date, Decimal], today: date | None
) -> list[tuple[str | None, Formulation, Fraction]]:
    """What ``day`` takes from each supply: (drug, form, mg). The drug is named only once the plan
    crosses over (docs/DOMAIN.md §3.12). On a crossover stage each drug counts at its planned dose:
    the Log records a day's mg, not which drug each intake was."""
    step = plan.step_on(day)
    if step is None or step.also is None:
        drug = plan.drug_of(step) if step is not None and names_drugs(step) else None
        return [(drug, supply_form_on(plan, day), _daily_mg(plan, day, logged, today))]
    also = step.also
    parts: list[tuple[str | None, Formulation, Fraction]] = [
        (plan.drug_of(step), plan.formulation_of(step), step.dose_exact),
        (also.drug, also.formulation, also.units * also.formulation.increment),
    ]
    return [part for part in parts if part[2] > 0] or parts[:1]


@dataclass(frozen=True)
class Bottle:
    """A bottle or pack entered once: how much was in it, when it was opened, its use-by date."""

    size: Decimal
    """How much it held when opened, in :attr:`unit`."""
    unit: str
    """The stock unit it was entered in (a change of formulation makes it stale)."""
    opened: date
    use_by: date
    """The last day it may be used."""

    def to_record(self) -> dict[str, str]:
        """Plain JSON with a decimal string, stored under :data:`SUPPLY_SETTING`."""
        return {
            "size": format_decimal(self.size),
            "unit": self.unit,
            "opened": self.opened.isoformat(),
            "use_by": self.use_by.isoformat(),
        }

    @classmethod
    def create(cls, size: object, unit: str, opened: date, use_by: date) -> Bottle:
        """Validate and build; ValidationError naming the field (``--set-bottle``, ``--use-by``)."""
        try:
            amount = to_decimal(size)
        except ValueError:
            raise ValidationError("--set-bottle", size, f"use the amount in {unit} above 0, e.g. 30") from None
        if amount <= 0:
            raise ValidationError("--set-bottle", size, f"use the amount in {unit} above 0, e.g. 30")
        if use_by < opened:
            raise ValidationError(
                "--use-by", use_by.isoformat(), f"use a date on or after it was opened ({opened.isoformat()})"
            )
        return cls(size=amount, unit=unit, opened=opened, use_by=use_by)

    @classmethod
    def from_record(cls, record: object) -> Bottle:
        """Read back :meth:`to_record`'s output; ValidationError naming the setting if it is malformed."""
        if not isinstance(record, dict) or set(record) != {"size", "unit", "opened", "use_by"}:
            raise ValidationError(SUPPLY_SETTING, record, "use {size, unit, opened, use_by}")
        try:
            opened = check_day_in_range(date.fromisoformat(record["opened"]), f"{SUPPLY_SETTING}.opened")
            use_by = check_day_in_range(date.fromisoformat(record["use_by"]), f"{SUPPLY_SETTING}.use_by")
        except (TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(SUPPLY_SETTING, record, "opened and use_by are dates YYYY-MM-DD") from None
        if not isinstance(record["unit"], str) or not isinstance(record["size"], str):
            raise ValidationError(SUPPLY_SETTING, record, "size is a decimal string and unit a text")
        return cls.create(record["size"], record["unit"], opened, use_by)


@dataclass(frozen=True)
class Outlook:
    """When the current bottle ends, and why."""

    bottle: Bottle
    runs_out_on: date | None
    """The first day it no longer holds the whole day's dose; None if it lasts to its use-by date."""
    left_after: Decimal
    """What is left after the doses up to and including ``as_of`` (never below 0)."""
    as_of: date
    not_needed_after: date | None = None
    """The last day measured in the bottle's form, when it lasts that long and the plan is measured
    in another form from the next day on, before the use-by date (a switch of form); else None."""

    @property
    def ends_on(self) -> date:
        """The first day without a full supply: the run-out day, the first day of another form, or
        the day after the use-by date, whichever comes first."""
        ends = [self.bottle.use_by + timedelta(days=1)]
        if self.runs_out_on is not None:
            ends.append(self.runs_out_on)
        if self.not_needed_after is not None:
            ends.append(self.not_needed_after + timedelta(days=1))
        return min(ends)

    @property
    def reason(self) -> str:
        """``runs out``, ``not needed`` (the plan changes form first) or ``expires``, whichever
        comes first (``runs out`` on a tie)."""
        if self.runs_out_on is not None and self.runs_out_on <= self.bottle.use_by:
            return "runs out"
        return "not needed" if self.not_needed_after is not None else "expires"

    def days_left(self, today: date) -> int:
        """Whole days from ``today`` the bottle still covers (0 when today is not covered)."""
        return max(0, (self.ends_on - today).days)

    def is_soon(self, today: date, within: int = SOON_DAYS) -> bool:
        """True when the bottle ends within ``within`` days of ``today`` (the Today line)."""
        return self.days_left(today) <= within

    def describe(self, today: date) -> str:
        """``runs out on Fri 18 Dec 2026 (in 18 d), before its use-by date Wed 30 Dec 2026``."""
        if self.reason == "runs out":
            day = self.runs_out_on
            assert day is not None
            tail = f", before its use-by date {_day(self.bottle.use_by)}"
            return f"runs out on {_day(day)} ({_in(day, today)}){tail}"
        if self.reason == "not needed":
            assert self.not_needed_after is not None
            return (
                f"is not needed after {_day(self.not_needed_after)} ({_in(self.ends_on, today)}): "
                "the plan is measured in another form from then on"
            )
        return f"expires after {_day(self.bottle.use_by)} ({_in(self.ends_on, today)}), before it runs out"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _in(day: date, today: date) -> str:
    days = (day - today).days
    return "today" if days == 0 else f"in {days} d" if days > 0 else f"{-days} d ago"


def plan_forms(plan: Plan) -> tuple[Formulation, ...]:
    """Every form ``plan`` measures in: its first, then any other its steps are measured in."""
    return tuple(dict.fromkeys((plan.params.formulation, *(s.formulation for s in plan.steps if s.formulation))))


def bottle_form(plan: Plan, bottle: Bottle) -> Formulation:
    """The form ``bottle`` holds: the one in use the day it was opened when that is counted in the
    bottle's unit, else the plan's form that is. ValidationError when no form of the plan is
    counted in it (the formulation changed): it must be entered again."""
    opened = supply_form_on(plan, bottle.opened)
    if stock_unit(opened) == bottle.unit:
        return opened
    for form in plan_forms(plan):
        if stock_unit(form) == bottle.unit:
            return form
    units = " or ".join(dict.fromkeys(stock_unit(form) for form in plan_forms(plan)))
    raise ValidationError(
        SUPPLY_SETTING,
        f"{format_decimal(bottle.size)} {bottle.unit}",
        f"the plan now counts {units}: enter the bottle again",
    )


def outlook(plan: Plan, bottle: Bottle, as_of: date, logged: Mapping[date, Decimal] | None = None) -> Outlook:
    """When ``bottle`` ends under ``plan`` (``logged``: mg per logged day, used instead of the plan).

    Only the days measured in the bottle's form (:func:`bottle_form`) take from it: a liquid
    bought ahead of a switch of form lasts through the tablet days, and tablets are not counted
    against the liquid's. Raises ValidationError when no form of the plan is counted in the
    bottle's unit (the formulation changed): it must be entered again.
    """
    form = bottle_form(plan, bottle)
    logged = logged or {}
    per_mg = stock_per_mg(form)
    left = Fraction(bottle.size)
    left_after: Fraction | None = None
    runs_out_on = None
    last_used: date | None = None  # the last day measured in the bottle's form
    day = bottle.opened
    while day <= max(bottle.use_by, as_of):
        used = supply_form_on(plan, day) == form
        last_used = day if used else last_used
        need = _daily_mg(plan, day, logged, as_of) * per_mg if used else Fraction(0)
        if runs_out_on is None and need > left:
            runs_out_on = day
        left = max(Fraction(0), left - need)
        if day == as_of:
            left_after = left
        if runs_out_on is not None and day >= as_of:
            break
        day += timedelta(days=1)
    if left_after is None:  # as_of before the bottle was opened: nothing used yet
        left_after = Fraction(bottle.size)
    # Lasting to the use-by date, a bottle whose form the plan stops measuring in ends with its days.
    stops = runs_out_on is None and last_used is not None and last_used < bottle.use_by
    return Outlook(
        bottle=bottle,
        runs_out_on=runs_out_on,
        left_after=fraction_to_decimal(left_after),
        as_of=as_of,
        not_needed_after=last_used if stops else None,
    )


def read_bottle(settings: Mapping[str, Any]) -> Bottle | None:
    """The bottle stored in ``settings`` (None if none was entered); ValidationError if malformed."""
    record = settings.get(SUPPLY_SETTING)
    return None if record is None else Bottle.from_record(record)
