"""A dose said the way it goes in the syringe: each intake in mg *and* in the measured unit.

``0.93 mg, 9.3 mL`` next to per-intake doses invites a double dose: 9.3 mL is the day's total,
not what goes in the syringe at 08:00. So a dose is always said per intake, mg and the unit the
person measures side by side — ``08:00 0.46 mg = 4.6 mL · 20:00 0.47 mg = 4.7 mL`` — and a
total for the day is always labelled ``daily total``.

The measured unit is never formatted here: a plan step carries it already
(:attr:`~tui.core.plan_model.Step.intake_doses`, :attr:`~tui.core.plan_model.Step.unit_dose`,
from :meth:`~tui.core.formulations.Formulation.unit_text`), and a logged amount is put in the
same words by the plan's formulation. When the measured form is mg anyway (a stated increment)
the ``= …`` half is left out rather than said twice. A planned intake of 0 mg is said as
stopped (``0 mg (stopped)``), not ``0 mg = 0 tab``: "0 tab" reads as a dose to measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tui.core.doses import format_mg
from tui.core.entry import Intake
from tui.core.formulations import Formulation
from tui.core.plan_model import Step

INTAKE_SEPARATOR = " · "
"""Between the intakes of one day (a middle dot: a ``+`` would read as a sum to take at once)."""

DAILY_TOTAL = "daily total"
"""The label every total for a day carries."""

STOPPED = "(stopped)"
"""After a planned 0 mg: the intake is no longer taken, nothing is to be measured."""


def _mg_and_measured(mg: Decimal, measured: str) -> str:
    mg_text = format_mg(mg)
    return mg_text if measured in ("", mg_text) else f"{mg_text} = {measured}"


def measured_dose(mg: Decimal, measured: str) -> str:
    """A planned dose: ``0.46 mg = 4.6 mL``; just ``0.46 mg`` when ``measured`` is empty or says the
    same mg; ``0 mg (stopped)`` for an intake (or a day) the plan has stopped."""
    return f"{format_mg(mg)} {STOPPED}" if mg == 0 else _mg_and_measured(mg, measured)


def in_measured_unit(mg: Decimal, formulation: Formulation | None) -> str:
    """A logged amount in mg and in ``formulation``'s unit (mg alone when it cannot measure it);
    a logged 0 mg is what was taken, so it is not said as stopped."""
    units = formulation.units_of(mg) if formulation is not None else None
    return _mg_and_measured(mg, formulation.unit_text(units) if formulation is not None and units is not None else "")


def _timed(time: str | None, dose: str) -> str:
    return f"{time} {dose}" if time else dose


def step_intakes(step: Step, times: Sequence[str] = ()) -> str:
    """Every intake of ``step``: ``08:00 0.46 mg = 4.6 mL · 20:00 0.47 mg = 4.7 mL``.

    ``times`` (the person's intake times) are shown only when there is one per intake: a time
    matched to the wrong amount would be worse than none.
    """
    shown = tuple(times) if len(times) == len(step.intake_mg) else (None,) * len(step.intake_mg)
    return INTAKE_SEPARATOR.join(
        _timed(time, measured_dose(mg, measured))
        for time, mg, measured in zip(shown, step.intake_mg, step.intake_doses, strict=True)
    )


def step_daily_total(step: Step) -> str:
    """``daily total 0.93 mg = 9.3 mL``."""
    return f"{DAILY_TOTAL} {measured_dose(step.dose_mg, step.unit_dose)}"


def logged_intakes(intakes: Sequence[Intake], formulation: Formulation | None) -> str:
    """What a day logged, intake by intake: ``08:00 0.46 mg = 4.6 mL · 20:00 0.47 mg = 4.7 mL``."""
    return INTAKE_SEPARATOR.join(_timed(i.time, in_measured_unit(i.mg, formulation)) for i in intakes)


def logged_daily_total(mg: Decimal, formulation: Formulation | None) -> str:
    """``daily total 0.93 mg = 9.3 mL`` for a logged day."""
    return f"{DAILY_TOTAL} {in_measured_unit(mg, formulation)}"
