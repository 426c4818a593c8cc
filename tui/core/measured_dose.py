"""A dose typed the way it is measured — mL, drops, tablet pieces, mg of powder — or in mg.

A person on a liquid reads the syringe, not the mg; asking them for mg makes them do sums
while foggy. So a typed dose is read in the *measured unit* of the plan's formulation (a bare
number, or the unit written after it: ``4.6``, ``4.6 mL``, ``½``, ``1/4 tab``, ``9 drops``) or
in mg when ``mg`` is written after it (``0.46 mg``). Without a formulation, mg is the unit.

The result is exact: the mg (a :class:`~fractions.Fraction`, stored as a Decimal) and, when the
amount is a whole number of the form's increment, that number of units, so the other unit can
be shown beside it with the formulation's own :meth:`~tui.core.formulations.Formulation.unit_text`.
An amount that is *not* a whole number of increments cannot be measured with that form; in the
measured unit that is a typo to name (with the nearest measurable amounts), in mg it is said
but not refused (a day logged before the plan, or with another product, may hold such a dose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tui.core.doses import PLAIN_DECIMAL, format_decimal
from tui.core.formulations import (
    Drops,
    Formulation,
    Liquid,
    PowderScale,
    RawIncrement,
    Tablet,
    fraction_to_decimal,
)
from tui.core.validation import MAX_DAILY_MG, PLAIN_DECIMAL_HINT, ValidationError, parse_mg

_GLYPHS = {"¼": Fraction(1, 4), "½": Fraction(1, 2), "¾": Fraction(3, 4)}
_TABLET_AMOUNT = re.compile(r"(?:([0-9]+)\s*)?([¼½¾])|([0-9]+)\s*/\s*([0-9]+)|([0-9]+(?:\.[0-9]+)?)")
_UNIT_WORDS = re.compile(r"\s*[A-Za-z][A-Za-z ]*$")
"""The unit written after a measured amount by ``unit_text`` (`` mL``, `` tab``, `` mg powder``)."""
_SUFFIXES = {
    Liquid: ("ml",),
    Drops: ("drops", "drop", "gtt"),
    Tablet: ("tablets", "tablet", "tabs", "tab"),
    PowderScale: ("mg powder", "powder"),
}


def measured_unit(form: Formulation | None) -> str:
    """The word written after a measured amount: ``mL``, ``drops``, ``tab``, ``mg powder`` or ``mg``."""
    return form.measured_word if form is not None else "mg"


def _measured_per_unit(form: Formulation) -> Fraction:
    """How much of the measured quantity one increment is (0.1 mL, 1 drop, ¼ tab, 1 mg powder)."""
    if isinstance(form, Liquid):
        return form.resolution
    if isinstance(form, Tablet):
        return Fraction(1, form.split)
    if isinstance(form, PowderScale):
        return form.readability
    if isinstance(form, Drops):
        return Fraction(1)
    return form.increment


@dataclass(frozen=True)
class MeasuredDose:
    """A typed dose read: exact mg, and the form's whole units when it can be measured."""

    mg: Decimal
    """The dose in mg, exact (rounded only if it has no finite decimal, see ``fraction_to_decimal``)."""
    units: int | None
    """Whole increments of the formulation it makes, or ``None`` (no formulation / not measurable)."""
    in_measured_unit: bool
    """True when it was typed in the measured unit (not in mg)."""


def _amount(form: Formulation, text: str, field: str, shown: str) -> Fraction:
    """The measured quantity typed (mL, drops, tablets, mg of powder) as an exact Fraction."""
    unit = measured_unit(form)
    if isinstance(form, Tablet):
        match = _TABLET_AMOUNT.fullmatch(text)
        allowed = f"write tablets as ½, 1/4, 1 ¾ or 0.25 {unit}; or the mg followed by mg, e.g. 0.25 mg"
        if not match:
            raise ValidationError(field, shown, allowed)
        whole, glyph, numerator, denominator, plain = match.groups()
        if glyph:
            return int(whole or 0) + _GLYPHS[glyph]
        if numerator:
            if int(denominator) == 0:
                raise ValidationError(field, shown, allowed)
            return Fraction(int(numerator), int(denominator))
        return Fraction(Decimal(plain))
    if not PLAIN_DECIMAL.fullmatch(text):
        raise ValidationError(
            field,
            shown,
            f"write the amount in {unit}, e.g. {_example(form)}, or the mg followed by mg; {PLAIN_DECIMAL_HINT}",
        )
    return Fraction(Decimal(text))


def _example(form: Formulation) -> str:
    return form.unit_text(max(1, form.units_up(Fraction(1, 4))))


def read_dose(text: str, form: Formulation | None, field: str = "dose") -> MeasuredDose:
    """Read a typed dose (see the module docstring); ``ValidationError`` names what is wrong.

    A dose in the measured unit that is not a whole number of increments is refused with the
    nearest measurable amounts; a dose in mg is only checked as mg (:func:`parse_mg`).
    """
    raw = text.strip()
    if (
        form is None
        or isinstance(form, RawIncrement)
        or (raw[-2:].lower() == "mg" and not raw.lower().endswith("powder"))
    ):
        mg = parse_mg(raw, field)
        return MeasuredDose(mg, form.units_of(mg) if form else None, isinstance(form, RawIncrement))
    number = raw
    lowered = raw.lower()
    for suffix in _SUFFIXES.get(type(form), ()):
        if lowered.endswith(suffix):
            number = raw[: -len(suffix)].strip()
            break
    quantity = _amount(form, number, field, text)
    exact_units = quantity / _measured_per_unit(form)
    if exact_units.denominator != 1:
        low = exact_units.numerator // exact_units.denominator
        nearest = " or ".join(f"{form.unit_text(u)} ({format_decimal(form.mg(u))} mg)" for u in (low, low + 1) if u > 0)
        raise ValidationError(
            field,
            text,
            f"it is not a whole number of {form.unit_text(1)} steps — the nearest you can measure: {nearest}",
        )
    units = exact_units.numerator
    mg = fraction_to_decimal(form.mg_exact(units))
    if mg > MAX_DAILY_MG:
        raise ValidationError(field, text, f"that is {format_decimal(mg)} mg, above {MAX_DAILY_MG} mg")
    return MeasuredDose(mg, units, True)


def other_unit_text(dose: MeasuredDose, form: Formulation | None) -> str:
    """What to show beside a typed dose: ``= 0.46 mg`` for a measured amount, ``= 4.6 mL`` for mg.

    A dose in mg the form cannot measure says so instead; without a formulation there is nothing
    to add (mg is the only unit).
    """
    if form is None or isinstance(form, RawIncrement):
        return ""
    if dose.in_measured_unit:
        return f"= {format_decimal(dose.mg)} mg"
    if dose.units is None:
        return f"(not a whole {form.unit_text(1)} step)"
    return f"= {form.unit_text(dose.units)}"


def dose_text(mg: Decimal, form: Formulation | None) -> str:
    """A stored dose as it goes back in the field: the measured amount when measurable, else mg.

    ``4.6`` (mL), ``1 ½`` (tab), ``9`` (drops) — the number of the measured unit, which the form
    writes beside the field — or ``0.463 mg`` with its unit when the form cannot measure it, so
    either reads back as the same dose.
    """
    if form is None or isinstance(form, RawIncrement):
        return format_decimal(mg)
    units = form.units_of(mg)
    if units is None:
        return f"{format_decimal(mg)} mg"
    return _UNIT_WORDS.sub("", form.unit_text(units))


def names_its_unit(text: str) -> bool:
    """True when typed text ends in a unit word (``4.6 mL``, ``0.46 mg``), not in a number."""
    return text.strip()[-1:].isalpha()
