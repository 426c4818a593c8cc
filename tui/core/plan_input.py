"""One way in for a plan: typed text → :class:`PlanParams`, with one set of bounds and one message.

The CLI (``taper-tui plan``), the first-run questions and the plan editor all read a plan from
text fields. Each field is a :class:`PlanField` that carries both of its names — the CLI flag
(``--dose``) and the label the app shows (``Daily dose mg``) — so a problem is reported once,
in words, naming what the person sees where they are: ``Daily dose mg is empty — give the
current daily dose in mg, e.g. 1`` in the app, ``--dose is empty — …`` in the CLI.

Rules shared by every surface (so they cannot drift apart again):

* bounds: a cut from 0.1 to 99.9 %, 1 to :data:`MAX_INTAKES` intakes a day, steps of 1 to
  365 days, a hold of 0 to 365 days, dates from 2000-01-01 to 2099-12-31;
* a known drug or brand name (any case) is stored as the drug, with a brand kept as typed
  beside it (``Klonopin`` → clonazepam, shown ``clonazepam (Klonopin)``); any other name is
  kept as typed (stripped);
* intake amounts are separated by ``+`` or ``,`` (``0.5+0.25`` or ``0.5,0.25``); with none
  given the day's dose is split evenly (:func:`tui.core.planner.even_split` says where the
  units that do not divide evenly go);
* nothing typed raises anything but :class:`PlanInputError` — every other problem (a planner
  rule, a formulation that cannot be built) is translated into one, naming its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from tui.core.doses import format_decimal
from tui.core.drugs import drug_names
from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.plan_model import MAX_STEP_DAYS, DoseBand, IntakeOrder, Method, Plan, PlanParams
from tui.core.validation import ValidationError, parse_decimal, parse_int, parse_mg

MAX_INTAKES = 6
"""Intakes a day any surface accepts (1 to 6: clonazepam three times a day is common)."""

MAX_DRUG_CHARS = 80
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
"""Plan dates outside these are typos; the bound also keeps every later step a valid date."""

CUT_LOW, CUT_HIGH = Decimal("0.1"), Decimal("99.9")
"""A cut of 0 % never ends; 100 % is a stop, which the jump-off dose expresses."""


class Surface(Enum):
    """Where the text was typed: decides which of a field's names a message uses."""

    CLI = "cli"
    APP = "app"


@dataclass(frozen=True)
class PlanField:
    """One plan input, with its name in each surface and what a good value looks like."""

    key: str
    """The key of the field's text in the mapping given to :func:`params_from_text`."""
    flag: str
    """The CLI flag (``--dose``)."""
    label: str
    """The label the app shows beside the field (``Daily dose mg``)."""
    hint: str
    """What to give, in words, with an example (``the current daily dose in mg, e.g. 1``)."""
    default: str | None = None
    """Used when the field is empty or not given; ``None``: the field must be filled."""

    def name(self, surface: Surface) -> str:
        """The field's name where the person typed it."""
        return self.flag if surface is Surface.CLI else self.label


def _field(key: str, flag: str, label: str, hint: str, default: str | None = None) -> PlanField:
    return PlanField(key, flag, label, hint, default)


DRUG = _field("drug", "--drug", "Drug", "the medicine's name, e.g. clonazepam", "clonazepam")
START = _field("start", "--start", "Start", "a date YYYY-MM-DD, today, tomorrow or +N for N days ahead", "today")
DOSE = _field("dose", "--dose", "Daily dose mg", "the current daily dose in mg, e.g. 1")
INTAKES = _field("intakes", "--intakes", "Intakes a day", f"how many doses a day, from 1 to {MAX_INTAKES}", "")
SPLIT = _field("split", "--split-doses", "Intakes mg", "each intake's mg, e.g. 0.5+0.5 (empty: an even split)", "")
CUT_FIRST = _field("cut_first", "--cut-first", "Cut first (#)", "the intake number cut first, e.g. 1", "1")
METHOD = _field("method", "--method", "Method", "proportional, linear, occupancy or custom", "proportional")
CUT = _field("cut", "--cut", "Cut %", f"the % of the current dose cut each step, from {CUT_LOW} to {CUT_HIGH}, e.g. 10")
EVERY = _field("every", "--every", "Every N days", f"the days per step, from 1 to {MAX_STEP_DAYS}, e.g. 14")
HOLD = _field(
    "hold", "--hold", "Hold first days", f"days at the current dose before the first cut, 0 to {MAX_STEP_DAYS}", "0"
)
JUMP_OFF = _field(
    "jump_off", "--jump-off", "Jump-off mg", "the dose in mg from which the next step is 0, e.g. 0.05", ""
)
TARGET = _field("target", "--target", "Final target mg", "the final dose in mg, 0 or a dose below the start", "0")
LINEAR = _field("linear", "--linear-mg", "Linear cut mg", "the mg cut each step, above 0, e.g. 0.05", "")
EMAX = _field("emax", "--emax", "Emax %", "the maximum occupancy in %, above 0 and up to 100, e.g. 91", "")
EC50 = _field("ec50", "--ec50", "EC50 mg", "the dose giving half the maximum occupancy in mg, e.g. 0.3", "")
STEPS = _field("steps", "--steps", "Steps", "the number of occupancy steps, from 1 to 200, e.g. 8", "8")
CUSTOM = _field(
    "custom",
    "--custom",
    "Dated doses",
    "DATE=MG pairs, e.g. 2027-01-04=1, 2027-01-18=0.9, or each intake's mg: 2027-01-04=9+10",
    "",
)
BELOW = _field(
    "below",
    "--below",
    "Slower below",
    "bands MG:PCT:DAYS or MG:0.5mg:DAYS (from this dose down, cut PCT % or a fixed mg every DAYS), "
    "e.g. 20:1mg:14, 5:0.5mg:14",
    "",
)
ORDER = _field(
    "order",
    "--order",
    "Intake order",
    "even (every intake cut in proportion) or sequential (the cut-first intake to 0, then the next)",
    "even",
)
FORM = _field(
    "form", "--increment", "Measured as", "one way of measuring: tablet, liquid, drops, scale or increment", ""
)
INCREMENT = _field(
    "increment", "--increment", "Increment mg", "the smallest amount you can measure in mg, e.g. 0.01", "0.01"
)
TABLET = _field("tablet", "--tablet", "Tablet mg", "the tablet strength in mg, e.g. 0.5")
PIECES = _field("pieces", "--split", "Pieces 1/2/4", "1, 2 or 4 pieces per tablet", "1")
LIQUID = _field("liquid", "--liquid", "mg per mL", "the liquid's concentration in mg/mL, e.g. 0.1")
RESOLUTION = _field("resolution", "--resolution", "Syringe mL", "the syringe's smallest mark in mL, e.g. 0.1", "0.1")
DROPS = _field("drops", "--drops", "mg per drop", "the mg in one drop, e.g. 0.1", "0.1")
SCALE = _field("scale", "--scale", "Scale mg", "the scale's readability in mg, e.g. 1")
TABLET_WEIGHT = _field(
    "tablet_weight", "--tablet-weight", "Tablet weight mg", "the weight of one tablet in mg, e.g. 100"
)
SLOWER_CUT = _field("slower_cut", "--slow-down", "New cut %", f"a cut % smaller than the current one, from {CUT_LOW}")
TIMES = _field("times", "--times", "Usual times", "one 24-hour time HH:MM per intake, e.g. 08:00, 20:00", "")

FIELDS: tuple[PlanField, ...] = (
    DRUG, START, DOSE, INTAKES, SPLIT, CUT_FIRST, METHOD, CUT, EVERY, HOLD, JUMP_OFF, TARGET, LINEAR, EMAX, EC50,
    STEPS, CUSTOM, ORDER, BELOW, FORM, INCREMENT, TABLET, PIECES, LIQUID, RESOLUTION, DROPS, SCALE, TABLET_WEIGHT,
)  # fmt: skip
"""Every field a plan is read from (the usual intake times are settings, see :data:`TIMES`)."""


@dataclass(frozen=True)
class FormKind:
    """A way of measuring doses and the fields (up to three) it needs, in the order shown."""

    key: str
    label: str
    fields: tuple[PlanField, ...]


FORM_KINDS: tuple[FormKind, ...] = (
    FormKind("tablet", "scored tablets", (TABLET, PIECES)),
    FormKind("liquid", "liquid (syringe)", (LIQUID, RESOLUTION)),
    FormKind("drops", "drops", (DROPS,)),
    FormKind("scale", "powder on a scale", (SCALE, TABLET_WEIGHT, TABLET)),
    FormKind("increment", "any increment", (INCREMENT,)),
)
KINDS = {kind.key: kind for kind in FORM_KINDS}

# Field names the planner and the formulations use in their own ValidationErrors.
_BY_CORE_NAME: dict[str, PlanField] = {
    "dose": DOSE, "cut": CUT, "every": EVERY, "hold": HOLD, "target": TARGET, "jump-off": JUMP_OFF,
    "split-doses": SPLIT, "cut-first": CUT_FIRST, "linear": LINEAR, "emax": EMAX, "ec50": EC50, "steps": STEPS,
    "custom": CUSTOM, "order": ORDER, "below": BELOW, "tablet strength": TABLET, "split": PIECES, "liquid": LIQUID, "resolution": RESOLUTION,
    "drops": DROPS, "scale": SCALE, "tablet weight": TABLET_WEIGHT, "increment": INCREMENT,
}  # fmt: skip


class PlanInputError(ValueError):
    """A field that cannot be used as typed.

    Attributes:
        field: The field at fault (carrying both its names).
        value: What was typed, unchanged (``""`` when the field is empty).
        allowed: What would have been accepted, in words.
    """

    def __init__(self, field: PlanField, value: str, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(self.text(Surface.APP))

    def text(self, surface: Surface) -> str:
        """The message, naming the field as it is known in ``surface``."""
        name = self.field.name(surface)
        if not self.value.strip():
            return f"{name} is empty — give {self.allowed}"
        return f'{name}: "{self.value}" is not allowed — {self.allowed}'


Text = Mapping[str, "str | None"]
"""Field key → text as typed; a missing key or ``None`` means "not given"."""


def field_text(text: Text, field: PlanField) -> str:
    """The text typed for ``field`` (``""`` when not given)."""
    value = text.get(field.key)
    return "" if value is None else str(value)


def _given(text: Text, field: PlanField) -> bool:
    return bool(field_text(text, field).strip())


def _value(text: Text, field: PlanField) -> str:
    """The text of ``field``, or its default when empty; empty required fields are an error."""
    raw = field_text(text, field)
    if raw.strip():
        return raw
    if not field.default:  # required, or optional and only read when it was given
        raise PlanInputError(field, raw, field.hint)
    return field.default


def _translated(field: PlanField, raw: str, error: ValidationError) -> PlanInputError:
    """A core ValidationError as a PlanInputError on ``field``, keeping what was typed."""
    return PlanInputError(field, raw, error.allowed)


def parse_mg_field(text: Text, field: PlanField, positive: bool = False) -> Decimal:
    """A dose in mg (0 to 1000, at most 4 decimals); above 0 when ``positive``."""
    raw = _value(text, field)
    try:
        mg = parse_mg(raw, field.key)
    except ValidationError as error:
        raise _translated(field, raw, error) from None
    if positive and mg <= 0:
        raise PlanInputError(field, raw, f"{field.hint} (above 0)")
    return mg


def _optional_mg(text: Text, field: PlanField, positive: bool = False) -> Decimal | None:
    return parse_mg_field(text, field, positive) if _given(text, field) else None


def parse_int_field(text: Text, field: PlanField, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``."""
    raw = _value(text, field)
    try:
        return parse_int(field.key, raw, low, high)
    except ValidationError as error:
        raise _translated(field, raw, error) from None


def parse_percent_field(text: Text, field: PlanField, low: Decimal, high: Decimal) -> Decimal:
    """A percentage from ``low`` to ``high`` with at most 2 decimals."""
    raw = _value(text, field)
    try:
        return parse_decimal(field.key, raw, low, high, 2, "%")
    except ValidationError as error:
        raise _translated(field, raw, error) from None


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
    raw = _value(text, ORDER)
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
    raw = _value(text, METHOD)
    try:
        return Method(raw.strip().lower())
    except ValueError:
        raise PlanInputError(METHOD, raw, f"use {METHOD.hint}") from None


def form_kind_given(text: Text) -> str:
    """The way of measuring the CLI's flags chose (one at most); ``increment`` by default."""
    chosen = [f for f in (INCREMENT, LIQUID, DROPS, SCALE) if text.get(f.key) is not None]
    if text.get(TABLET.key) is not None and text.get(SCALE.key) is None:
        chosen.append(TABLET)
    if len(chosen) > 1:
        raise PlanInputError(
            chosen[1], field_text(text, chosen[1]), f"choose one way of measuring (already {chosen[0].flag})"
        )
    kind = (
        {INCREMENT: "increment", LIQUID: "liquid", DROPS: "drops", SCALE: "scale", TABLET: "tablet"}[chosen[0]]
        if chosen
        else "increment"
    )
    if text.get(PIECES.key) is not None and kind != "tablet":
        raise PlanInputError(
            PIECES, field_text(text, PIECES), "give the pieces with a tablet strength, e.g. 0.5 mg split in 4"
        )
    return kind


def parse_formulation(kind: str, text: Text) -> Formulation:
    """The formulation of ``kind`` from its fields (see :data:`FORM_KINDS`)."""
    if kind not in KINDS:
        raise PlanInputError(FORM, kind, f"use {FORM.hint}")
    values = {f.key: _value(text, f) for f in KINDS[kind].fields}
    for f in KINDS[kind].fields:
        if f is not PIECES:
            parse_mg_field(text, f, positive=True)
    try:
        if kind == "tablet":
            return Tablet.create(values["tablet"].strip(), values["pieces"].strip())
        if kind == "liquid":
            return Liquid.create(values["liquid"].strip(), values["resolution"].strip())
        if kind == "drops":
            return Drops.create(values["drops"].strip())
        if kind == "scale":
            return PowderScale.create(
                values["scale"].strip(), values["tablet_weight"].strip(), values["tablet"].strip()
            )
        return RawIncrement.create(values["increment"].strip())
    except ValidationError as error:
        field = _BY_CORE_NAME.get(error.field, KINDS[kind].fields[0])
        raise PlanInputError(field, field_text(text, field) or str(error.value), error.allowed) from None


def _intake_amounts(
    text: Text, dose: Decimal, formulation: Formulation, method: Method
) -> tuple[tuple[Decimal, ...], int]:
    """Each intake's mg at the start (``()`` for one intake) and the intake cut first (0-based)."""
    split = parse_split(text)
    count = parse_int_field(text, INTAKES, 1, MAX_INTAKES) if _given(text, INTAKES) else len(split) or 1
    if split and len(split) != count:
        raise PlanInputError(
            SPLIT,
            field_text(text, SPLIT),
            f"give {count} amounts, one per intake (or leave it empty for an even split)",
        )
    cut_first = parse_int_field(text, CUT_FIRST, 1, count) - 1
    if split:
        if sum(split) != dose:
            raise PlanInputError(
                SPLIT, field_text(text, SPLIT), f"the intakes must add up to the daily dose ({format_decimal(dose)} mg)"
            )
        return (split if len(split) > 1 else ()), cut_first
    if count == 1:
        return (), cut_first
    if method is Method.CUSTOM and not formulation.is_measurable(dose):
        return (), cut_first
    try:
        # Imported here: the settings read this module's bounds, and `taper-tui status` reads the
        # settings in a shell prompt, where the planner's import is not wanted.
        from tui.core.planner import even_split

        amounts = even_split(dose, count, formulation, cut_first)
    except ValidationError as error:
        raise PlanInputError(DOSE, field_text(text, DOSE), error.allowed) from None
    if sum(amounts) != dose:  # only a scale's increments can lack a finite decimal
        allowed = f"{format_decimal(dose)} mg cannot be split evenly in this form; give each intake's mg"
        raise PlanInputError(SPLIT, field_text(text, SPLIT), allowed)
    return amounts, cut_first


def params_from_text(text: Text, today: date, kind: str | None = None, lengthen: bool = False) -> PlanParams:
    """Read every field into :class:`PlanParams`; :class:`PlanInputError` names the first bad one.

    ``kind`` is the way of measuring (the editor's choice); ``None`` infers it from which
    fields were given (the CLI's flags, see :func:`form_kind_given`). ``lengthen`` lengthens a
    step instead of taking a bigger one-increment cut (a switch, not text).
    """
    method = parse_method(text)
    custom = parse_custom(text, today) if _given(text, CUSTOM) else ()
    if method is Method.CUSTOM and not custom:
        raise PlanInputError(CUSTOM, field_text(text, CUSTOM), CUSTOM.hint)
    if custom and not _given(text, DOSE):
        dose = max(mg for _, mg in custom)
    else:
        dose = parse_mg_field(text, DOSE, positive=True)
    if _given(text, START):
        start = parse_date_text(START, field_text(text, START), today)
    else:
        start = custom[0][0] if custom else today
    formulation = parse_formulation(kind or form_kind_given(text), text)
    split, cut_first = _intake_amounts(text, dose, formulation, method)
    occupancy = method is Method.OCCUPANCY
    drug, as_typed = drug_names(parse_drug(text))
    return PlanParams(
        drug=drug,
        drug_as_typed=as_typed,
        start=start,
        dose_mg=dose,
        formulation=formulation,
        method=method,
        cut_pct=parse_cut(text),
        step_days=parse_int_field(text, EVERY, 1, MAX_STEP_DAYS),
        hold_days=parse_int_field(text, HOLD, 0, MAX_STEP_DAYS),
        split=split,
        cut_first=cut_first,
        jump_off_mg=_optional_mg(text, JUMP_OFF),
        target_mg=parse_mg_field(text, TARGET),
        linear_mg=_optional_mg(text, LINEAR, positive=True),
        emax_pct=parse_percent_field(text, EMAX, Decimal("0.01"), Decimal(100))
        if occupancy or _given(text, EMAX)
        else None,
        ec50_mg=parse_mg_field(text, EC50, positive=True) if occupancy or _given(text, EC50) else None,
        occupancy_steps=parse_int_field(text, STEPS, 1, 200),
        custom=custom if method is Method.CUSTOM else (),
        custom_intakes=parse_custom_intakes(text, today) if method is Method.CUSTOM and custom else (),
        order=parse_order(text),
        bands=parse_bands(text) if method in (Method.PROPORTIONAL, Method.LINEAR) else (),
        lengthen_steps=lengthen,
    )


def plan_from_text(text: Text, today: date, kind: str | None = None, lengthen: bool = False) -> Plan:
    """:func:`params_from_text`, then the plan; a planner rule broken is a PlanInputError too."""
    params = params_from_text(text, today, kind, lengthen)
    try:
        from tui.core.planner import build_plan  # see even_split's import above

        return build_plan(params)
    except ValidationError as error:
        field = _BY_CORE_NAME.get(error.field, DOSE)
        raise PlanInputError(field, field_text(text, field) or str(error.value), error.allowed) from None
