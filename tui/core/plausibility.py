"""Plausibility: a dose that looks like a typo is named before it is saved.

A foggy person types ``6`` for ``0.6`` or ``60`` for ``0.5``; saved without a word, the log then
shows a dose nobody took, and Today adds it to the total. Before a day with intakes is saved, the
app asks and the CLI needs ``--yes`` when :func:`dose_warnings` returns anything:

- an intake more than :data:`MARGIN_PCT` % above its planned intake (the one at the same time,
  else the largest planned intake), or any intake on a day the plan sets to 0 mg;
- the day's total more than :data:`MARGIN_PCT` % above the planned total, or, on a day no plan
  covers, above the day before's total;
- the day's total above the drug's labelled maximum (:data:`tui.core.drugs.LABELLED_MAXIMA`).

25 % is far more than any measuring slip of a micro-taper (cuts are 5–10 %, a liquid reading is
off by a tenth of a mL) and far less than a misplaced decimal point (10×). Nothing here refuses
a dose: a person may have been told to take more; the warning only makes sure it was meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tui.core.doses import ZERO, format_decimal
from tui.core.drugs import LABELLED_MAXIMA, LabelledMaximum, find_drug
from tui.core.entry import DayEntry, Intake

MARGIN_PCT = 25
"""How far above its reference a dose may be before it is named (see the module docstring)."""
_LIMIT = 1 + Decimal(MARGIN_PCT) / 100
_RATIO_WORDS_FROM = 2
"""From twice the reference on, the excess reads as ``12×``; below, as ``40 % above``."""


def labelled_maximum(drug: str | None) -> LabelledMaximum | None:
    """The labelled daily maximum for a generic or brand name, or None when none is on file."""
    found = find_drug(drug) if drug else None
    return LABELLED_MAXIMA.get(found.key) if found else None


def dose_warnings(
    entry: DayEntry,
    planned: Sequence[Intake],
    day_before: DayEntry | None = None,
    drug: str | None = None,
) -> list[str]:
    """What looks wrong with ``entry``'s doses, one sentence each; empty when nothing does.

    Args:
        entry: The day as it would be saved.
        planned: The plan's intakes for that day (:func:`planned_intakes`); empty when no plan
            covers it, and then ``day_before`` is the reference for the total.
        day_before: The stored day before ``entry``, if any.
        drug: The drug's generic or brand name (the plan's, else the settings'), for the label.
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
                warnings.append(f"{where} {amount} is {excess} the planned {format_decimal(reference)} mg")
        planned_total = sum((intake.mg for intake in planned), ZERO)
        excess = _excess(total, planned_total)
        if excess:
            warnings.append(
                f"the day's total {format_decimal(total)} mg is {excess} the planned {format_decimal(planned_total)} mg"
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
