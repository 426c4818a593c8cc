"""Plausibility: a dose that looks like a typo is named before it is saved.

A foggy person types ``6`` for ``0.6`` or ``60`` for ``0.5``; saved without a word, the log then
shows a dose nobody took, and Today adds it to the total. Before a day with intakes is saved, the
app asks and the CLI needs ``--yes`` when :func:`dose_warnings` returns anything:

- an intake more than :data:`MARGIN_PCT` % above its planned intake (the one at the same time,
  else the largest planned intake), or any intake on a day the plan sets to 0 mg;
- the day's total more than :data:`MARGIN_PCT` % above the planned total, or, with no plan,
  above the day before's total;
- the day's total above the drug's labelled maximum (:data:`tui.core.drugs.LABELLED_MAXIMA`).

On a day of two drugs (a crossover stage) each drug is checked on its own, against its own
planned intakes and labelled maximum: a diazepam 5 mg beside clonazepam 0.25 mg is no typo.

A day before the plan's start is compared with the plan's first step (:func:`day_dose_warnings`):
the plan starts from the dose taken until then, and the day before such a day is usually not
logged, so a ``5`` typed for ``0.5`` the day before the plan would otherwise pass unasked.

25 % is far more than any measuring slip of a micro-taper (cuts are 5–10 %, a liquid reading is
off by a tenth of a mL) and far less than a misplaced decimal point (10×). Nothing here refuses
a dose: a person may have been told to take more; the warning only makes sure it was meant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from tui.core.doses import ZERO, format_decimal
from tui.core.drugs import LABELLED_MAXIMA, LabelledMaximum, find_drug
from tui.core.entry import DayEntry, Intake
from tui.core.intake_drugs import names_day_drugs, plan_drugs, planned_drug_intakes
from tui.core.plan_model import Plan
from tui.core.settings import Settings, planned_intakes

MARGIN_PCT = 25
"""How far above its reference a dose may be before it is named (see the module docstring)."""
_LIMIT = 1 + Decimal(MARGIN_PCT) / 100
_RATIO_WORDS_FROM = 2
"""From twice the reference on, the excess reads as ``12×``; below, as ``40 % above``."""


def labelled_maximum(drug: str | None) -> LabelledMaximum | None:
    """The labelled daily maximum for a generic or brand name, or None when none is on file."""
    found = find_drug(drug) if drug else None
    return LABELLED_MAXIMA.get(found.key) if found else None


def day_dose_warnings(
    entry: DayEntry, plan: Plan | None, settings: Settings, day_before: Callable[[], DayEntry | None]
) -> list[str]:
    """:func:`dose_warnings` for ``entry`` with its references found — the one call for saving a day.

    The reference is the plan's intakes for the day; on a day before the plan starts, those of
    its first day; with no plan (or a day after it), the day before (``day_before`` is called
    only then: one read fewer). The drug is the plan's, else the settings'.
    """
    if plan is not None and names_day_drugs(plan, entry):
        return _warnings_by_drug(entry, plan, settings)
    planned = planned_intakes(plan, settings, entry.day)
    starts = None
    if not planned and plan is not None and entry.day < plan.start:
        planned, starts = planned_intakes(plan, settings, plan.start), plan.start
    before = None if planned else day_before()
    drug = plan.params.drug if plan else settings.drug
    return dose_warnings(entry, planned, before, drug, plan_starts=starts)


def _warnings_by_drug(entry: DayEntry, plan: Plan, settings: Settings) -> list[str]:
    """A day of two drugs (a crossover, docs/DOMAIN.md §3.12): each drug's intakes against that
    drug's planned ones and its own labelled maximum, named; their mg are never added up."""
    planned = planned_drug_intakes(plan, settings.intake_times, entry.day)
    warnings = []
    for drug in plan_drugs(plan):
        stored = None if drug == plan.params.drug else drug
        taken = tuple(i for i in entry.intakes if i.drug == stored)
        of_drug = [i for i in planned if i.drug == stored]
        found = dose_warnings(entry.merged(intakes=taken), of_drug, None, drug)
        warnings += [f"{drug}: {warning}" for warning in found]
    return warnings


def dose_warnings(
    entry: DayEntry,
    planned: Sequence[Intake],
    day_before: DayEntry | None = None,
    drug: str | None = None,
    *,
    plan_starts: date | None = None,
) -> list[str]:
    """What looks wrong with ``entry``'s doses, one sentence each; empty when nothing does.

    Args:
        entry: The day as it would be saved.
        planned: The plan's intakes for that day (:func:`planned_intakes`); empty when no plan
            covers it, and then ``day_before`` is the reference for the total.
        day_before: The stored day before ``entry``, if any.
        drug: The drug's generic or brand name (the plan's, else the settings'), for the label.
        plan_starts: Set when ``entry`` is before the plan and ``planned`` are the intakes of
            the plan's first day, this one: the sentences say so.
    """
    if not entry.intakes:
        return []
    warnings: list[str] = []
    total = entry.total_mg
    if planned:
        largest = max(intake.mg for intake in planned)
        by_time = {intake.time: intake.mg for intake in planned if intake.time}
        for intake in entry.intakes:
            reference = by_time.get(intake.time, largest) if intake.time else largest
            excess = _excess(intake.mg, reference)
            if excess:
                where = f"{intake.time} intake" if intake.time else "intake"
                amount = f"{format_decimal(intake.mg)} mg" + ("" if intake.time else " (no time)")
                warnings.append(f"{where} {amount} is {excess} {_planned(reference, plan_starts)}")
        planned_total = sum((intake.mg for intake in planned), ZERO)
        excess = _excess(total, planned_total)
        if excess:
            warnings.append(
                f"the day's total {format_decimal(total)} mg is {excess} {_planned(planned_total, plan_starts)}"
            )
    elif day_before is not None and day_before.intakes:
        before = day_before.total_mg
        excess = _excess(total, before)
        if excess:
            warnings.append(
                f"the day's total {format_decimal(total)} mg is {excess} the day before ({format_decimal(before)} mg)"
            )
    found = find_drug(drug) if drug else None
    maximum = LABELLED_MAXIMA.get(found.key) if found else None
    if found and maximum and total > maximum.mg:
        warnings.append(
            f"the day's total {format_decimal(total)} mg is above the labelled maximum for {found.key} "
            f"({format_decimal(maximum.mg)} mg a day, {maximum.source})"
        )
    return warnings


def _planned(mg: Decimal, plan_starts: date | None) -> str:
    """``the planned 0.5 mg``, or, before the plan, ``the 0.5 mg planned for its first day (…)``."""
    if plan_starts is None:
        return f"the planned {format_decimal(mg)} mg"
    return f"the {format_decimal(mg)} mg planned for the plan's first day ({plan_starts.isoformat()})"


def _excess(amount: Decimal, reference: Decimal) -> str:
    """``12×``, ``40 % above`` or ``above`` when ``amount`` is past the margin over ``reference``; else ``""``."""
    if reference <= 0:
        return "above" if amount > 0 else ""
    if amount <= reference * _LIMIT:
        return ""
    ratio = amount / reference
    if ratio >= _RATIO_WORDS_FROM:
        return f"{format_decimal(ratio.quantize(Decimal('0.1')))}×"
    return f"{format_decimal(((ratio - 1) * 100).quantize(Decimal(1)))} % above"
