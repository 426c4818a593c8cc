"""Each intake of a plan step with the drug(s) in it, and the step's ≈ diazepam day.

Rule (docs/DOMAIN.md §3.12): during and after a crossover a step's doses are not of the plan's
drug alone, so a dose shown without its drug could be taken as the wrong one (5 mg of
clonazepam instead of diazepam). Every display of a step that may belong to a crossover says its
intakes through :func:`step_intake_texts`: a step of the plan's own drug reads as before
(``0.46 mg = 4.6 mL``), any other names each drug in each intake (``clonazepam 0.25 mg = ½ tab +
diazepam 5 mg = 1 tab``). The ≈ diazepam day names its source, as every equivalent does (§4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from tui.core.drugs import ASHTON, DIAZEPAM_REFERENCE_MG, DiazepamEquivalent, equivalence_source, equivalent_mg
from tui.core.intake_text import DAILY_TOTAL, INTAKE_SEPARATOR, measured_dose
from tui.core.plan_model import Plan, Step

PART_SEPARATOR = " + "
"""Between two drugs taken in one intake (both at once: a sum is meant)."""


def names_drugs(step: Step) -> bool:
    """True when ``step``'s intakes must name their drug (a crossover stage or the new drug)."""
    return bool(step.drug) or step.also is not None


def intake_parts(plan: Plan, step: Step) -> tuple[tuple[tuple[str, Decimal, str], ...], ...]:
    """Per intake, each drug in it as (drug, mg, measured text); a drug at 0 mg in an intake is left
    out unless the intake holds nothing at all."""
    own = plan.drug_of(step)
    result = []
    for index, (mg, measured) in enumerate(zip(step.intake_mg, step.intake_doses, strict=True)):
        parts = [(own, mg, measured)]
        if step.also is not None:
            parts.append((step.also.drug, step.also.intake_mg[index], step.also.intake_doses[index]))
        taken = tuple(part for part in parts if part[1] > 0)
        result.append(taken or (parts[0],))
    return tuple(result)


def step_intake_part_texts(plan: Plan, step: Step) -> tuple[tuple[str, ...], ...]:
    """Each intake of ``step`` as the texts of the drugs in it: ``("0.46 mg = 4.6 mL",)`` for the
    plan's own drug, else each drug named: ``("clonazepam 0.25 mg = ½ tab", "diazepam 5 mg = 1 tab")``."""
    if not names_drugs(step):
        return tuple(
            (measured_dose(mg, measured),) for mg, measured in zip(step.intake_mg, step.intake_doses, strict=True)
        )
    return tuple(
        tuple(f"{drug} {measured_dose(mg, measured)}" for drug, mg, measured in parts)
        for parts in intake_parts(plan, step)
    )


def step_intake_texts(plan: Plan, step: Step) -> tuple[str, ...]:
    """Each intake of ``step``: ``0.46 mg = 4.6 mL`` for the plan's own drug, else every drug
    named: ``clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab``."""
    return tuple(PART_SEPARATOR.join(parts) for parts in step_intake_part_texts(plan, step))


def step_drug_totals(plan: Plan, step: Step) -> str:
    """The day's total of each drug: ``clonazepam 0.75 mg + diazepam 5 mg`` (``0.75 mg`` for the plan's own)."""
    if not names_drugs(step):
        return measured_dose(step.dose_mg, step.unit_dose)
    parts = step_drug_doses(plan, step)
    return PART_SEPARATOR.join(f"{drug} {measured_dose(mg, '')}" for drug, mg in parts if mg > 0) or "0 mg"


def step_drug_doses(plan: Plan, step: Step) -> tuple[tuple[str, Decimal], ...]:
    """``step``'s daily dose of each drug: its own drug first, then the drug it shares the day with."""
    parts = [(plan.drug_of(step), step.dose_mg)]
    if step.also is not None:
        parts.append((step.also.drug, step.also.dose_mg))
    return tuple(parts)


def diazepam_of(plan: Plan, doses: Iterable[tuple[str, Decimal]]) -> DiazepamEquivalent | None:
    """≈ diazepam of ``doses`` (drug, mg), each by its own drug and the plan's equivalence table
    (Ashton unless the crossover chose VA/DoD); None when a drug has no figure in that table. The
    one conversion for a planned step and a logged day alike."""
    source = equivalence_source(plan.params.equivalence) or ASHTON
    total = Decimal(0)
    for drug, mg in doses:
        reference = equivalent_mg(drug, source)
        if reference is None:
            return None
        total += mg * DIAZEPAM_REFERENCE_MG / reference
    # Two decimals: a table's 1/3 would otherwise print 28 digits of false precision.
    return DiazepamEquivalent(
        diazepam_mg=total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize(), source=source
    )


def step_diazepam(plan: Plan, step: Step) -> DiazepamEquivalent | None:
    """≈ diazepam for ``step``'s day (:func:`diazepam_of`)."""
    return diazepam_of(plan, step_drug_doses(plan, step))


def timed_step_intakes(plan: Plan, step: Step, times: Sequence[str] = ()) -> str:
    """Every intake of ``step`` with the person's times, each drug named when it must be:
    ``08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab``
    (what :func:`tui.core.intake_text.step_intakes` says for a step of the plan's own drug)."""
    texts = step_intake_texts(plan, step)
    shown = tuple(times) if len(times) == len(texts) else (None,) * len(texts)
    return INTAKE_SEPARATOR.join(f"{time} {text}" if time else text for time, text in zip(shown, texts, strict=True))


def step_daily_totals(plan: Plan, step: Step) -> str:
    """``daily total clonazepam 0.75 mg + diazepam 5 mg`` (``daily total 0.93 mg = 9.3 mL`` for the plan's own drug)."""
    return f"{DAILY_TOTAL} {step_drug_totals(plan, step)}"
