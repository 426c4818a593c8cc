"""The second drug's share of a crossover step: how much of it goes into each intake.

Rule (docs/DOMAIN.md §3.12): during a crossover a step's intakes hold two drugs. The step's own
fields (units, intakes, measured texts) stay those of the drug it is measured in; the drug being
crossed over to is carried beside them as a :class:`DrugShare`, each intake a whole number of
its own form's increments, so both drugs are exact and measurable. Only a crossover step has one,
so every other step's record is what older versions wrote and read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tui.core.doses import format_decimal
from tui.core.formulations import Formulation, fraction_to_decimal
from tui.core.validation import ValidationError


@dataclass(frozen=True)
class DrugShare:
    """The drug crossed over to, in one step: its name, its form and each intake's units of it."""

    drug: str
    """The drug's stored name (``diazepam``)."""
    formulation: Formulation
    """How it is measured."""
    intake_units: tuple[int, ...]
    """Each intake's whole increments of :attr:`formulation` (0 for an intake not yet replaced)."""

    @property
    def units(self) -> int:
        """The day's total in increments."""
        return sum(self.intake_units)

    @property
    def intake_mg(self) -> tuple[Decimal, ...]:
        """Each intake's dose of this drug in mg."""
        return tuple(self.formulation.mg(u) for u in self.intake_units)

    @property
    def dose_mg(self) -> Decimal:
        """The day's total of this drug in mg."""
        return fraction_to_decimal(self.units * self.formulation.increment)

    @property
    def intake_doses(self) -> tuple[str, ...]:
        """Each intake in the unit measured (``1 tab``, ``2.5 mL``)."""
        return tuple(self.formulation.unit_text(u) for u in self.intake_units)

    def to_record(self) -> dict[str, Any]:
        """Plain JSON data: the drug, its form, and each intake in mg and in units."""
        return {
            "drug": self.drug,
            "formulation": self.formulation.to_record(),
            "intakes_mg": [format_decimal(mg) for mg in self.intake_mg],
            "intake_units": list(self.intake_units),
        }

    @classmethod
    def from_record(cls, record: object) -> DrugShare:
        """Rebuild from :meth:`to_record`'s output; ValidationError naming the field."""
        if not isinstance(record, dict):
            raise ValidationError("plan.steps.also", record, 'use {"drug", "formulation", "intake_units"}')
        try:
            share = cls(
                drug=str(record["drug"]),
                formulation=Formulation.from_record(record["formulation"]),
                intake_units=tuple(int(u) for u in record["intake_units"]),
            )
        except (KeyError, TypeError, ValueError) as problem:
            if isinstance(problem, ValidationError):
                raise
            raise ValidationError(
                "plan.steps.also", record, f"a second drug needs drug, formulation, intake_units ({problem})"
            ) from None
        if not share.drug.strip() or any(u < 0 for u in share.intake_units):
            raise ValidationError("plan.steps.also", record, "a second drug needs a name and intake units ≥ 0")
        return share
