"""The plan's input fields: each one's CLI flag, app label, hint and default, and the error naming it.

Rule: a field is defined once, as a :class:`PlanField` carrying both of its names — the CLI flag
(``--dose``) and the label the app shows (``Daily dose mg``) — and the one set of bounds every
surface shares (a cut from 0.1 to 99.9 %, 1 to :data:`MAX_INTAKES` intakes a day, steps of 1 to
365 days, dates from 2000-01-01 to 2099-12-31), so a problem is reported once, in words, naming
what the person sees where they are. :class:`PlanInputError` is the one error any typed text
can raise. Reading each field is :mod:`tui.core.plan_field_parsers`; the whole plan is
:mod:`tui.core.plan_input`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from tui.core.plan_model import MAX_STEP_DAYS
from tui.core.plan_params import MAX_CROSSOVER_STAGES
from tui.core.validation import ValidationError

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
    metavar: str = ""
    """What the CLI's help shows after the flag (``MG``, ``DAYS``, ``DRUG``); ``""``: set beside the flag."""

    def name(self, surface: Surface) -> str:
        """The field's name where the person typed it."""
        return self.flag if surface is Surface.CLI else self.label


def _field(key: str, flag: str, label: str, hint: str, default: str | None = None, metavar: str = "") -> PlanField:
    return PlanField(key, flag, label, hint, default, metavar)


@dataclass(frozen=True)
class FormKind:
    """A way of measuring doses and the fields (up to three) it needs, in the order shown."""

    key: str
    label: str
    fields: tuple[PlanField, ...]


@dataclass(frozen=True)
class FormFields:
    """The fields of one way of measuring: the plan's own form, or the second one after a switch
    of form (docs/DOMAIN.md §3.11). Both are read by the same parser, so they cannot drift apart."""

    form: PlanField
    """The choice of kind (the editor's select)."""
    increment: PlanField
    tablet: PlanField
    pieces: PlanField
    liquid: PlanField
    resolution: PlanField
    drops: PlanField
    scale: PlanField
    tablet_weight: PlanField

    @property
    def kinds(self) -> tuple[FormKind, ...]:
        """Every kind with its fields, in the order shown."""
        return (
            FormKind("tablet", "scored tablets", (self.tablet, self.pieces)),
            FormKind("liquid", "liquid (syringe)", (self.liquid, self.resolution)),
            FormKind("drops", "drops", (self.drops,)),
            FormKind("scale", "powder on a scale", (self.scale, self.tablet_weight, self.tablet)),
            FormKind("increment", "any increment", (self.increment,)),
        )

    @property
    def fields(self) -> tuple[PlanField, ...]:
        """The choice of kind, then every field of every kind, each once, in the order listed."""
        return (
            self.form, self.increment, self.tablet, self.pieces, self.liquid, self.resolution, self.drops,
            self.scale, self.tablet_weight,
        )  # fmt: skip

    def by_core_name(self, name: str) -> PlanField | None:
        """The field a formulation's own ValidationError names (``tablet strength`` → the tablet)."""
        return {
            "tablet strength": self.tablet, "split": self.pieces, "liquid": self.liquid,
            "resolution": self.resolution, "drops": self.drops, "scale": self.scale,
            "tablet weight": self.tablet_weight, "increment": self.increment,
        }.get(name)  # fmt: skip


def _second_form(
    prefix: str, word: str, form: PlanField, increment: str, tablet: str, liquid: str, resolution: str
) -> FormFields:
    """The fields of a second way of measuring (after a switch of form, or of the drug crossed over
    to): keys ``{prefix}_…``, flags ``--{prefix}-…``, labels "{word} …". Only the hints naming
    whose amount it is differ, so the rest of each field is written once for both."""

    def field(key: str, flag: str, label: str, hint: str, default: str | None, metavar: str) -> PlanField:
        return _field(f"{prefix}_{key}", f"--{prefix}-{flag}", f"{word} {label}", hint, default, metavar)

    return FormFields(
        form,
        field("increment", "increment", "step mg", increment, "0.01", "MG"),
        field("tablet", "tablet", "tablet mg", tablet, None, "MG"),
        field("pieces", "split", "pieces", "1, 2 or 4 pieces per tablet", "1", "N"),
        field("liquid", "liquid", "mg per mL", liquid, None, "MG_PER_ML"),
        field("resolution", "resolution", "syringe mL", resolution, "0.1", "ML"),
        field("drops", "drops", "mg per drop", "the mg in one drop, e.g. 0.1", "0.1", "MG"),
        field("scale", "scale", "scale mg", "the scale's readability in mg, e.g. 1", None, "MG"),
        field("tablet_weight", "tablet-weight", "tab wt mg", "the weight of one tablet in mg, e.g. 100", None, "MG"),
    )


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

SWITCH_BELOW = _field(
    "switch_below",
    "--switch-below",
    "Switch below mg",
    "the dose in mg below which the second form is used, e.g. 1.25 (empty: one form)",
    "",
)
THEN_FORM = _field(
    "then_form",
    "--then-liquid",
    "Then form",
    "the second way of measuring: tablet, liquid, drops, scale or increment",
)
THEN_FORM_FIELDS = _second_form(
    "then",
    "Then",
    THEN_FORM,
    increment="the second form's smallest amount in mg, e.g. 0.01",
    tablet="the second tablet's strength in mg, e.g. 0.5",
    liquid="the liquid's concentration in mg/mL, e.g. 0.1",
    resolution="the syringe's smallest mark in mL, e.g. 0.01",
)
"""The second way of measuring, below :data:`SWITCH_BELOW`."""
THEN_TABLET, THEN_DROPS = THEN_FORM_FIELDS.tablet, THEN_FORM_FIELDS.drops

CROSSOVER_TO = _field(
    "crossover_to",
    "--crossover-to",
    "Cross over to",
    "the drug to cross over to before the taper, e.g. diazepam (empty: no crossover)",
    "",
    "DRUG",
)
CROSSOVER_STAGES = _field(
    "crossover_stages",
    "--crossover-stages",
    "Stages to cross",
    f"how many stages the crossover takes, from 1 to {MAX_CROSSOVER_STAGES}, e.g. 4",
    "4",
    "N",
)
CROSSOVER_EVERY = _field(
    "crossover_every",
    "--crossover-every",
    "Days a stage",
    f"days each stage lasts, 1 to {MAX_STEP_DAYS}, e.g. 7",
    "7",
    "DAYS",
)
CROSSOVER_FIRST = _field(
    "crossover_first",
    "--crossover-first",
    "Replace first (#)",
    "the intake number replaced first, e.g. 2 (empty: the last of the day)",
    "",
    "N",
)
EQUIVALENCE = _field("equivalence", "--equivalence", "Equivalence", "ashton or va-dod", "ashton", "SOURCE")
TO_FORM = _field(
    "to_form", "--to-tablet", "New drug form", "how the new drug is measured: tablet, liquid, drops, scale or increment"
)
TO_FORM_FIELDS = _second_form(
    "to",
    "New",
    TO_FORM,
    increment="the new drug's smallest amount in mg, e.g. 0.5",
    tablet="the new drug's tablet strength in mg, e.g. 5",
    liquid="the new drug's liquid in mg/mL, e.g. 1",
    resolution="the syringe's smallest mark in mL, e.g. 0.1",
)
"""How the drug crossed over to is measured (docs/DOMAIN.md §3.12)."""
TO_TABLET, TO_DROPS = TO_FORM_FIELDS.tablet, TO_FORM_FIELDS.drops

FIELDS: tuple[PlanField, ...] = (
    DRUG, START, DOSE, INTAKES, SPLIT, CUT_FIRST, METHOD, CUT, EVERY, HOLD, JUMP_OFF, TARGET, LINEAR, EMAX, EC50,
    STEPS, CUSTOM, ORDER, BELOW, FORM, INCREMENT, TABLET, PIECES, LIQUID, RESOLUTION, DROPS, SCALE, TABLET_WEIGHT,
    SWITCH_BELOW, *THEN_FORM_FIELDS.fields, CROSSOVER_TO, CROSSOVER_STAGES, CROSSOVER_EVERY, CROSSOVER_FIRST,
    EQUIVALENCE, *TO_FORM_FIELDS.fields,
)  # fmt: skip
"""Every field a plan is read from (the usual intake times are settings, see :data:`TIMES`)."""


FIRST_FORM = FormFields(FORM, INCREMENT, TABLET, PIECES, LIQUID, RESOLUTION, DROPS, SCALE, TABLET_WEIGHT)
"""The plan's own way of measuring."""
FORM_KINDS: tuple[FormKind, ...] = FIRST_FORM.kinds
KINDS = {kind.key: kind for kind in FORM_KINDS}
THEN_KINDS = {kind.key: kind for kind in THEN_FORM_FIELDS.kinds}
TO_KINDS = {kind.key: kind for kind in TO_FORM_FIELDS.kinds}

# Field names the planner and the formulations use in their own ValidationErrors.
BY_CORE_NAME: dict[str, PlanField] = {
    "dose": DOSE, "cut": CUT, "every": EVERY, "hold": HOLD, "target": TARGET, "jump-off": JUMP_OFF,
    "split-doses": SPLIT, "cut-first": CUT_FIRST, "linear": LINEAR, "emax": EMAX, "ec50": EC50, "steps": STEPS,
    "custom": CUSTOM, "order": ORDER, "below": BELOW, "tablet strength": TABLET, "split": PIECES, "liquid": LIQUID, "resolution": RESOLUTION,
    "drops": DROPS, "scale": SCALE, "tablet weight": TABLET_WEIGHT, "increment": INCREMENT,
    "switch-below": SWITCH_BELOW, "then-form": THEN_FORM, "crossover-to": CROSSOVER_TO,
    "crossover-stages": CROSSOVER_STAGES, "crossover-every": CROSSOVER_EVERY, "crossover-first": CROSSOVER_FIRST,
    "equivalence": EQUIVALENCE, "crossover-form": TO_FORM,
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


def given(text: Text, field: PlanField) -> bool:
    """True when something other than spaces was typed for ``field``."""
    return bool(field_text(text, field).strip())


def value_or_default(text: Text, field: PlanField) -> str:
    """The text of ``field``, or its default when empty; empty required fields are an error."""
    raw = field_text(text, field)
    if raw.strip():
        return raw
    if not field.default:  # required, or optional and only read when it was given
        raise PlanInputError(field, raw, field.hint)
    return field.default


def translated(field: PlanField, raw: str, error: ValidationError) -> PlanInputError:
    """A core ValidationError as a PlanInputError on ``field``, keeping what was typed."""
    return PlanInputError(field, raw, error.allowed)
