"""Exact decimal doses: parsing from text and printing without float noise.

Every dose in taper-tui is a :class:`decimal.Decimal`. Floats never touch a dose, so
``0.1 + 0.2`` is ``0.3`` here, in the UI, in the data file and in every export.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)

PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
"""How a number is written, everywhere: ASCII digits with at most one point (``0.25``, ``12``).

``Decimal`` alone would also read ``1E2`` (100), ``1_000`` (1000), ``0,25`` after a replace,
``.5``, ``٣`` (an Arabic-Indic 3) and ``Infinity``. A person who typed any of those did not see
the number that would be stored, so none of them is a number here (``[0-9]`` is ASCII only)."""


def to_decimal(value: object) -> Decimal:
    """Turn a string, int or Decimal into a finite Decimal; raise ``ValueError`` otherwise.

    Floats are refused on purpose: ``Decimal(0.1)`` carries binary noise into a dose. A string
    must be a :data:`PLAIN_DECIMAL`, optionally with a leading minus.
    """
    if isinstance(value, (bool, float)):
        raise ValueError(f"{value!r} is not an exact decimal (give it as a string)")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        # A stored step may carry a negative change (an increase), so a leading minus is read;
        # what a person types goes through tui.core.validation, which takes no sign at all.
        text = value.strip()
        digits = text[1:] if text.startswith("-") else text
        if not PLAIN_DECIMAL.fullmatch(digits):
            raise ValueError(f"{value!r} is not a plain decimal")
        number = Decimal(text)
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
    return (part * 100 / whole).quantize(quantum, rounding=ROUND_HALF_UP)
