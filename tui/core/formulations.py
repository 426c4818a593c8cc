"""How a dose is measured, and therefore which doses a person can actually take.

Every formulation has a *measurable increment*: the smallest amount of drug (in mg) it can
add or remove — a quarter of a 0.5 mg tablet, 0.1 mL of a 0.1 mg/mL liquid, one drop, the
readability of a scale, or a raw increment the person states. A measurable dose is a whole
number of increments, so the planner works in whole *units* of the increment and only turns
them into mg (exact :class:`~decimal.Decimal`) and into the unit the person measures
("¾ tab", "4.5 mL", "9 drops", "52 mg powder", "0.53 mg") at the edges.

Arithmetic is exact: increments are :class:`fractions.Fraction` (a scale's increment, e.g.
1 mg of powder of a 0.5 mg tablet weighing 120 mg, is 1/240 mg and has no finite decimal).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Any, ClassVar

from tui.core.doses import format_decimal, to_decimal
from tui.core.validation import ValidationError

TABLET_SPLITS = (1, 2, 4)
"""Pieces a scored tablet may be split into. ¼ is the practical minimum (docs/DOMAIN.md §3.6):
hand-split pieces already vary by up to ±21 %, and finer splits cannot be cut reliably."""

DECIMAL_PLACES_WHEN_INEXACT = 6
"""Places kept when a dose in mg has no finite decimal (only a scale's doses can be like that);
the exact amount is still the step's whole number of units."""

_FRACTION_GLYPHS = {Fraction(1, 4): "¼", Fraction(1, 2): "½", Fraction(3, 4): "¾"}


def to_fraction(value: Decimal | int | str) -> Fraction:
    """An exact Fraction from a Decimal, int or decimal string (never a float)."""
    return Fraction(to_decimal(value))


def fraction_to_decimal(value: Fraction) -> Decimal:
    """A Fraction as a Decimal: exact when it has a finite decimal, else rounded half-up to
    :data:`DECIMAL_PLACES_WHEN_INEXACT` places."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    with localcontext() as context:
        # A division that fits the precision exactly is exact; trap the rest and round them.
        context.traps[Inexact] = True
        context.prec = 50
        try:
            return Decimal(value.numerator) / Decimal(value.denominator)
        except Inexact:
            pass
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-DECIMAL_PLACES_WHEN_INEXACT), rounding=ROUND_HALF_UP)


def fraction_text(value: Fraction) -> str:
    """A Fraction written as decimal text (see :func:`fraction_to_decimal`): how a formulation's
    amounts appear in records and descriptions."""
    return format_decimal(fraction_to_decimal(value))


def _positive(field: str, value: object, allowed: str) -> Fraction:
    try:
        number = to_fraction(value)  # type: ignore[arg-type]
    except ValueError:
        raise ValidationError(field, value, allowed) from None
    if number <= 0:
        raise ValidationError(field, value, allowed)
    return number


FINEST_SYRINGE_ML = Fraction(1, 100)
"""The finest oral syringe commonly dispensed marks 0.01 mL (a 1 mL syringe)."""


def round_down_2_figures(value: Fraction) -> Decimal:
    """``value`` to two significant figures, rounded *down* (a figure that still measures the cut:
    a concentration or a reading rounded up would be too coarse again)."""
    if value <= 0:
        return Decimal(0)
    exponent = 0
    while value * Fraction(10) ** exponent < 10:
        exponent += 1
    while value * Fraction(10) ** exponent >= 100:
        exponent -= 1
    scaled = value * Fraction(10) ** exponent
    return Decimal(scaled.numerator // scaled.denominator).scaleb(-exponent).normalize()


@dataclass(frozen=True)
class Formulation:
    """Base of every formulation: a measurable increment and a way to say a dose in its unit.

    Subclasses set :attr:`kind` and implement :attr:`increment` and :meth:`unit_text`.
    """

    kind: ClassVar[str] = ""
    measured_word: ClassVar[str] = "mg"
    """The word written after one intake's measured amount (``4.6 mL``, ``½ tab``)."""
    stock_word: ClassVar[str] = "mg"
    """The unit a supply of it is counted in (``mL``, ``tablets``): what a prescription names."""
    record_fields: ClassVar[tuple[str, ...]] = ()
    """The keys of :meth:`to_record` after ``kind``, in the order :meth:`create` takes them: the
    one place a form's record is named, for writing it and reading it back."""
    create: ClassVar[Callable[..., Formulation]]
    """Validate and build from the amounts as typed or stored (each form's own classmethod)."""

    @property
    def increment(self) -> Fraction:
        """The smallest measurable amount of drug, in mg (exact)."""
        raise NotImplementedError

    @property
    def increment_mg(self) -> Decimal:
        """:attr:`increment` as a Decimal (rounded only if it has no finite decimal)."""
        return fraction_to_decimal(self.increment)

    def units_up(self, mg: Fraction | Decimal) -> int:
        """Whole increments needed to give at least ``mg`` (rounding a target *up*)."""
        amount = Fraction(mg)
        if amount <= 0:
            return 0
        quotient = amount / self.increment
        return -(-quotient.numerator // quotient.denominator)

    def units_of(self, mg: Fraction | Decimal) -> int | None:
        """Whole increments that make exactly ``mg``, or None if the form cannot measure it."""
        quotient = Fraction(mg) / self.increment
        return quotient.numerator if quotient.denominator == 1 else None

    def mg_exact(self, units: int) -> Fraction:
        """``units`` increments in mg, exact."""
        return units * self.increment

    def mg(self, units: int) -> Decimal:
        """``units`` increments in mg as a Decimal (see :func:`fraction_to_decimal`)."""
        return fraction_to_decimal(units * self.increment)

    def round_up(self, mg: Fraction | Decimal) -> Decimal:
        """The smallest measurable dose at or above ``mg``."""
        return self.mg(self.units_up(mg))

    def is_measurable(self, mg: Fraction | Decimal) -> bool:
        """True when the form can give exactly ``mg``."""
        return self.units_of(mg) is not None

    def unit_text(self, units: int) -> str:
        """``units`` increments in the unit the person measures (``¾ tab``, ``4.5 mL``)."""
        raise NotImplementedError

    def describe(self) -> str:
        """One line for tables and reports, e.g. ``0.5 mg tablet split in 4 (0.125 mg steps)``."""
        raise NotImplementedError

    def finer_advice(self, cut_mg: Fraction) -> str:
        """docs/DOMAIN.md §3.5: the useful change of *this* form that measures a cut of ``cut_mg``
        (``dilute to 0.5 mg/mL``), in words that follow "too coarse … —"."""
        step = format_decimal(round_down_2_figures(cut_mg))
        return f"a form measuring {step} mg steps or finer (a liquid or compounded capsules)"

    def record_values(self) -> tuple[Fraction | int, ...]:
        """The values written under :attr:`record_fields`, in that order."""
        raise NotImplementedError

    def to_record(self) -> dict[str, Any]:
        """Plain JSON data (decimal strings), ``kind`` first."""
        values = (fraction_text(v) if isinstance(v, Fraction) else v for v in self.record_values())
        return {"kind": self.kind, **dict(zip(self.record_fields, values, strict=True))}

    @staticmethod
    def from_record(record: dict[str, Any]) -> Formulation:
        """Rebuild any formulation from :meth:`to_record`'s output; ValidationError if malformed."""
        if not isinstance(record, dict):
            raise ValidationError("formulation", record, "use an object with a kind")
        kind = record.get("kind")
        form = FORMULATION_KINDS.get(kind) if isinstance(kind, str) else None
        if form is None:
            *others, last = FORMULATION_KINDS
            raise ValidationError("formulation.kind", kind, f"use {', '.join(others)} or {last}")
        try:
            return form.create(*(record[key] for key in form.record_fields))
        except KeyError as missing:
            raise ValidationError("formulation", record, f"a {kind} formulation needs {missing}") from None


@dataclass(frozen=True)
class Tablet(Formulation):
    """A scored tablet of ``strength`` mg split into ``split`` equal pieces (1, 2 or 4)."""

    measured_word: ClassVar[str] = "tab"
    stock_word: ClassVar[str] = "tablets"

    strength: Fraction
    split: int
    kind: ClassVar[str] = "tablet"
    record_fields: ClassVar[tuple[str, ...]] = ("strength_mg", "split")

    @classmethod
    def create(cls, strength_mg: object, split: object = 1) -> Tablet:
        """Validate and build; e.g. ``Tablet.create("0.5", 4)`` measures 0.125 mg steps."""
        strength = _positive("tablet strength", strength_mg, "use a tablet strength in mg above 0, e.g. 0.5")
        if isinstance(split, bool) or str(split).strip() not in {str(s) for s in TABLET_SPLITS}:
            raise ValidationError(
                "split", split, "use 1, 2 or 4 pieces (¼ of a scored tablet is the practical minimum)"
            )
        return cls(strength=strength, split=int(str(split).strip()))

    @property
    def increment(self) -> Fraction:
        return self.strength / self.split

    def unit_text(self, units: int) -> str:
        whole, pieces = divmod(units, self.split)
        part = _FRACTION_GLYPHS.get(Fraction(pieces, self.split), "") if pieces else ""
        if whole and part:
            return f"{whole} {part} tab"
        if part:
            return f"{part} tab"
        return f"{whole} tab"

    def describe(self) -> str:
        pieces = "whole" if self.split == 1 else f"split in {self.split}"
        return f"{fraction_text(self.strength)} mg tablet, {pieces} ({format_decimal(self.increment_mg)} mg steps)"

    def finer_advice(self, cut_mg: Fraction) -> str:
        """Tablets cannot be cut finer than a quarter: a liquid or a compounded form can."""
        return "a liquid or a compounded form (e.g. capsules in smaller steps)"

    def record_values(self) -> tuple[Fraction | int, ...]:
        return (self.strength, self.split)


@dataclass(frozen=True)
class Liquid(Formulation):
    """A solution or suspension of ``concentration`` mg/mL measured to ``resolution`` mL."""

    measured_word: ClassVar[str] = "mL"
    stock_word: ClassVar[str] = "mL"

    concentration: Fraction
    resolution: Fraction
    kind: ClassVar[str] = "liquid"
    record_fields: ClassVar[tuple[str, ...]] = ("mg_per_ml", "resolution_ml")

    @classmethod
    def create(cls, mg_per_ml: object, resolution_ml: object = "0.1") -> Liquid:
        """Validate and build; e.g. ``Liquid.create("0.1", "0.1")`` measures 0.01 mg steps."""
        concentration = _positive("liquid", mg_per_ml, "use a concentration in mg/mL above 0, e.g. 0.1")
        resolution = _positive("resolution", resolution_ml, "use a syringe resolution in mL above 0, e.g. 0.1")
        return cls(concentration=concentration, resolution=resolution)

    @property
    def increment(self) -> Fraction:
        return self.concentration * self.resolution

    def unit_text(self, units: int) -> str:
        return f"{fraction_text(units * self.resolution)} mL"

    def describe(self) -> str:
        return (
            f"liquid {fraction_text(self.concentration)} mg/mL measured to "
            f"{fraction_text(self.resolution)} mL ({format_decimal(self.increment_mg)} mg steps)"
        )

    def finer_advice(self, cut_mg: Fraction) -> str:
        """A finer syringe when 0.01 mL measures the cut, and the concentration at which this
        syringe does: ``cut_mg / resolution`` mg/mL, rounded down."""
        dilute = f"dilute to {format_decimal(round_down_2_figures(cut_mg / self.resolution))} mg/mL"
        if self.resolution > FINEST_SYRINGE_ML and self.concentration * FINEST_SYRINGE_ML <= cut_mg:
            return f"a finer syringe (0.01 mL), or {dilute}"
        return dilute

    def record_values(self) -> tuple[Fraction | int, ...]:
        return (self.concentration, self.resolution)


@dataclass(frozen=True)
class Drops(Formulation):
    """Drops of ``mg_per_drop`` mg each (Rivotril 2.5 mg/mL: 1 drop = 0.1 mg)."""

    measured_word: ClassVar[str] = "drops"
    stock_word: ClassVar[str] = "drops"

    per_drop: Fraction
    kind: ClassVar[str] = "drops"
    record_fields: ClassVar[tuple[str, ...]] = ("mg_per_drop",)

    @classmethod
    def create(cls, mg_per_drop: object = "0.1") -> Drops:
        """Validate and build."""
        return cls(per_drop=_positive("drops", mg_per_drop, "use mg per drop above 0, e.g. 0.1"))

    @property
    def increment(self) -> Fraction:
        return self.per_drop

    def unit_text(self, units: int) -> str:
        return f"{units} drop" if units == 1 else f"{units} drops"

    def describe(self) -> str:
        return f"drops of {format_decimal(self.increment_mg)} mg"

    def finer_advice(self, cut_mg: Fraction) -> str:
        """A diluted solution whose drop holds at most the cut."""
        return f"a diluted solution of at most {format_decimal(round_down_2_figures(cut_mg))} mg per drop"

    def record_values(self) -> tuple[Fraction | int, ...]:
        return (self.per_drop,)


@dataclass(frozen=True)
class PowderScale(Formulation):
    """Crushed tablets weighed on a scale of ``readability`` mg.

    A tablet of ``tablet_strength`` mg weighing ``tablet_weight`` mg gives
    ``tablet_strength / tablet_weight`` mg of drug per mg of powder, so one reading step is
    ``readability × strength / weight`` mg of drug. Cuts smaller than 10× the readability are
    unreliable (docs/DOMAIN.md §3.6); the planner flags them.
    """

    measured_word: ClassVar[str] = "mg powder"
    stock_word: ClassVar[str] = "mg of powder"

    readability: Fraction
    tablet_weight: Fraction
    tablet_strength: Fraction
    kind: ClassVar[str] = "scale"
    record_fields: ClassVar[tuple[str, ...]] = ("readability_mg", "tablet_weight_mg", "tablet_strength_mg")
    RELIABLE_READINGS: ClassVar[int] = 10

    @classmethod
    def create(cls, readability_mg: object, tablet_weight_mg: object, tablet_strength_mg: object) -> PowderScale:
        """Validate and build; e.g. ``PowderScale.create("1", "100", "0.5")``."""
        readability = _positive("scale", readability_mg, "use the scale's readability in mg above 0, e.g. 1")
        weight = _positive("tablet weight", tablet_weight_mg, "use the weight of one tablet in mg above 0, e.g. 100")
        strength = _positive("tablet strength", tablet_strength_mg, "use a tablet strength in mg above 0, e.g. 0.5")
        return cls(readability=readability, tablet_weight=weight, tablet_strength=strength)

    @property
    def increment(self) -> Fraction:
        return self.readability * self.tablet_strength / self.tablet_weight

    def unit_text(self, units: int) -> str:
        return f"{fraction_text(units * self.readability)} mg powder"

    def describe(self) -> str:
        return (
            f"scale reading {fraction_text(self.readability)} mg, "
            f"{fraction_text(self.tablet_strength)} mg tablet weighing "
            f"{fraction_text(self.tablet_weight)} mg"
        )

    def finer_advice(self, cut_mg: Fraction) -> str:
        """A scale whose :attr:`RELIABLE_READINGS` readings weigh at most the cut's powder."""
        reading = cut_mg * self.tablet_weight / self.tablet_strength / self.RELIABLE_READINGS
        return f"a scale reading {format_decimal(round_down_2_figures(reading))} mg or finer, or a liquid"

    def record_values(self) -> tuple[Fraction | int, ...]:
        return (self.readability, self.tablet_weight, self.tablet_strength)


@dataclass(frozen=True)
class RawIncrement(Formulation):
    """A stated measurable increment in mg (e.g. a compounded capsule series in 0.01 mg steps)."""

    measured_word: ClassVar[str] = "mg"
    stock_word: ClassVar[str] = "mg"

    step: Fraction
    kind: ClassVar[str] = "increment"
    record_fields: ClassVar[tuple[str, ...]] = ("increment_mg",)

    @classmethod
    def create(cls, increment_mg: object) -> RawIncrement:
        """Validate and build; e.g. ``RawIncrement.create("0.01")``."""
        return cls(step=_positive("increment", increment_mg, "use an increment in mg above 0, e.g. 0.01"))

    @property
    def increment(self) -> Fraction:
        return self.step

    def unit_text(self, units: int) -> str:
        return f"{format_decimal(self.mg(units))} mg"

    def describe(self) -> str:
        return f"{format_decimal(self.increment_mg)} mg steps"

    def record_values(self) -> tuple[Fraction | int, ...]:
        return (self.step,)


FORMULATION_KINDS: dict[str, type[Formulation]] = {
    form.kind: form for form in (Tablet, Liquid, Drops, PowderScale, RawIncrement)
}
"""Every formulation by the ``kind`` its record names."""
