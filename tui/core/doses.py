"""Exact decimal doses: parsing from text and printing without float noise.

Every dose in taper-tui is a :class:`decimal.Decimal`. Floats never touch a dose, so
``0.1 + 0.2`` is ``0.3`` here, in the UI, in the data file and in every export.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

ZERO = Decimal(0)


def to_decimal(value: object) -> Decimal:
    """Turn a string, int or Decimal into a finite Decimal; raise ``ValueError`` otherwise.

    Floats are refused on purpose: ``Decimal(0.1)`` carries binary noise into a dose.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f"{value!r} is not an exact decimal (give it as a string)")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        if text.lower().endswith("mg"):
            text = text[:-2].strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} is not a number")
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def format_decimal(value: Decimal) -> str:
    """Print a Decimal the way a person writes it: ``0.125``, ``1``, ``12.5`` — no exponent."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_mg(value: Decimal) -> str:
    """A dose with its unit, e.g. ``0.125 mg``."""
    return f"{format_decimal(value)} mg"


def percent(part: Decimal, whole: Decimal, places: int = 1) -> Decimal:
    """``part / whole`` as a percentage rounded half-up to ``places`` decimals (0 if whole is 0)."""
    if whole == 0:
        return ZERO
    quantum = Decimal(1).scaleb(-places)
    return (part * 100 / whole).quantize(quantum)
