"""Which drug each logged intake was, in which form it is measured, and a day's ≈ diazepam.

Rule (docs/DOMAIN.md §3.12): during a crossover a day holds two drugs, and an intake logged
without its drug could be read as the wrong one (5 mg of clonazepam instead of diazepam). An
intake names its drug (:attr:`Intake.drug`) only when it is not the plan's own, so a plan without
a crossover logs and reads as it always did. On a day whose step names its drugs — or whose log
names one — nothing adds two drugs' mg: the day is compared with the plan in ≈ diazepam by the
plan's own table (Ashton unless the crossover chose VA/DoD), the same figure the Schedule shows,
and each drug's total is said beside it. Each intake is measured in its own drug's form (a
diazepam 5 mg tablet on the evening row of a clonazepam 0.5 mg plan).

The Log, ``taper-tui log``, status, adherence, the report, supply, History and the Chart all ask
here. The Chart's dose of a plan with a crossover is ≈ diazepam on every day, before, during and
after it (:func:`chart_day_dose`, :func:`chart_step_dose`), so its one line never joins mg of two drugs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tui.core.doses import ZERO, format_decimal
from tui.core.entry import DayEntry, Intake, intake_drug
from tui.core.formulations import Formulation
from tui.core.intake_text import INTAKE_SEPARATOR, in_measured_unit
from tui.core.measured_forms import form_on
from tui.core.plan_model import Plan, Step
from tui.core.step_drugs import PART_SEPARATOR, diazepam_of, intake_parts, names_drugs, step_diazepam
from tui.core.validation import ValidationError


def plan_drugs(plan: Plan | None) -> tuple[str, ...]:
    """The drugs a plan's intakes may be of: its own, then the one it crosses over to (if any)."""
    if plan is None:
        return ()
    params = plan.params
    return (params.drug, params.crossover_to) if params.crosses_over else (params.drug,)


def drug_of(plan: Plan | None, intake: Intake) -> str | None:
    """The drug ``intake`` was: its own when named, else the plan's (None without a plan)."""
    if intake.drug is not None:
        return intake.drug
    return None if plan is None else plan.params.drug


def plan_intake_drug(plan: Plan | None, typed: str, field_name: str) -> str | None:
    """A drug typed for an intake, as stored: ``None`` for the plan's own drug, else one the plan
    crosses over to; ValidationError naming ``field_name`` for any other (a brand finds its drug)."""
    drugs = plan_drugs(plan)
    own = drugs[0] if drugs else None
    # The plan's own drug is taken as named there even when the table does not know it.
    name = own if own is not None and typed.strip().lower() == own.lower() else intake_drug(typed, field_name)
    if own is None or name not in drugs:
        allowed = " or ".join(drugs) if drugs else "none (without a plan a dose names no drug)"
        raise ValidationError(field_name, typed, f"use a drug of the plan: {allowed}")
    return None if name == drugs[0] else name


def names_day_drugs(plan: Plan | None, entry: DayEntry | None) -> bool:
    """True when ``entry``'s day must be said drug by drug: its step names its drugs, or one of its
    intakes is of another drug than the plan's."""
    if plan is None:
        return False
    if entry is not None and any(i.drug is not None for i in entry.intakes):
        return True
    step = plan.step_on(entry.day) if entry is not None else None
    return step is not None and names_drugs(step)


def drug_form_on(plan: Plan | None, day: date, drug: str | None) -> Formulation | None:
    """The form ``drug`` (None: the plan's own) is measured in on ``day``: the step's own form for
    the step's drug, the stage's share form for the drug crossed over to, else that drug's form in
    the plan (the new drug's crossover form, or the plan's first form); None without a step."""
    if plan is None or drug is None or drug == plan.params.drug:
        step = plan.step_on(day) if plan is not None else None
        if step is not None and plan is not None and plan.drug_of(step) != plan.params.drug:
            return plan.params.formulation  # the old drug logged after the crossover
        return form_on(plan, day)
    step = plan.step_on(day)
    if step is None:
        return None
    if plan.drug_of(step) == drug:
        return plan.formulation_of(step)
    if step.also is not None and step.also.drug == drug:
        return step.also.formulation
    return plan.params.crossover_formulation if drug == plan.params.crossover_to else None


def planned_drug_intakes(plan: Plan | None, times: Sequence[str], day: date) -> tuple[Intake, ...]:
    """The plan's intakes for ``day``, one per drug in each intake (its drug named when not the
    plan's own), each with its usual time from ``times``; ``()`` without a plan or before it.

    A step of the plan's own drug gives one intake per planned intake, as before."""
    step = plan.step_on(day) if plan is not None else None
    if plan is None or step is None:
        return ()
    own = plan.params.drug
    result = []
    for index, parts in enumerate(intake_parts(plan, step)):
        time = times[index] if index < len(times) else None
        result += [Intake(mg, time, None if drug == own else drug) for drug, mg, _measured in parts]
    return tuple(result)


def intakes_expected(plan: Plan | None, day: date, intakes_per_day: int | None = None) -> int | None:
    """How many intakes ``day`` should hold: the plan's intakes above 0 mg that day — on a crossover
    stage an intake of two drugs (clonazepam 0.25 mg + diazepam 5 mg at 20:00) is still one intake,
    taken at one time; before the plan or without one, ``intakes_per_day`` (the number named at
    first run); None when neither says."""
    step = plan.step_on(day) if plan is not None else None
    if plan is None or step is None:
        return intakes_per_day
    if names_drugs(step):
        return sum(1 for parts in intake_parts(plan, step) if any(mg > 0 for _drug, mg, _measured in parts))
    return sum(1 for mg in step.intake_mg if mg > 0)


def intakes_logged(entry: DayEntry | None) -> int:
    """How many intakes ``entry`` holds: the rows logged at one time are one intake, whatever their
    drugs (the night's clonazepam and diazepam at 20:00 are the night's dose, and one row of either
    says it was taken); each row without a time is an intake of its own.

    Times are not matched with the plan's: a dose logged at 20:30 is the evening's."""
    if entry is None:
        return 0
    untimed = sum(1 for intake in entry.intakes if intake.time is None)
    return untimed + len({intake.time for intake in entry.intakes if intake.time is not None})


def every_intake_logged(entry: DayEntry | None, expected: int | None) -> bool:
    """True when ``entry`` holds every intake expected (:func:`intakes_expected`, counted by
    :func:`intakes_logged`; more is still every one). With nothing to take (0) or nothing known
    (None), any intake logged counts.

    The one rule for "this day's doses are all logged": the status line's "logged ✓" and its
    "1 of 2", the Log's header, and the days the report's estimated dip is worked out from. A day
    with one of two intakes logged is not complete — counting it would read the missing log as a
    dose not taken; a day whose night is logged by one of its two drugs is, or a reminder could
    prompt a second evening dose."""
    if entry is None:
        return False
    if not expected:
        return bool(entry.intakes)
    return intakes_logged(entry) >= expected


def partly_logged(logged: int, expected: int | None) -> str | None:
    """``1 of 2`` when ``logged`` intakes (:func:`intakes_logged`) are some but not all of those
    ``expected`` (:func:`intakes_expected`), else None: status and the Log's header say it alike."""
    if not expected or not 0 < logged < expected:
        return None
    return f"{logged} of {expected}"


def drug_totals(plan: Plan | None, intakes: Sequence[Intake]) -> tuple[tuple[str, Decimal], ...]:
    """Each drug's total in ``intakes``, the plan's own first, then in the order met."""
    totals: dict[str, Decimal] = {}
    if plan is not None:
        totals[plan.params.drug] = ZERO
    for intake in intakes:
        name = drug_of(plan, intake) or ""
        totals[name] = totals.get(name, ZERO) + intake.mg
    return tuple((drug, mg) for drug, mg in totals.items() if mg > 0)


def drug_totals_text(plan: Plan | None, intakes: Sequence[Intake]) -> str:
    """``clonazepam 0.5 mg + diazepam 5 mg`` (``0 mg`` when nothing was taken)."""
    parts = drug_totals(plan, intakes)
    return PART_SEPARATOR.join(f"{drug} {format_decimal(mg)} mg" for drug, mg in parts) or "0 mg"


def logged_diazepam(plan: Plan, intakes: Sequence[Intake]) -> Decimal | None:
    """≈ diazepam of ``intakes``, each by its own drug (:func:`~tui.core.step_drugs.diazepam_of`,
    as a step's is worked out); None when a drug has no figure."""
    equivalent = diazepam_of(plan, drug_totals(plan, intakes))
    return None if equivalent is None else equivalent.diazepam_mg


@dataclass(frozen=True)
class DayDose:
    """A logged day's dose against its plan, both in mg of the plan's drug or both in ≈ diazepam."""

    planned: Decimal
    taken: Decimal
    diazepam: bool
    """True when both figures are ≈ diazepam (a day of two drugs, or of the drug crossed over to)."""

    @property
    def as_planned(self) -> bool:
        """True when the day's total equals the plan's."""
        return self.taken == self.planned


def day_against_plan(plan: Plan, entry: DayEntry) -> DayDose | None:
    """``entry``'s dose against the plan's step that day (None outside the plan, or when a drug of
    the day has no figure in the plan's table): mg of the plan's drug on a day of that drug alone,
    else ≈ diazepam (module docstring)."""
    step = plan.step_on(entry.day)
    if step is None:
        return None
    if not names_day_drugs(plan, entry):
        return DayDose(step.dose_mg, entry.total_mg, diazepam=False)
    planned, taken = step_diazepam(plan, step), logged_diazepam(plan, entry.intakes)
    if planned is None or taken is None:
        return None
    return DayDose(planned.diazepam_mg, taken, diazepam=True)


def logged_drug_intakes(plan: Plan | None, entry: DayEntry) -> str:
    """What a day logged, each intake in its own drug's form, the drug named on a day of two drugs:
    ``08:00 clonazepam 0.5 mg = 1 tab · 20:00 diazepam 5 mg = 1 tab``."""
    named = names_day_drugs(plan, entry)
    texts = []
    for intake in entry.intakes:
        dose = in_measured_unit(intake.mg, drug_form_on(plan, entry.day, intake.drug))
        if named:
            dose = f"{drug_of(plan, intake)} {dose}"
        texts.append(f"{intake.time} {dose}" if intake.time else dose)
    return INTAKE_SEPARATOR.join(texts)


DIAZEPAM_CHART_UNIT = "≈ diazepam mg"
"""The unit of the Chart's dose on a plan with a crossover."""


def chart_unit(plan: Plan | None) -> str:
    """The unit the Chart plots ``plan``'s doses in: ≈ diazepam mg for a plan with a crossover
    (its days hold one drug, then two, then the other), else mg of its one drug."""
    return DIAZEPAM_CHART_UNIT if plan is not None and plan.params.crosses_over else "mg"


def chart_day_dose(plan: Plan | None, entry: DayEntry) -> Decimal | None:
    """What ``entry`` logged in :func:`chart_unit`: ≈ diazepam of each intake by its own drug on a
    plan with a crossover, else the day's total mg; None when no intake is logged (unknown, not 0)
    or a drug of the day has no figure in the plan's table."""
    if not entry.intakes:
        return None
    if plan is None or not plan.params.crosses_over:
        return entry.total_mg
    return logged_diazepam(plan, entry.intakes)


def chart_step_dose(plan: Plan, step: Step) -> Decimal | None:
    """``step``'s daily dose in :func:`chart_unit` (None when a drug in it has no figure)."""
    if not plan.params.crosses_over:
        return step.dose_mg
    equivalent = step_diazepam(plan, step)
    return None if equivalent is None else equivalent.diazepam_mg


@dataclass(frozen=True)
class DayDrugs:
    """The drugs a day's intakes may be of (a crossover day), each with the form it is measured in."""

    own: str
    """The plan's own drug (an intake of it is stored without a drug)."""
    forms: tuple[tuple[str | None, Formulation | None], ...]
    """(stored drug — ``None`` for :attr:`own` — and its form that day), the plan's own first."""
    planned: tuple[Intake, ...] = ()
    """The plan's intakes that day, one per drug of each intake (what ctrl+t fills a row with)."""

    def name(self, drug: str | None) -> str:
        """The drug's name as shown: ``clonazepam`` for ``None``."""
        return drug or self.own

    def form(self, drug: str | None) -> Formulation | None:
        """The form ``drug`` is measured in that day (``None``: mg)."""
        return dict(self.forms).get(drug)

    def after(self, drug: str | None) -> str | None:
        """The drug after ``drug`` in the plan's order, round again to the first (ctrl+t)."""
        order = [stored for stored, _form in self.forms]
        return order[(order.index(drug) + 1) % len(order)] if drug in order else order[0]

    def planned_at(self, drug: str | None, time: str) -> Intake | None:
        """The plan's intake of ``drug`` at ``time`` that day, if there is one (ctrl+t's amount)."""
        return next((i for i in self.planned if i.drug == drug and time and i.time == time), None)


def day_drugs(
    plan: Plan | None, entry: DayEntry, offered: tuple[Intake, ...], times: tuple[str, ...]
) -> DayDrugs | None:
    """The drugs ``entry``'s rows may be of, each in its form that day, with the plan's intakes
    at the usual ``times``, on a day of two drugs (docs/DOMAIN.md §3.12); ``None`` on any other
    day, whose rows read as they always did."""
    if plan is None or not names_day_drugs(plan, entry.merged(intakes=entry.intakes + offered)):
        return None
    drugs = plan_drugs(plan)
    stored = [None if drug == plan.params.drug else drug for drug in drugs]
    forms = tuple((drug, drug_form_on(plan, entry.day, drug)) for drug in stored)
    return DayDrugs(plan.params.drug, forms, planned_drug_intakes(plan, times, entry.day))
