"""Turning typed text into valid values, with messages that name field, value and range.

The CLI and the Log form share these parsers, so a bad value reads the same everywhere:
``anxiety: "11" is not allowed — use a whole number from 0 to 10``.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from decimal import Decimal

from tui.core.doses import to_decimal

MAX_DAILY_MG = Decimal(1000)
"""No benzodiazepine dose comes near this; it only catches typos such as ``1000`` for ``1.000``."""

MAX_DOSE_PLACES = 4
MAX_NOTE_CHARS = 20_000


class ValidationError(ValueError):
    """A value that does not fit its field.

    Attributes:
        field: The field's name as the person knows it (``anxiety``, ``dose``).
        value: What was typed, unchanged.
        allowed: What would have been accepted.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f'{field}: "{value}" is not allowed — {allowed}')


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_int(field: str, text: object, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` inclusive."""
    allowed = f"use a whole number from {low} to {high}"
    if isinstance(text, bool):
        raise ValidationError(field, text, allowed)
    if isinstance(text, int):
        number = text
    else:
        raw = str(text).strip()
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise ValidationError(field, text, allowed)
        number = int(raw)
    if not low <= number <= high:
        raise ValidationError(field, text, allowed)
    return number


def parse_decimal(field: str, text: object, low: Decimal, high: Decimal, places: int, unit: str = "") -> Decimal:
    """An exact decimal from ``low`` to ``high`` with at most ``places`` decimals."""
    suffix = f" {unit}" if unit else ""
    allowed = f"use a number from {low} to {high}{suffix} with at most {places} decimals"
    try:
        number = to_decimal(text)
    except ValueError:
        raise ValidationError(field, text, allowed) from None
    if not low <= number <= high or _places(number) > places:
        raise ValidationError(field, text, allowed)
    return number


def parse_mg(text: object, field: str = "dose") -> Decimal:
    """A dose in mg: 0 to 1000, at most 4 decimals (``0.0125`` is fine)."""
    return parse_decimal(field, text, Decimal(0), MAX_DAILY_MG, MAX_DOSE_PLACES, "mg")


def parse_time(text: object, field: str = "time") -> str:
    """A clock time ``HH:MM`` (24-hour); ``7:5`` is not accepted, ``07:05`` is."""
    raw = str(text).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours < 24 and minutes < 60:
            return time(hours, minutes).strftime("%H:%M")
    raise ValidationError(field, text, "use a 24-hour time HH:MM, e.g. 08:00 or 21:30")


def parse_sleep_hours(text: object, field: str = "sleep hours") -> Decimal:
    """Hours slept: 0 to 24 with at most 2 decimals."""
    return parse_decimal(field, text, Decimal(0), Decimal(24), 2, "hours")


def parse_phase(text: object, field: str = "phase") -> str | None:
    """``window``, ``wave``, or neither (``none``, ``-`` or empty)."""
    raw = "" if text is None else str(text).strip().lower()
    if raw in ("", "none", "-", "neither"):
        return None
    if raw in ("window", "wave"):
        return raw
    raise ValidationError(field, text, "use window, wave or none")


def parse_note(text: object, field: str = "note") -> str:
    """Free text up to 20,000 characters (line breaks kept)."""
    note = "" if text is None else str(text)
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(field, f"{note[:20]}… ({len(note)} characters)", f"keep it under {MAX_NOTE_CHARS} characters")
    return note


def parse_day(text: object, today: date, field: str = "date") -> date:
    """An ISO date ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``-N`` (N days ago); never in the future."""
    raw = str(text).strip().lower()
    if raw in ("today", "t", ""):
        return today
    if raw in ("yesterday", "y"):
        return today - timedelta(days=1)
    if re.fullmatch(r"-\d{1,4}", raw):
        return today - timedelta(days=int(raw[1:]))
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(field, text, "use YYYY-MM-DD, today, yesterday or -N for N days ago") from None
    if len(raw) != 10:
        raise ValidationError(field, text, "use YYYY-MM-DD, today, yesterday or -N for N days ago")
    if day > today:
        raise ValidationError(field, text, f"the log is for days up to today ({today.isoformat()})")
    return day


def parse_plan_date(text: object, today: date, field: str = "start") -> date:
    """A date for a plan, which may lie ahead: ISO ``YYYY-MM-DD``, ``today``, ``tomorrow`` or ``+N``."""
    raw = str(text).strip().lower()
    if raw in ("today", "t", ""):
        return today
    if raw == "tomorrow":
        return today + timedelta(days=1)
    if re.fullmatch(r"[+-]\d{1,4}", raw):
        return today + timedelta(days=int(raw))
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise ValidationError(field, text, "use YYYY-MM-DD, today, tomorrow or +N for N days ahead")
