"""Reading each plan field's text: a dose, a whole number, a %, a date, the intakes, the custom
dates, the dose bands, the order, the drug, the method and the way of measuring.

Rule: each parser takes the typed text of its field and returns the value or raises
:class:`~tui.core.plan_fields.PlanInputError` naming that field and keeping what was typed; a
core :class:`ValidationError` (a formulation that cannot be built) is translated, never let
through. Intake amounts are separated by ``+`` or ``,``; custom pairs and bands by ``,`` or
``;``. The ``*_text`` functions write a plan's value back as its parser reads it, so an edited
plan round-trips.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from tui.core.doses import format_decimal
from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.plan_fields import (
    BELOW,
    CUSTOM,
    CUT,
    CUT_HIGH,
    CUT_LOW,
    DRUG,
    EARLIEST_DATE,
    FIRST_FORM,
    LATEST_DATE,
    MAX_DRUG_CHARS,
    MAX_INTAKES,
    METHOD,
    ORDER,
    SPLIT,
    FormFields,
    PlanField,
    PlanInputError,
    Text,
    field_text,
    given,
    translated,
    value_or_default,
)
from tui.core.plan_model import MAX_STEP_DAYS, DoseBand, IntakeOrder, Method, PlanParams
from tui.core.validation import ValidationError, parse_decimal, parse_int, parse_mg


def parse_mg_field(text: Text, field: PlanField, positive: bool = False) -> Decimal:
    """A dose in mg (0 to 1000, at most 4 decimals); above 0 when ``positive``."""
    raw = value_or_default(text, field)
    try:
        mg = parse_mg(raw, field.key)
    except ValidationError as error:
        raise translated(field, raw, error) from None
    if positive and mg <= 0:
        raise PlanInputError(field, raw, f"{field.hint} (above 0)")
    return mg


def optional_mg(text: Text, field: PlanField, positive: bool = False) -> Decimal | None:
    """A dose in mg when the field was given, else ``None``."""
    return parse_mg_field(text, field, positive) if given(text, field) else None


def parse_int_field(text: Text, field: PlanField, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``."""
    raw = value_or_default(text, field)
    try:
        return parse_int(field.key, raw, low, high)
    except ValidationError as error:
        raise translated(field, raw, error) from None


def parse_percent_field(text: Text, field: PlanField, low: Decimal, high: Decimal) -> Decimal:
    """A percentage from ``low`` to ``high`` with at most 2 decimals."""
    raw = value_or_default(text, field)
    try:
        return parse_decimal(field.key, raw, low, high, 2, "%")
    except ValidationError as error:
        raise translated(field, raw, error) from None


def parse_cut(text: Text, field: PlanField = CUT) -> Decimal:
    """A cut % within the one set of bounds (:data:`CUT_LOW` to :data:`CUT_HIGH`)."""
    return parse_percent_field(text, field, CUT_LOW, CUT_HIGH)


def _date_in_bounds(field: PlanField, raw: str, day: date) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        allowed = f"use a date from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        raise PlanInputError(field, raw, allowed)
    return day


def parse_date_text(field: PlanField, raw: str, today: date) -> date:
    """``YYYY-MM-DD``, ``today``, ``tomorrow`` or ``+N``/``-N`` days from today, within the bounds."""
    cleaned = raw.strip().lower()
    if cleaned in ("today", "t"):
        return _date_in_bounds(field, raw, today)
    if cleaned == "tomorrow":
        return _date_in_bounds(field, raw, today + timedelta(days=1))
    if re.fullmatch(r"[+-]\d{1,5}", cleaned):
        days = int(cleaned)
        if abs(days) > (LATEST_DATE - EARLIEST_DATE).days:
            raise PlanInputError(field, raw, f"use {field.hint}")
        return _date_in_bounds(field, raw, today + timedelta(days=days))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            return _date_in_bounds(field, raw, date.fromisoformat(cleaned))
        except ValueError:
            pass
    raise PlanInputError(field, raw, "use a real date YYYY-MM-DD, today, tomorrow or +N for N days ahead")


def parse_split(text: Text) -> tuple[Decimal, ...]:
    """``0.5+0.25`` or ``0.5,0.25`` → each intake's mg; empty → ``()`` (an even split)."""
    raw = field_text(text, SPLIT)
    if not raw.strip():
        return ()
    parts = re.split(r"[+,]", raw)
    if len(parts) > MAX_INTAKES:
        raise PlanInputError(SPLIT, raw, f"give at most {MAX_INTAKES} intakes, e.g. 0.5+0.5")
    amounts = []
    for part in parts:
        try:
            amounts.append(parse_mg(part, SPLIT.key))
        except ValidationError:
            raise PlanInputError(SPLIT, raw, f'give {SPLIT.hint}; "{part.strip()}" is not a dose in mg') from None
    return tuple(amounts)


def parse_custom(text: Text, today: date) -> tuple[tuple[date, Decimal], ...]:
    """``2027-01-04=1, 2027-01-18=0.9`` (pairs separated by ``,`` or ``;``) → dated daily doses
    (a per-intake entry ``9+10`` counts as its total, see :func:`parse_custom_intakes`)."""
    return tuple((day, sum(intakes, Decimal(0))) for day, intakes in _custom_entries(text, today))


def parse_custom_intakes(text: Text, today: date) -> tuple[tuple[Decimal, ...], ...]:
    """Each date's intakes when the doses were typed per intake (``2027-01-04=9+10``), else ``()``.

    Once one date names its intakes every date must (a lone ``0`` is a stop: every intake 0).
    """
    entries = _custom_entries(text, today)
    count = max((len(intakes) for _, intakes in entries), default=1)
    if count == 1:
        return ()
    listed = []
    for day, intakes in entries:
        if intakes == (Decimal(0),):
            intakes = (Decimal(0),) * count
        if len(intakes) != count:
            allowed = f"give {count} amounts joined by + on every date (e.g. 9+10), or 0 to stop"
            raise PlanInputError(CUSTOM, field_text(text, CUSTOM), f"{allowed}; {day.isoformat()} has {len(intakes)}")
        listed.append(intakes)
    return tuple(listed)


def _custom_entries(text: Text, today: date) -> list[tuple[date, tuple[Decimal, ...]]]:
    raw = field_text(text, CUSTOM)
    entries = []
    for item in filter(None, (part.strip() for part in re.split(r"[,;]", raw))):
        day_text, sep, mg_text = item.partition("=")
        if not sep:
            raise PlanInputError(CUSTOM, raw, f"use {CUSTOM.hint}")
        day = parse_date_text(CUSTOM, day_text, today)
        parts = mg_text.split("+")
        if len(parts) > MAX_INTAKES:
            raise PlanInputError(CUSTOM, raw, f"give at most {MAX_INTAKES} intakes on a date, e.g. 9+10")
        try:
            entries.append((day, tuple(parse_mg(part, CUSTOM.key) for part in parts)))
        except ValidationError:
            raise PlanInputError(CUSTOM, raw, f'use {CUSTOM.hint}; "{mg_text.strip()}" is not a dose in mg') from None
    return entries


def custom_text(params: PlanParams) -> str:
    """A plan's custom doses as :func:`parse_custom` reads them back (``2027-01-04=9+10, …``)."""
    per_intake = params.custom_intakes or [None] * len(params.custom)
    return ", ".join(
        f"{day.isoformat()}=" + ("+".join(map(format_decimal, intakes)) if intakes else format_decimal(mg))
        for (day, mg), intakes in zip(params.custom, per_intake, strict=True)
    )


def parse_bands(text: Text) -> tuple[DoseBand, ...]:
    """``20:1mg:14, 10:10:28`` (bands separated by ``,`` or ``;``) → dose bands, highest first."""
    raw = field_text(text, BELOW)
    bands = []
    for item in filter(None, (part.strip() for part in re.split(r"[,;]", raw))):
        parts = [part.strip() for part in item.split(":")]
        if len(parts) != 3:
            raise PlanInputError(BELOW, raw, f'use {BELOW.hint}; "{item}" has not three parts')
        below_text, cut_text, days_text = parts
        try:
            below = parse_mg(below_text, BELOW.key)
            days = parse_int(BELOW.key, days_text, 1, MAX_STEP_DAYS)
            if cut_text.lower().endswith("mg"):
                band = DoseBand(below, days, cut_mg=parse_mg(cut_text[:-2], BELOW.key))
            else:
                band = DoseBand(below, days, cut_pct=parse_decimal(BELOW.key, cut_text, CUT_LOW, CUT_HIGH, 2, "%"))
        except ValidationError as error:
            raise PlanInputError(BELOW, raw, f'"{item}": {error.allowed}') from None
        if below <= 0 or (band.cut_mg is not None and band.cut_mg <= 0):
            raise PlanInputError(BELOW, raw, f'"{item}": use a dose and a cut above 0 mg')
        bands.append(band)
    if len({b.below_mg for b in bands}) != len(bands):
        raise PlanInputError(BELOW, raw, "give each dose once")
    return tuple(sorted(bands, key=lambda b: b.below_mg, reverse=True))


def bands_text(params: PlanParams) -> str:
    """A plan's dose bands as :func:`parse_bands` reads them back (``20:2mg:14, 5:10:28``)."""
    return ", ".join(
        f"{format_decimal(b.below_mg)}:"
        + (f"{format_decimal(b.cut_mg)}mg" if b.cut_mg is not None else format_decimal(b.cut_pct or Decimal(0)))
        + f":{b.days}"
        for b in params.bands
    )


def parse_order(text: Text) -> IntakeOrder:
    """``even`` or ``sequential`` (see :class:`IntakeOrder`)."""
    raw = value_or_default(text, ORDER)
    try:
        return IntakeOrder(raw.strip().lower())
    except ValueError:
        raise PlanInputError(ORDER, raw, f"use {ORDER.hint}") from None


def parse_drug(text: Text) -> str:
    """The drug's name as typed (stripped); look-ups ignore case, so nothing is lower-cased."""
    raw = field_text(text, DRUG)
    name = raw.strip() or (DRUG.default or "")
    if len(name) > MAX_DRUG_CHARS or not name.isprintable():
        raise PlanInputError(DRUG, raw, f"use a name of up to {MAX_DRUG_CHARS} printable characters, e.g. clonazepam")
    return name


def parse_method(text: Text) -> Method:
    """One of the planning methods."""
    raw = value_or_default(text, METHOD)
    try:
        return Method(raw.strip().lower())
    except ValueError:
        raise PlanInputError(METHOD, raw, f"use {METHOD.hint}") from None


def form_kind_given(text: Text, fields: FormFields = FIRST_FORM) -> str | None:
    """The way of measuring the CLI's flags chose (one at most); ``None`` when none was given."""
    flags = {
        fields.increment: "increment", fields.liquid: "liquid", fields.drops: "drops", fields.scale: "scale"
    }  # fmt: skip
    chosen = [f for f in flags if text.get(f.key) is not None]
    if text.get(fields.tablet.key) is not None and text.get(fields.scale.key) is None:
        chosen.append(fields.tablet)
        flags[fields.tablet] = "tablet"
    if len(chosen) > 1:
        raise PlanInputError(
            chosen[1], field_text(text, chosen[1]), f"choose one way of measuring (already {chosen[0].flag})"
        )
    kind = flags[chosen[0]] if chosen else None
    if text.get(fields.pieces.key) is not None and kind != "tablet":
        raise PlanInputError(
            fields.pieces,
            field_text(text, fields.pieces),
            f"give the pieces with a tablet strength ({fields.tablet.flag}), e.g. 0.5 mg split in 4",
        )
    return kind


def parse_formulation(kind: str, text: Text, fields: FormFields = FIRST_FORM) -> Formulation:
    """The formulation of ``kind`` from its fields (the plan's own, or the second form's)."""
    kinds = {k.key: k for k in fields.kinds}
    if kind not in kinds:
        raise PlanInputError(fields.form, kind, f"use {fields.form.hint}")
    form_fields = kinds[kind].fields
    values = [value_or_default(text, f).strip() for f in form_fields]
    for f in form_fields:
        if f is not fields.pieces:
            parse_mg_field(text, f, positive=True)
    try:
        if kind == "tablet":
            return Tablet.create(*values)
        if kind == "liquid":
            return Liquid.create(*values)
        if kind == "drops":
            return Drops.create(*values)
        if kind == "scale":
            return PowderScale.create(*values)
        return RawIncrement.create(*values)
    except ValidationError as error:
        field = fields.by_core_name(error.field) or form_fields[0]
        raise PlanInputError(field, field_text(text, field) or str(error.value), error.allowed) from None
