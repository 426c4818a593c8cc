"""The plan as data: parameters, dated steps, flags, projection, and their JSON form.

:mod:`tui.core.planner` builds these; :mod:`tui.core.plan_changes` changes them (hold, slow
down, return to a stable dose, re-plan); the store and the export keep
:meth:`Plan.to_record` as a plain dict with exact decimal strings and a stable key order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from typing import Any

from tui.core.doses import ZERO, format_decimal, to_decimal
from tui.core.drugs import DiazepamEquivalent, diazepam_equivalents
from tui.core.formulations import Formulation, fraction_to_decimal
from tui.core.plan_flags import Flag as Flag  # re-exported: the store, planner and plan changes name them here
from tui.core.plan_flags import PlanFlag as PlanFlag
from tui.core.plan_flags import flag_legend as flag_legend
from tui.core.plan_flags import flag_summary as flag_summary
from tui.core.plan_flags import too_coarse_text
from tui.core.validation import ValidationError

PLAN_RECORD_VERSION = 1

MAX_STEP_DAYS = 365
"""The longest a step, a hold or a lengthened step may last: a year at one dose is a plan to review."""


class Method(StrEnum):
    """How the size of each cut is decided."""

    PROPORTIONAL = "proportional"
    LINEAR = "linear"
    OCCUPANCY = "occupancy"
    CUSTOM = "custom"


# The codes under their historical names (each equals its stored string).
HOLD = PlanFlag.HOLD
ABOVE_PLANNED = PlanFlag.ABOVE_PLANNED
ONE_INCREMENT = PlanFlag.ONE_INCREMENT
OVER_10 = PlanFlag.OVER_10
OVER_25_IN_14 = PlanFlag.OVER_25_IN_14
TOO_COARSE = PlanFlag.TOO_COARSE
LINEAR = PlanFlag.LINEAR
STOP = PlanFlag.STOP
STOP_ABOVE_JUMP_OFF = PlanFlag.STOP_ABOVE_JUMP_OFF
LENGTHENED = PlanFlag.LENGTHENED
SCALE_UNRELIABLE = PlanFlag.SCALE_UNRELIABLE
INCREASE = PlanFlag.INCREASE
HELD = PlanFlag.HELD
TARGET = PlanFlag.TARGET
SHORT_LAST = PlanFlag.SHORT_LAST
FAST_START = PlanFlag.FAST_START

CONFIRMATION_FLAGS = tuple(f for f in PlanFlag if f.needs_confirmation)


def fraction_percent(fraction: Fraction) -> Decimal:
    """A fraction as a percentage with one decimal, half-up, printed plainly (``12.5``, ``10``)."""
    return ratio_percent(fraction.numerator, fraction.denominator)


_TENTH = Decimal("0.1")


def ratio_percent(part: int, whole: int) -> Decimal:
    """``part / whole`` as a percentage with one decimal, half-up (ints in, no Fraction cost)."""
    return (Decimal(part * 100) / Decimal(whole)).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _fraction_text(value: Fraction) -> str:
    """A Fraction as an exact string: a decimal when finite, else ``n/d``."""
    decimal = fraction_to_decimal(value)
    return format_decimal(decimal) if Fraction(decimal) == value else f"{value.numerator}/{value.denominator}"


def _parse_fraction(text: object, field_name: str) -> Fraction:
    try:
        if isinstance(text, str) and "/" in text:
            return Fraction(text)
        return Fraction(to_decimal(text))
    except (ValueError, ZeroDivisionError):
        raise ValidationError(field_name, text, 'use a decimal string such as "0.125" or a fraction "1/240"') from None


@dataclass(frozen=True)
class Step:
    """One dose held from ``start`` to ``end`` (both inclusive).

    ``units`` whole increments of ``increment`` mg make the daily dose exactly; ``dose_mg`` is
    that dose as a Decimal. ``cut_pct`` is the actual cut from the dose taken the day before
    ``start`` (negative for an increase).
    """

    start: date
    end: date
    units: int
    increment: Fraction
    intake_units: tuple[int, ...]
    unit_dose: str
    intake_doses: tuple[str, ...]
    cut_pct: Decimal
    flags: tuple[Flag, ...] = ()
    ideal_mg: Decimal | None = None
    note: str = ""

    @property
    def dose_exact(self) -> Fraction:
        """The daily dose in mg, exact."""
        return self.units * self.increment

    @property
    def dose_mg(self) -> Decimal:
        """The daily dose in mg as a Decimal."""
        return fraction_to_decimal(self.dose_exact)

    @property
    def intake_mg(self) -> tuple[Decimal, ...]:
        """Each intake's dose in mg."""
        return tuple(fraction_to_decimal(u * self.increment) for u in self.intake_units)

    @property
    def days(self) -> int:
        """Length in days (inclusive)."""
        return (self.end - self.start).days + 1

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    def has(self, code: str) -> bool:
        """True when the step carries flag ``code``."""
        return any(f.code == code for f in self.flags)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def to_record(self) -> dict[str, Any]:
        """Plain JSON data with exact decimal strings, keys in a fixed order."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "dose_mg": format_decimal(self.dose_mg),
            "units": self.units,
            "increment_mg": _fraction_text(self.increment),
            "intakes_mg": [format_decimal(mg) for mg in self.intake_mg],
            "intake_units": list(self.intake_units),
            "unit_dose": self.unit_dose,
            "intake_doses": list(self.intake_doses),
            "cut_pct": format_decimal(self.cut_pct),
            "ideal_mg": None if self.ideal_mg is None else format_decimal(self.ideal_mg),
            "flags": [f.to_record() for f in self.flags],
            "note": self.note,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Step:
        """Rebuild a step from :meth:`to_record`'s output; ValidationError naming the field."""
        try:
            start = date.fromisoformat(record["start"])
            end = date.fromisoformat(record["end"])
            units = int(record["units"])
            increment = _parse_fraction(record["increment_mg"], "step.increment_mg")
            intake_units = tuple(int(u) for u in record["intake_units"])
            flags = tuple(Flag(str(f["code"]), str(f["text"])) for f in record.get("flags", ()))
            ideal = record.get("ideal_mg")
            step = cls(
                start=start,
                end=end,
                units=units,
                increment=increment,
                intake_units=intake_units,
                unit_dose=str(record["unit_dose"]),
                intake_doses=tuple(str(t) for t in record["intake_doses"]),
                cut_pct=to_decimal(record["cut_pct"]),
                flags=flags,
                ideal_mg=None if ideal is None else to_decimal(ideal),
                note=str(record.get("note", "")),
            )
        except (KeyError, TypeError, ValueError) as problem:
            raise ValidationError(
                "plan.steps", record, f"each step needs start, end, units, increment_mg … ({problem})"
            ) from None
        if end < start or units < 0 or increment <= 0 or sum(intake_units) != units:
            raise ValidationError(
                "plan.steps", record, "a step needs end ≥ start, units ≥ 0 and intake units adding up"
            )
        return step


class IntakeOrder(StrEnum):
    """How a day's cut is shared between intakes (docs/DOMAIN.md §3.9)."""

    EVEN = "even"
    """Every step keeps the intakes' starting ratio; the ``cut_first`` intake takes what cannot be shared."""
    SEQUENTIAL = "sequential"
    """Cuts come off the ``cut_first`` intake until it reaches 0, then off the next one (NHS Scotland)."""


@dataclass(frozen=True)
class DoseBand:
    """From ``below_mg`` down, cut ``cut_pct`` % of the dose or a fixed ``cut_mg`` every ``days``
    (docs/DOMAIN.md §3.10: CKS's "slower reduction at lower doses")."""

    below_mg: Decimal
    days: int
    cut_pct: Decimal | None = None
    cut_mg: Decimal | None = None

    def describe(self) -> str:
        """``≤ 20 mg: 1 mg every 14 days``."""
        cut = (
            f"{format_decimal(self.cut_mg)} mg"
            if self.cut_mg is not None
            else f"{format_decimal(self.cut_pct or ZERO)} %"
        )
        return f"≤ {format_decimal(self.below_mg)} mg: {cut} every {self.days} days"

    def to_record(self) -> dict[str, Any]:
        return {
            "below_mg": format_decimal(self.below_mg),
            "days": self.days,
            "cut_pct": None if self.cut_pct is None else format_decimal(self.cut_pct),
            "cut_mg": None if self.cut_mg is None else format_decimal(self.cut_mg),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DoseBand:
        pct, mg = record.get("cut_pct"), record.get("cut_mg")
        return cls(
            below_mg=to_decimal(record["below_mg"]),
            days=int(record["days"]),
            cut_pct=None if pct is None else to_decimal(pct),
            cut_mg=None if mg is None else to_decimal(mg),
        )


@dataclass(frozen=True)
class PlanParams:
    """Everything the person and their prescriber agreed, as given (validated by :func:`build_plan`).

    ``split`` holds the amount of each intake at the start (e.g. ``(0.25, 0.25)``); later steps
    keep that ratio, and the intake at index ``cut_first`` takes any cut that cannot be shared
    evenly. ``jump_off_mg`` is the dose from which the next step goes straight to 0 mg;
    ``target_mg`` above 0 ends the plan there instead of at 0 mg.
    """

    drug: str
    start: date
    dose_mg: Decimal
    formulation: Formulation
    method: Method = Method.PROPORTIONAL
    cut_pct: Decimal = Decimal(10)
    step_days: int = 14
    hold_days: int = 0
    split: tuple[Decimal, ...] = ()
    cut_first: int = 0
    jump_off_mg: Decimal | None = None
    target_mg: Decimal = ZERO
    linear_mg: Decimal | None = None
    emax_pct: Decimal | None = None
    ec50_mg: Decimal | None = None
    occupancy_steps: int = 8
    custom: tuple[tuple[date, Decimal], ...] = ()
    lengthen_steps: bool = False
    drug_as_typed: str = ""
    """The name the person typed when it differs from :attr:`drug` (a brand: ``Klonopin``)."""
    order: IntakeOrder = IntakeOrder.EVEN
    bands: tuple[DoseBand, ...] = ()
    """Slower pace at lower doses, highest threshold first (``--below``)."""
    custom_intakes: tuple[tuple[Decimal, ...], ...] = ()
    """Each custom date's intakes in mg (``9+10``), parallel to :attr:`custom`; empty: split as :attr:`order` says."""

    @property
    def drug_label(self) -> str:
        """``clonazepam (Klonopin)``: the drug, with the name as typed beside it."""
        return f"{self.drug} ({self.drug_as_typed})" if self.drug_as_typed else self.drug

    @property
    def weights(self) -> tuple[Decimal, ...]:
        """Intake amounts used as the split ratio (one intake when no split was given)."""
        return self.split or (self.dose_mg,)

    @property
    def coarse_below_mg(self) -> Decimal | None:
        """docs/DOMAIN.md §2: an increment supports an exact p-cut only while D ≥ inc / p; this is
        the smallest *measurable* dose at or above inc / p (rounded up to the increment), so the
        figure shown is one the person can measure, never ``0.133333``."""
        if self.method is not Method.PROPORTIONAL or self.cut_pct <= 0:
            return None
        return self.formulation.round_up(self.formulation.increment * 100 / Fraction(self.cut_pct))

    def to_record(self) -> dict[str, Any]:
        """Plain JSON data, decimal strings, keys in a fixed order."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else format_decimal(value)

        return {
            "drug": self.drug,
            "method": self.method.value,
            "start": self.start.isoformat(),
            "dose_mg": format_decimal(self.dose_mg),
            "formulation": self.formulation.to_record(),
            "cut_pct": format_decimal(self.cut_pct),
            "step_days": self.step_days,
            "hold_days": self.hold_days,
            "split_mg": [format_decimal(mg) for mg in self.split],
            "cut_first": self.cut_first,
            "jump_off_mg": text(self.jump_off_mg),
            "target_mg": format_decimal(self.target_mg),
            "linear_mg": text(self.linear_mg),
            "emax_pct": text(self.emax_pct),
            "ec50_mg": text(self.ec50_mg),
            "occupancy_steps": self.occupancy_steps,
            "custom": [
                {
                    "date": d.isoformat(),
                    "dose_mg": format_decimal(mg),
                    **(
                        {"intakes_mg": [format_decimal(x) for x in self.custom_intakes[i]]}
                        if self.custom_intakes
                        else {}
                    ),
                }
                for i, (d, mg) in enumerate(self.custom)
            ],
            "lengthen_steps": self.lengthen_steps,
            **({"drug_as_typed": self.drug_as_typed} if self.drug_as_typed else {}),
            **({"order": self.order.value} if self.order is not IntakeOrder.EVEN else {}),
            **({"bands": [b.to_record() for b in self.bands]} if self.bands else {}),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PlanParams:
        """Rebuild from :meth:`to_record`'s output; ValidationError naming the field."""

        def optional(name: str) -> Decimal | None:
            value = record.get(name)
            return None if value is None else to_decimal(value)

        try:
            return cls(
                drug=str(record["drug"]),
                start=date.fromisoformat(record["start"]),
                dose_mg=to_decimal(record["dose_mg"]),
                formulation=Formulation.from_record(record["formulation"]),
                method=Method(record.get("method", "proportional")),
                cut_pct=to_decimal(record.get("cut_pct", "10")),
                step_days=int(record.get("step_days", 14)),
                hold_days=int(record.get("hold_days", 0)),
                split=tuple(to_decimal(mg) for mg in record.get("split_mg", ())),
                cut_first=int(record.get("cut_first", 0)),
                jump_off_mg=optional("jump_off_mg"),
                target_mg=to_decimal(record.get("target_mg", "0")),
                linear_mg=optional("linear_mg"),
                emax_pct=optional("emax_pct"),
                ec50_mg=optional("ec50_mg"),
                occupancy_steps=int(record.get("occupancy_steps", 8)),
                custom=tuple(
                    (date.fromisoformat(c["date"]), to_decimal(c["dose_mg"])) for c in record.get("custom", ())
                ),
                lengthen_steps=bool(record.get("lengthen_steps", False)),
                drug_as_typed=str(record.get("drug_as_typed", "")),
                order=IntakeOrder(record.get("order", IntakeOrder.EVEN.value)),
                bands=tuple(DoseBand.from_record(b) for b in record.get("bands", ())),
                custom_intakes=tuple(
                    tuple(to_decimal(x) for x in c["intakes_mg"]) for c in record.get("custom", ()) if "intakes_mg" in c
                ),
            )
        except (KeyError, TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(
                "plan.params", problem, "the stored plan parameters are incomplete or malformed"
            ) from None


@dataclass(frozen=True)
class Projection:
    """The plan at a glance: how many steps, when it ends, and ≈ diazepam for information."""

    steps: int
    cuts: int
    start: date
    end_date: date
    total_days: int
    start_mg: Decimal
    final_mg: Decimal
    diazepam: tuple[DiazepamEquivalent, ...]


@dataclass(frozen=True)
class Plan:
    """A dated schedule: the parameters of its latest (re)planning and every step so far."""

    params: PlanParams
    steps: tuple[Step, ...]
    dose_before_mg: Decimal = field(default=ZERO)
    """The daily dose taken before the first step (the current dose when the plan was made)."""

    # ----- reading the plan -------------------------------------------------------------
    @property
    def start(self) -> date:
        return self.steps[0].start

    @property
    def end_date(self) -> date:
        """The first day of the final dose (0 mg or the target)."""
        return self.steps[-1].start

    def step_index_on(self, day: date) -> int | None:
        """Index of the step in effect on ``day``; the final step stays in effect after it ends;
        None before the plan starts."""
        if not self.steps or day < self.steps[0].start:
            return None
        low, high = 0, len(self.steps) - 1
        while low < high:  # binary search on start dates (contiguous, ascending)
            middle = (low + high + 1) // 2
            if self.steps[middle].start <= day:
                low = middle
            else:
                high = middle - 1
        return low

    def step_on(self, day: date) -> Step | None:
        """The step in effect on ``day`` (see :meth:`step_index_on`)."""
        index = self.step_index_on(day)
        return None if index is None else self.steps[index]

    def next_cut_on_or_after(self, day: date) -> Step | None:
        """The first step starting after ``day`` whose dose is lower than the one before it."""
        index = self.step_index_on(day)
        first = 0 if index is None else index + 1
        for step in self.steps[first:]:
            if step.cut_pct > 0:
                return step
        return None

    def cut_dates(self) -> list[date]:
        """Start dates of every step that lowers the dose (for the chart and hold suggestion)."""
        return [s.start for s in self.steps if s.cut_pct > 0]

    def warnings(self) -> list[str]:
        """Plan-level warnings in plain words (linear shape, a form too coarse, confirmations)."""
        found: list[str] = []
        if any(s.has(LINEAR) for s in self.steps):
            found.append("Linear taper: the % cut grows with every step, up to 100 % at the end.")
        coarse = self.params.coarse_below_mg
        if coarse is not None and any(s.has(TOO_COARSE) for s in self.steps):
            found.append(too_coarse_text(coarse, self.params.cut_pct))
        if any(s.has(OVER_10) for s in self.steps):
            found.append(self._largest_cut_text())
        found.extend(f.text for s in self.steps for f in s.flags if f.code in (FAST_START, SHORT_LAST))
        if self.params.lengthen_steps and self.params.method is Method.CUSTOM:
            found.append("Lengthening does not apply to custom dated doses: they are taken as typed.")
        found.extend(self.confirmations_needed())
        return found

    def _largest_cut_text(self) -> str:
        """``Some cuts are above 10 % … (largest 33.3 % before the stop; the stop 100 %)``: the
        stop is a cut too, the largest in %, so the summary always names it."""
        cuts = [s for s in self.steps if s.cut_pct > 0]
        before_stop = max((s.cut_pct for s in cuts if not s.has(STOP)), default=None)
        stop = next((s for s in cuts if s.has(STOP)), None)
        parts = []
        if before_stop is not None:
            parts.append(f"largest {format_decimal(before_stop)} %" + (" before the stop" if stop else ""))
        if stop is not None:
            parts.append(
                f"the stop from {format_decimal(self._dose_before(stop))} mg is {format_decimal(stop.cut_pct)} %"
            )
        return f"Some cuts are above 10 % of the dose ({'; '.join(parts)})."

    def _dose_before(self, step: Step) -> Decimal:
        """The daily dose taken the day before ``step`` (the dose before the plan for the first)."""
        index = self.steps.index(step)
        return self.steps[index - 1].dose_mg if index else self.dose_before_mg

    def confirmations_needed(self) -> list[str]:
        """Why the person must explicitly confirm this plan (empty when nothing needs it).

        A cut above 25 % within 14 days needs confirmation, except the planned stop from a dose
        at or below the jump-off (choosing a jump-off dose *is* accepting that last step); a
        stop from above the jump-off (or with no jump-off set) always needs confirmation.
        """
        reasons = []
        for step in self.steps:
            if step.has(STOP_ABOVE_JUMP_OFF):
                reasons.append(
                    f"{step.start.isoformat()}: stops from a dose above the jump-off dose — confirm this last step."
                )
            elif step.has(OVER_25_IN_14) and not step.has(STOP):
                reasons.append(
                    f"{step.start.isoformat()}: more than 25 % lower than 14 days before — confirm this cut."
                )
        return reasons

    def projection(self) -> Projection:
        """Steps, end date, total days and ≈ diazepam of the starting dose (source named)."""
        first_dose = self.dose_before_mg if self.dose_before_mg > 0 else self.steps[0].dose_mg
        return Projection(
            steps=len(self.steps),
            cuts=len(self.cut_dates()),
            start=self.start,
            end_date=self.end_date,
            total_days=(self.end_date - self.start).days,
            start_mg=first_dose,
            final_mg=self.steps[-1].dose_mg,
            diazepam=tuple(diazepam_equivalents(self.params.drug, first_dose)),
        )

    # ----- storing the plan -------------------------------------------------------------
    def to_record(self) -> dict[str, Any]:
        """Plain JSON dict for the store and the export (decimal strings, stable key order)."""
        return {
            "version": PLAN_RECORD_VERSION,
            "drug": self.params.drug,
            "dose_before_mg": format_decimal(self.dose_before_mg),
            "params": self.params.to_record(),
            "steps": [s.to_record() for s in self.steps],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Plan:
        """Rebuild a plan stored by :meth:`to_record`; ValidationError naming what is wrong."""
        if not isinstance(record, dict):
            raise ValidationError("plan", record, "a plan is an object with params and steps")
        if record.get("version") != PLAN_RECORD_VERSION:
            raise ValidationError(
                "plan.version", record.get("version"), f"this version reads plan version {PLAN_RECORD_VERSION}"
            )
        params = PlanParams.from_record(record.get("params") or {})
        steps = tuple(Step.from_record(s) for s in record.get("steps") or ())
        if not steps:
            raise ValidationError("plan.steps", "[]", "a plan has at least one step")
        for before, after in pairwise(steps):
            if after.start != before.end + timedelta(days=1):
                raise ValidationError(
                    "plan.steps", after.start.isoformat(), "steps must follow each other without gap or overlap"
                )
        return cls(params=params, steps=steps, dose_before_mg=to_decimal(record.get("dose_before_mg", "0")))
