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
to a liquid) ends with its last day: it is then "not needed", not "expiring" months later. On a
crossover stage a bottle is counted against its own drug's part of the day (its form), what was
logged of that drug when the day is logged (:data:`~tui.core.supply_need.Logged`). A bottle on a crossover plan names its drug
(:attr:`Bottle.drug`): two drugs may both come as tablets, and the form alone would take a diazepam
bottle for the clonazepam tablets in use the day it was opened.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from tui.core.doses import ZERO, format_decimal, to_decimal
from tui.core.entry import intake_drug
from tui.core.formulations import Formulation, fraction_to_decimal
from tui.core.intake_drugs import drug_form_on, plan_drugs
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.core.supply_need import (
    FormNeed,
    Logged,
    Need,
    counted,
    day_parts,
    need_between,
    stock_per_mg,
    stock_unit,
    supply_form_on,
)
from tui.core.validation import ValidationError, check_day_in_range

__all__ = ["FormNeed", "Need", "counted", "need_between", "stock_per_mg", "stock_unit", "supply_form_on"]
"""What the plan needs lives in :mod:`tui.core.supply_need`; its names are read from here too."""

SUPPLY_SETTING = "supply"
"""Settings key holding the bottle (:meth:`Bottle.to_record`)."""

SOON_DAYS = 14
"""Today shows the supply line when the bottle ends within this many days."""


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
    drug: str | None = None
    """The drug it holds (its stored name), named on a crossover plan; None: told by its form."""

    @property
    def contents(self) -> str:
        """``30 tablets``, or ``30 tablets of diazepam`` for a bottle that names its drug."""
        return counted(self.size, self.unit) + (f" of {self.drug}" if self.drug else "")

    @property
    def name(self) -> str:
        """``the current bottle``, or ``the diazepam bottle`` on a crossover plan (two bottles may be open)."""
        return f"the {self.drug} bottle" if self.drug else "the current bottle"

    def to_record(self) -> dict[str, str]:
        """Plain JSON with a decimal string, stored under :data:`SUPPLY_SETTING`; ``drug`` only when
        named, so a bottle without one is written as older versions wrote it."""
        record = {
            "size": format_decimal(self.size),
            "unit": self.unit,
            "opened": self.opened.isoformat(),
            "use_by": self.use_by.isoformat(),
        }
        if self.drug is not None:
            record["drug"] = self.drug
        return record

    @classmethod
    def create(cls, size: object, unit: str, opened: date, use_by: date, drug: str | None = None) -> Bottle:
        """Validate and build; ValidationError naming the field (``--set-bottle``, ``--use-by``,
        ``--bottle-drug``: a brand finds its drug)."""
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
        name = None if drug is None else intake_drug(drug, "--bottle-drug")
        return cls(size=amount, unit=unit, opened=opened, use_by=use_by, drug=name)

    @classmethod
    def from_record(cls, record: object) -> Bottle:
        """Read back :meth:`to_record`'s output; ValidationError naming the setting if it is malformed."""
        if not isinstance(record, dict) or set(record) - {"drug"} != {"size", "unit", "opened", "use_by"}:
            raise ValidationError(SUPPLY_SETTING, record, "use {size, unit, opened, use_by} and optionally drug")
        try:
            opened = check_day_in_range(date.fromisoformat(record["opened"]), f"{SUPPLY_SETTING}.opened")
            use_by = check_day_in_range(date.fromisoformat(record["use_by"]), f"{SUPPLY_SETTING}.use_by")
        except (TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(SUPPLY_SETTING, record, "opened and use_by are dates YYYY-MM-DD") from None
        if not isinstance(record["unit"], str) or not isinstance(record["size"], str):
            raise ValidationError(SUPPLY_SETTING, record, "size is a decimal string and unit a text")
        drug = record.get("drug")
        if drug is not None and not isinstance(drug, str):
            raise ValidationError(f"{SUPPLY_SETTING}.drug", drug, "a drug's name as text, e.g. diazepam")
        name = None if drug is None else intake_drug(drug, f"{SUPPLY_SETTING}.drug")
        return cls.create(record["size"], record["unit"], opened, use_by, name)


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


def drug_forms(plan: Plan, drug: str) -> tuple[Formulation, ...]:
    """Every form ``plan`` measures ``drug`` in, in the order first met."""
    params = plan.params
    forms = [params.formulation] if drug == params.drug else []
    if drug == params.crossover_to and params.crossover_formulation is not None:
        forms.append(params.crossover_formulation)
    for step in plan.steps:
        if plan.drug_of(step) == drug:
            forms.append(plan.formulation_of(step))
        if step.also is not None and step.also.drug == drug:
            forms.append(step.also.formulation)
    return tuple(dict.fromkeys(forms))


def bottle_form(plan: Plan, bottle: Bottle) -> Formulation:
    """The form ``bottle`` holds: the one in use the day it was opened when that is counted in the
    bottle's unit, else the plan's form that is; a bottle naming its drug, that drug's forms only.
    ValidationError when no form of the plan (of its drug) is counted in it (the formulation
    changed) or the plan does not take its drug: it must be entered again."""
    if bottle.drug is not None:
        return _drug_bottle_form(plan, bottle, bottle.drug)
    opened = supply_form_on(plan, bottle.opened)
    if stock_unit(opened) == bottle.unit:
        return opened
    for form in plan_forms(plan):
        if stock_unit(form) == bottle.unit:
            return form
    units = " or ".join(dict.fromkeys(stock_unit(form) for form in plan_forms(plan)))
    raise ValidationError(
        SUPPLY_SETTING,
        counted(bottle.size, bottle.unit),
        f"the plan now counts {units}: enter the bottle again",
    )


def _drug_bottle_form(plan: Plan, bottle: Bottle, drug: str) -> Formulation:
    """:func:`bottle_form` for a bottle of ``drug``: its form the day it was opened, else another of its forms."""
    shown = f"{counted(bottle.size, bottle.unit)} of {drug}"
    drugs = plan_drugs(plan)
    if drug not in drugs:
        raise ValidationError(SUPPLY_SETTING, shown, f"the plan takes {' or '.join(drugs)}: enter the bottle again")
    opened = drug_form_on(plan, bottle.opened, None if drug == plan.params.drug else drug)
    forms = drug_forms(plan, drug)
    found = next((f for f in (opened, *forms) if f is not None and stock_unit(f) == bottle.unit), None)
    if found is None:
        units = " or ".join(dict.fromkeys(stock_unit(form) for form in forms))
        raise ValidationError(SUPPLY_SETTING, shown, f"the plan counts {drug} in {units}: enter the bottle again")
    return found


def takes_from(plan: Plan, bottle: Bottle, drug: str | None) -> bool:
    """True when a supply of ``drug`` (None: the plan's own) comes out of ``bottle``: any drug for a
    bottle that names none, else its own drug only (a crossover stage takes from two supplies)."""
    return bottle.drug in (None, drug or plan.params.drug)


def bottle_need(plan: Plan, bottle: Bottle, start: date, end: date, logged: Logged, today: date) -> Need:
    """What ``plan`` takes from ``start`` to ``end`` of what ``bottle`` holds: a bottle naming its
    drug counts that drug's supply only (the other drug's is not in it); ``parts`` is empty when
    none of it is taken then."""
    need = need_between(plan, start, end, logged, today=today)
    if bottle.drug is None:
        return need
    parts = tuple(part for part in need.parts if takes_from(plan, bottle, part.drug))
    return replace(need, parts=parts, drug_mg=sum((part.drug_mg for part in parts), ZERO))


def outlook(plan: Plan, bottle: Bottle, as_of: date, logged: Logged | None = None) -> Outlook:
    """When ``bottle`` ends under ``plan`` (``logged``: each logged day, used instead of the plan).

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
        # A crossover stage takes from two supplies: only the bottle's own drug (its form) counts.
        taken = [
            mg
            for drug, part_form, mg in day_parts(plan, day, logged, as_of)
            if part_form == form and takes_from(plan, bottle, drug)
        ]
        last_used = day if taken else last_used
        need = sum(taken, Fraction(0)) * per_mg
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


def read_bottle(settings: Settings) -> Bottle | None:
    """The bottle kept in ``settings`` (None if none was entered); ValidationError if malformed.

    The bottle is not a setting this version checks on reading (:attr:`Settings.extra`), so it
    is read and checked here, where its shape is known."""
    record = settings.extra.get(SUPPLY_SETTING)
    return None if record is None else Bottle.from_record(record)
