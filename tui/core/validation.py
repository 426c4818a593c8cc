"""Turning typed text into valid values, with messages that name field, value and range.

The CLI, the app's forms and the import share these parsers, so a bad value reads the same
everywhere: ``anxiety: "11" is not allowed — use a whole number from 0 to 10``.

Numbers are plain decimals only (:data:`tui.core.doses.PLAIN_DECIMAL`): no exponent, underscore,
sign, comma or non-ASCII digit, because each of those makes the stored number differ from the
one the person read. Days lie between :data:`EARLIEST_DAY` and :data:`LATEST_DAY`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from tui.core.doses import PLAIN_DECIMAL, to_decimal

MAX_DAILY_MG = Decimal(1000)
"""No benzodiazepine dose comes near this; it only catches typos such as ``1000`` for ``1.000``."""

MAX_DOSE_PLACES = 4
MAX_NOTE_CHARS = 20_000

PLAIN_DECIMAL_HINT = "write a plain decimal like 0.25 (no exponents, underscores or non-ASCII digits)"
"""Said whenever a number is not written the one way :data:`~tui.core.doses.PLAIN_DECIMAL` reads."""
PLAIN_WHOLE_HINT = "write plain digits like {example} (no signs, decimals, exponents, underscores or non-ASCII digits)"
"""The same for whole numbers (ratings, counts, days)."""
_PLAIN_WHOLE = re.compile(r"[0-9]+")
_CLOCK_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")

EARLIEST_DAY = date(1900, 1, 1)
"""The first day a log entry or a plan may fall on.

Python's calendar ends at 0001-01-01 and 9999-12-31, and the app works in ranges around a day
(weeks before a cut, a chart's months, a plan years long): a day near either end makes those
ranges overflow far from where it was typed. 1900–2199 holds any living person's history and
any plan, with centuries to spare on both sides."""
LATEST_DAY = date(2199, 12, 31)
"""The last day a log entry or a plan may fall on (see :data:`EARLIEST_DAY`)."""
DATE_RANGE_TEXT = f"use a date from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"


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
    # The message is built only for a refusal: every stored day passes through here.
    if isinstance(text, bool):
        raise ValidationError(field, text, f"use a whole number from {low} to {high}")
    if isinstance(text, int):
        number = text
    else:
        raw = str(text).strip()
        if not _PLAIN_WHOLE.fullmatch(raw):
            # The example is a number the field takes (a fixed "7" would be wrong for a 1–5 scale).
            allowed = f"use a whole number from {low} to {high}"
            raise ValidationError(field, text, f"{allowed}; {PLAIN_WHOLE_HINT.format(example=high)}")
        number = int(raw)
    if not low <= number <= high:
        raise ValidationError(field, text, f"use a whole number from {low} to {high}")
    return number


def parse_decimal(field: str, text: object, low: Decimal, high: Decimal, places: int, unit: str = "") -> Decimal:
    """An exact decimal from ``low`` to ``high`` with at most ``places`` decimals.

    Text must be a plain decimal (see the module docstring); a ``Decimal`` or ``int`` from code
    is taken as it is.
    """

    def allowed() -> str:  # built only for a refusal: every stored dose passes through here
        suffix = f" {unit}" if unit else ""
        return f"use a number from {low} to {high}{suffix} with at most {places} decimals"

    if isinstance(text, str):
        raw = text.strip()
        if not PLAIN_DECIMAL.fullmatch(raw):
            raise ValidationError(field, text, f"{allowed()}; {PLAIN_DECIMAL_HINT}")
        number = Decimal(raw)
    else:
        try:
            number = to_decimal(text)
        except ValueError:
            raise ValidationError(field, text, allowed()) from None
    if not low <= number <= high or _places(number) > places:
        raise ValidationError(field, text, allowed())
    return number


def parse_mg(text: object, field: str = "dose") -> Decimal:
    """A dose in mg: 0 to 1000, at most 4 decimals (``0.0125`` is fine); a trailing ``mg`` is allowed."""
    if isinstance(text, str):
        raw = text.strip()
        number = raw[:-2].strip()
        if raw[-2:].lower() == "mg" and PLAIN_DECIMAL.fullmatch(number):
            try:
                return parse_decimal(field, number, Decimal(0), MAX_DAILY_MG, MAX_DOSE_PLACES, "mg")
            except ValidationError as error:
                raise ValidationError(field, text, error.allowed) from None  # show it as typed
    return parse_decimal(field, text, Decimal(0), MAX_DAILY_MG, MAX_DOSE_PLACES, "mg")


def parse_time(text: object, field: str = "time") -> str:
    """A clock time ``HH:MM`` (24-hour); ``7:5`` is not accepted, ``07:05`` is."""
    raw = str(text).strip()
    match = _CLOCK_TIME.fullmatch(raw)
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
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
        raise ValidationError(
            field, f"{note[:20]}… ({len(note)} characters)", f"keep it under {MAX_NOTE_CHARS} characters"
        )
    return note


def check_day_in_range(day: date, field: str = "date", typed: object = None) -> date:
    """``day`` itself when it lies from :data:`EARLIEST_DAY` to :data:`LATEST_DAY`; else a ValidationError.

    The message shows ``typed`` (what the person wrote, e.g. ``+9999``) when given, else the date.
    """
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValidationError(field, day.isoformat() if typed is None else typed, DATE_RANGE_TEXT)
    return day


def parse_day(text: object, today: date, field: str = "date") -> date:
    """An ISO date ``YYYY-MM-DD``, ``today``, ``yesterday`` or ``-N`` (N days ago); never in the future."""
    raw = str(text).strip().lower()
    if raw in ("today", "t", ""):
        return today
    if raw in ("yesterday", "y"):
        return today - timedelta(days=1)
    if re.fullmatch(r"-[0-9]{1,4}", raw):
        return check_day_in_range(today - timedelta(days=int(raw[1:])), field)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(field, text, "use YYYY-MM-DD, today, yesterday or -N for N days ago") from None
    if len(raw) != 10:
        raise ValidationError(field, text, "use YYYY-MM-DD, today, yesterday or -N for N days ago")
    if day > today:
        raise ValidationError(field, text, f"the log is for days up to today ({today.isoformat()})")
    return check_day_in_range(day, field)


def parse_plan_date(text: object, today: date, field: str = "start") -> date:
    """A date for a plan, which may lie ahead: ISO ``YYYY-MM-DD``, ``today``, ``tomorrow`` or ``+N``."""
    raw = str(text).strip().lower()
    day: date | None = None
    try:
        if raw in ("today", "t", ""):
            day = today
        elif raw == "tomorrow":
            day = today + timedelta(days=1)
        elif re.fullmatch(r"[+-][0-9]{1,4}", raw):
            day = today + timedelta(days=int(raw))
        elif len(raw) == 10:
            day = date.fromisoformat(raw)
    except ValueError:
        pass
    except OverflowError:
        raise ValidationError(field, text, DATE_RANGE_TEXT) from None
    if day is None:
        raise ValidationError(field, text, "use YYYY-MM-DD, today, tomorrow or +N for N days ahead")
    return check_day_in_range(day, field, text)
