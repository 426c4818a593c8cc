"""What the person and their prescriber agreed: the plan's parameters and their stored form.

Rule: :class:`PlanParams` holds the agreement exactly as given (a drug, a start, a dose, a way of
measuring, a method and its pace, intakes, bands), and its record is a plain dict of exact
decimal strings in a fixed key order, where a field at its default is left out when older files
never had it, so every older record still loads. The dated steps built from it live in
:mod:`tui.core.plan_model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from tui.core.doses import ZERO, format_decimal, to_decimal
from tui.core.formulations import Formulation
from tui.core.plan_flags import too_coarse_text
from tui.core.validation import ValidationError

MAX_CROSSOVER_STAGES = 24
"""More crossover stages than this is a typo (a crossover takes weeks, not a year)."""

MAX_STEP_DAYS = 365
"""The longest a step, a hold or a lengthened step may last: a year at one dose is a plan to review."""


class Method(StrEnum):
    """How the size of each cut is decided."""

    PROPORTIONAL = "proportional"
    LINEAR = "linear"
    OCCUPANCY = "occupancy"
    CUSTOM = "custom"


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

    @property
    def cut_text(self) -> str:
        """``1 mg`` or ``5 %``: the band's cut."""
        if self.cut_mg is not None:
            return f"{format_decimal(self.cut_mg)} mg"
        return f"{format_decimal(self.cut_pct or ZERO)} %"

    def describe(self) -> str:
        """``≤ 20 mg: 1 mg every 14 days``."""
        return f"≤ {format_decimal(self.below_mg)} mg: {self.cut_text} every {self.days} days"

    def too_coarse(self, form: Formulation, dose_units: int | Fraction) -> bool:
        """docs/DOMAIN.md §2, §3.10: ``form`` cannot make this band's cut from a dose of
        ``dose_units`` increments: a fixed cut under one increment, or a % of the dose under one."""
        if self.cut_mg is not None:
            return Fraction(self.cut_mg) < form.increment
        return dose_units * Fraction(self.cut_pct or ZERO) < 100

    def too_coarse_text(self, form: Formulation) -> str:
        """The too-coarse sentence for this band's cut: ``too coarse from 5 mg down for a 0.5 mg
        cut`` (a fixed cut under one increment, or a % whose smallest exact dose is above the band),
        else ``below 0.2 mg for a 5 % cut``, with the useful change for ``form``."""
        top = Fraction(self.below_mg)
        if self.cut_mg is not None:
            where, cut = f"from {format_decimal(self.below_mg)} mg down", Fraction(self.cut_mg)
        else:
            pct = Fraction(self.cut_pct or ZERO)
            coarse = form.round_up(form.increment * 100 / pct) if pct > 0 else self.below_mg
            if coarse > self.below_mg:
                where = f"from {format_decimal(self.below_mg)} mg down"
            else:
                where, top = f"below {format_decimal(coarse)} mg", Fraction(coarse) - form.increment
            cut = max(top, form.increment) * pct / 100
        return too_coarse_text(where, self.cut_text, form.finer_advice(cut))

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
    switch_below_mg: Decimal | None = None
    """docs/DOMAIN.md §3.11: from the first step whose dose is below this, doses are measured in
    :attr:`then_formulation` (tablets until they are too coarse, then a liquid); ``None``: one form."""
    then_formulation: Formulation | None = None
    """The second way of measuring, used below :attr:`switch_below_mg` (``--then-liquid …``)."""
    crossover_to: str = ""
    """docs/DOMAIN.md §3.12: the drug the person crosses over to (``diazepam``) before the taper;
    ``""``: no crossover. With one, :attr:`dose_mg`, :attr:`split` and :attr:`formulation` describe
    the drug taken now, and the taper's pace, bands, jump-off and target the drug crossed over to."""
    crossover_stages: int = 4
    """How many stages the crossover takes (each replaces part of one intake)."""
    crossover_every: int = 7
    """Days each crossover stage lasts."""
    crossover_first: int | None = None
    """The intake (0-based) replaced first; ``None``: the last one of the day (the evening)."""
    equivalence: str = "ashton"
    """The equivalence table the crossover uses: ``ashton`` or ``va-dod`` (:data:`EQUIVALENCE_SOURCES`)."""
    crossover_formulation: Formulation | None = None
    """How the drug crossed over to is measured (``--to-tablet 5 --to-split 2``)."""

    @property
    def crosses_over(self) -> bool:
        """True when the plan starts with a crossover to another drug."""
        return bool(self.crossover_to)

    @property
    def switches(self) -> bool:
        """True when the plan changes form partway (:attr:`switch_below_mg` and its form are set)."""
        return self.switch_below_mg is not None and self.then_formulation is not None

    def formulation_for(self, dose_mg: Fraction | Decimal) -> Formulation:
        """The form that measures a step of ``dose_mg`` a day: the second one below the switch."""
        if self.switches and dose_mg < self.switch_below_mg:  # type: ignore[operator]
            return self.then_formulation  # type: ignore[return-value]
        return self.formulation

    def too_coarse_text(self) -> str:
        """docs/DOMAIN.md §3.5: the plan-level too-coarse sentence, naming the useful change for this
        form at the highest dose it cannot cut as planned (the dose one increment below
        :attr:`coarse_below_mg`, or the starting dose when lower)."""
        coarse = self.coarse_below_mg or ZERO
        highest = min(Fraction(self.dose_mg), Fraction(coarse) - self.formulation.increment)
        cut = max(highest, self.formulation.increment) * Fraction(self.cut_pct) / 100
        return too_coarse_text(
            f"below {format_decimal(coarse)} mg",
            f"{format_decimal(self.cut_pct)} %",
            self.formulation.finer_advice(cut),
        )

    def band_at(self, dose_mg: Fraction | Decimal) -> DoseBand | None:
        """docs/DOMAIN.md §3.10: the band in effect at ``dose_mg`` (the lowest threshold at or above
        it); ``None`` above every band, where the method's own pace applies."""
        within = [b for b in self.bands if dose_mg <= b.below_mg]
        return min(within, key=lambda b: b.below_mg) if within else None

    def pace_text(self) -> str:
        """The agreed pace in words, every band named: ``10 % of the current dose every 14 days;
        ≤ 20 mg: 2 mg every 14 days; ≤ 10 mg: 1 mg every 14 days`` (the plan's header in the CLI
        and the Schedule)."""
        if self.method is Method.PROPORTIONAL:
            pace = f"{format_decimal(self.cut_pct)} % of the current dose every {self.step_days} days"
        elif self.method is Method.LINEAR:
            cut = (
                f"{format_decimal(self.linear_mg)} mg"
                if self.linear_mg is not None
                else f"{format_decimal(self.cut_pct)} % of the start dose"
            )
            pace = f"linear, {cut} every {self.step_days} days"
        elif self.method is Method.OCCUPANCY:
            pace = f"{self.occupancy_steps} equal receptor-occupancy steps every {self.step_days} days"
        else:
            pace = "custom dated doses"
        return "; ".join([pace, *(band.describe() for band in self.bands), *self._order_words()])

    def _order_words(self) -> tuple[str, ...]:
        """docs/DOMAIN.md §3.9: a sequential order in words (which intake is cut to 0 first)."""
        if self.order is not IntakeOrder.SEQUENTIAL or (count := len(self.split)) < 2:
            return ()
        turns = [(self.cut_first + offset) % count + 1 for offset in range(count)]
        rest = ", then ".join(f"intake {n}" for n in turns[1:])
        return (f"one intake at a time: intake {turns[0]} down to 0 first, then {rest}",)

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
            **({"switch": self._switch_record()} if self.switches else {}),
            **({"crossover": self._crossover_record()} if self.crosses_over else {}),
        }

    def _crossover_record(self) -> dict[str, Any]:
        """The crossover's fields, only written for a plan with one (so every other plan's record
        is what older versions wrote and read)."""
        return {
            "to": self.crossover_to,
            "stages": self.crossover_stages,
            "every": self.crossover_every,
            "first": None if self.crossover_first is None else self.crossover_first,
            "equivalence": self.equivalence,
            "formulation": None if self.crossover_formulation is None else self.crossover_formulation.to_record(),
        }

    def _switch_record(self) -> dict[str, Any]:
        """``{"below_mg": "1.25", "formulation": {...}}``: only written when the plan switches, so a
        one-form plan's record is what older versions wrote and read."""
        assert self.switch_below_mg is not None and self.then_formulation is not None
        return {"below_mg": format_decimal(self.switch_below_mg), "formulation": self.then_formulation.to_record()}

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
                **_switch_from_record(record.get("switch")),
                **_crossover_from_record(record.get("crossover")),
            )
        except (KeyError, TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(
                "plan.params", problem, "the stored plan parameters are incomplete or malformed"
            ) from None


def _switch_from_record(record: object) -> dict[str, Any]:
    """The switch fields of a stored ``switch`` object (none: an older or one-form plan)."""
    if record is None:
        return {}
    if not isinstance(record, dict):
        raise ValidationError("plan.params.switch", record, 'use {"below_mg": "1", "formulation": {...}}')
    return {
        "switch_below_mg": to_decimal(record["below_mg"]),
        "then_formulation": Formulation.from_record(record["formulation"]),
    }


def _crossover_from_record(record: object) -> dict[str, Any]:
    """The crossover fields of a stored ``crossover`` object (none: a plan of one drug)."""
    if record is None:
        return {}
    if not isinstance(record, dict) or not isinstance(record.get("to"), str) or not record["to"].strip():
        raise ValidationError(
            "plan.params.crossover", record, 'use {"to": "diazepam", "stages": 4, "every": 7, "formulation": {...}}'
        )
    first = record.get("first")
    formulation = record.get("formulation")
    fields = {
        "crossover_to": record["to"],
        "crossover_stages": int(record.get("stages", 4)),
        "crossover_every": int(record.get("every", 7)),
        "crossover_first": None if first is None else int(first),
        "equivalence": str(record.get("equivalence", "ashton")),
        "crossover_formulation": None if formulation is None else Formulation.from_record(formulation),
    }
    if (
        not 1 <= fields["crossover_stages"] <= MAX_CROSSOVER_STAGES
        or not 1 <= fields["crossover_every"] <= MAX_STEP_DAYS
        or (fields["crossover_first"] is not None and fields["crossover_first"] < 0)
        or fields["equivalence"] not in ("ashton", "va-dod")
        or formulation is None
    ):
        raise ValidationError(
            "plan.params.crossover",
            record,
            f"use 1 to {MAX_CROSSOVER_STAGES} stages of 1 to {MAX_STEP_DAYS} days, "
            'equivalence "ashton" or "va-dod", and the new drug\'s formulation',
        )
    return fields
