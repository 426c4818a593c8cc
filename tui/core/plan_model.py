"""The plan as data: dated steps, flags, projection, and their JSON form.

Rule: a :class:`Plan` is its parameters (:mod:`tui.core.plan_params`) plus every dated
:class:`Step`, each a whole number of units of an exact increment, contiguous and inclusive; a
stored plan that breaks that (a gap, intakes not adding up) is refused on reading, never
repaired.

:mod:`tui.core.planner` builds these; :mod:`tui.core.plan_changes` changes them (hold, slow
down, return to a stable dose, re-plan); the store and the export keep
:meth:`Plan.to_record` as a plain dict with exact decimal strings and a stable key order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

from tui.core.doses import ZERO, format_decimal, to_decimal
from tui.core.drug_share import DrugShare
from tui.core.drugs import DiazepamEquivalent, diazepam_equivalents
from tui.core.formulations import Formulation, fraction_to_decimal
from tui.core.plan_flags import Flag as Flag  # re-exported: the store, planner and plan changes name them here
from tui.core.plan_flags import PlanFlag as PlanFlag
from tui.core.plan_flags import flag_legend as flag_legend
from tui.core.plan_flags import flag_summary as flag_summary
from tui.core.plan_params import MAX_STEP_DAYS as MAX_STEP_DAYS  # re-exported: callers name them here
from tui.core.plan_params import DoseBand as DoseBand
from tui.core.plan_params import IntakeOrder as IntakeOrder
from tui.core.plan_params import Method as Method
from tui.core.plan_params import PlanParams as PlanParams
from tui.core.validation import ValidationError

PLAN_RECORD_VERSION = 1

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
    formulation: Formulation | None = None
    """The form this step is measured in when it is not the plan's own (after a switch of form,
    docs/DOMAIN.md §3.11); ``None``: the plan's :attr:`PlanParams.formulation`."""
    drug: str = ""
    """The drug of :attr:`units` when it is not the plan's own (after a crossover, docs/DOMAIN.md
    §3.12); ``""``: the plan's :attr:`PlanParams.drug`."""
    also: DrugShare | None = None
    """During a crossover stage, the drug crossed over to, taken beside this step's own drug."""

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
            # Only after a switch of form, so a one-form plan's record is what older versions read.
            **({"formulation": self.formulation.to_record()} if self.formulation is not None else {}),
            # Only in a crossover: a plan of one drug is written exactly as before.
            **({"drug": self.drug} if self.drug else {}),
            **({"also": self.also.to_record()} if self.also is not None else {}),
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
                formulation=Formulation.from_record(record["formulation"]) if "formulation" in record else None,
                drug=str(record.get("drug", "")),
                also=DrugShare.from_record(record["also"]) if "also" in record else None,
            )
        except (KeyError, TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(
                "plan.steps", record, f"each step needs start, end, units, increment_mg … ({problem})"
            ) from None
        if step.also is not None and len(step.also.intake_units) != len(intake_units):
            raise ValidationError("plan.steps", record, "a second drug needs one amount per intake")
        if end < start or units < 0 or increment <= 0 or sum(intake_units) != units:
            raise ValidationError(
                "plan.steps", record, "a step needs end ≥ start, units ≥ 0 and intake units adding up"
            )
        return step


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

    def formulation_of(self, step: Step) -> Formulation:
        """The form ``step`` is measured in (the second one after a switch of form)."""
        return step.formulation or self.params.formulation

    def drug_of(self, step: Step) -> str:
        """The drug ``step``'s own doses are of (the drug crossed over to, after a crossover)."""
        return step.drug or self.params.drug

    def formulation_on(self, day: date) -> Formulation | None:
        """The form measured on ``day`` (``None`` before the plan starts)."""
        step = self.step_on(day)
        return None if step is None else self.formulation_of(step)

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
        # Each form's own too-coarse sentence, once (a plan that switches form may have two).
        found.extend(dict.fromkeys(f.text for s in self.steps for f in s.flags if f.code == TOO_COARSE))
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
