"""A crossover to another drug in stages, then the taper of that drug (docs/DOMAIN.md §3.12).

Rule: the Ashton Manual's and NHS Scotland's crossovers replace the drug taken now by its
equivalent of the drug crossed over to (usually diazepam) one intake at a time, the evening
intake first, in stages of ``crossover_every`` days, so the day's ≈ diazepam total stays level;
the 2025 joint guideline (Table 7 note) asks for a switch "over 1–2 weeks rather than 1–2 days".

* Stages are shared between the intakes in proportion to their doses (at least one each), and
  each intake's dose between its stages in whole increments of the current form, so each stage
  replaces part of one intake only. Intakes are replaced from ``crossover_first`` (default the
  last of the day) backwards.
* The replaced amount is converted with the chosen table (Ashton or VA/DoD) and measured in the
  new drug's own form. An intake fully replaced must be exactly measurable there (checked); one
  part-way is rounded **down** to that form, so the ≈ diazepam total is never above the total
  before the crossover and never more than one increment of the new form below it.
* After the last stage the plan tapers the new drug from its crossed-over dose and intakes by the
  plan's method, pace, bands, jump-off and target (all in mg of the new drug).

A crossover stage's cut % is measured in ≈ the new drug against the day's total before the
crossover (0 when level); its note names the stage and the ≈ total with its source.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from tui.core.doses import ZERO, format_decimal
from tui.core.drug_share import DrugShare
from tui.core.drugs import equivalence_source, equivalent_mg, find_drug
from tui.core.formulations import Formulation, fraction_to_decimal
from tui.core.plan_intakes import split_units
from tui.core.plan_model import MAX_STEP_DAYS, Method, Plan, PlanParams, Step
from tui.core.plan_params import MAX_CROSSOVER_STAGES
from tui.core.step_flags import percent_of
from tui.core.validation import ValidationError


def crossover_ratio(params: PlanParams) -> Fraction:
    """mg of the new drug per mg of the drug taken now, from the chosen equivalence table."""
    source = equivalence_source(params.equivalence)
    if source is None:
        raise ValidationError("equivalence", params.equivalence, "use ashton or va-dod")
    if find_drug(params.crossover_to) is None:
        raise ValidationError("crossover-to", params.crossover_to, "use a drug with a known equivalent, e.g. diazepam")
    now, new = equivalent_mg(params.drug, source), equivalent_mg(params.crossover_to, source)
    if now is None or new is None:
        missing = params.drug if now is None else params.crossover_to
        raise ValidationError("equivalence", params.equivalence, f"this table gives no figure for {missing}")
    return Fraction(new) / Fraction(now)


def _intake_units(params: PlanParams) -> tuple[int, ...]:
    """Each intake's units of the current form at the start (one intake when no split)."""
    form = params.formulation
    return tuple(form.units_of(mg) or 0 for mg in params.weights)


def _stage_chunks(params: PlanParams) -> list[tuple[int, int]]:
    """(intake index, units of the current form replaced) for each stage, in order."""
    units = _intake_units(params)
    count = len(units)
    first = count - 1 if params.crossover_first is None else params.crossover_first
    if not 0 <= first < count:
        raise ValidationError("crossover-first", first + 1, f"use an intake number from 1 to {count}")
    order = [(first - offset) % count for offset in range(count)]
    taken = [i for i in order if units[i] > 0]
    stages = params.crossover_stages
    if not len(taken) <= stages <= MAX_CROSSOVER_STAGES:
        raise ValidationError(
            "crossover-stages", stages, f"use from {len(taken)} (one per intake) to {MAX_CROSSOVER_STAGES} stages"
        )
    # One stage for each intake taken, the rest shared in proportion to the intakes' doses.
    extra = split_units(stages - len(taken), tuple(Fraction(units[i]) for i in taken), len(taken))
    chunks: list[tuple[int, int]] = []
    for index, more in zip(taken, extra, strict=True):
        parts = 1 + more
        if units[index] < parts:
            raise ValidationError(
                "crossover-stages",
                stages,
                f"intake {index + 1} ({format_decimal(params.weights[index])} mg) cannot be replaced in {parts} "
                "measurable parts: use fewer stages or a finer form",
            )
        chunks.extend((index, part) for part in split_units(units[index], (Fraction(1),) * parts, parts))
    return chunks


def validate_crossover(params: PlanParams) -> None:
    """Raise :class:`ValidationError` naming the crossover parameter that cannot be used."""
    if params.method is Method.CUSTOM:
        raise ValidationError("crossover-to", params.crossover_to, "a crossover tapers by a method, not a custom list")
    if find_drug(params.crossover_to) is not None and find_drug(params.crossover_to) == find_drug(params.drug):
        raise ValidationError("crossover-to", params.crossover_to, f"use a drug other than {params.drug}")
    if not 1 <= params.crossover_every <= MAX_STEP_DAYS:
        raise ValidationError("crossover-every", params.crossover_every, f"use from 1 to {MAX_STEP_DAYS} days")
    if params.crossover_formulation is None:
        raise ValidationError("crossover-form", "", "give how the new drug is measured, e.g. --to-tablet 5")
    form = params.formulation
    if params.dose_mg <= 0 or not form.is_measurable(params.dose_mg):
        raise ValidationError(
            "dose", format_decimal(params.dose_mg), f"use a dose above 0 the form can measure ({form.describe()})"
        )
    if any(mg < 0 or not form.is_measurable(mg) for mg in params.split):
        raise ValidationError(
            "split-doses",
            ",".join(map(format_decimal, params.split)),
            f"each intake must be measurable ({form.describe()})",
        )
    if not 0 <= params.hold_days <= MAX_STEP_DAYS:
        raise ValidationError("hold", params.hold_days, f"use a hold from 0 to {MAX_STEP_DAYS} days")
    ratio = crossover_ratio(params)
    new_form = params.crossover_formulation
    for number, mg in enumerate(params.weights, 1):
        if not new_form.is_measurable(Fraction(mg) * ratio):
            raise ValidationError(
                "crossover-form",
                new_form.describe(),
                f"intake {number} ({format_decimal(mg)} mg {params.drug}) ≈ "
                f"{format_decimal(fraction_to_decimal(Fraction(mg) * ratio))} mg {params.crossover_to}, "
                "which this form cannot measure: use a finer form",
            )
    _stage_chunks(params)


def taper_params(params: PlanParams, intakes_mg: tuple[Decimal, ...]) -> PlanParams:
    """The plan's parameters for the taper after the crossover: the new drug, its form, its
    crossed-over intakes; no hold (the last stage is the hold), no crossover."""
    assert params.crossover_formulation is not None
    return replace(
        params,
        drug=params.crossover_to,
        drug_as_typed="",
        dose_mg=sum(intakes_mg, ZERO),
        formulation=params.crossover_formulation,
        split=intakes_mg if len(intakes_mg) > 1 else (),
        hold_days=0,
        crossover_to="",
        crossover_formulation=None,
    )


def crossover_steps(params: PlanParams, first_day: date) -> tuple[list[Step], tuple[int, ...]]:
    """The hold (if any) and the crossover stages from ``first_day``, and the new drug's units
    per intake after the last stage."""
    validate_crossover(params)
    form = params.formulation
    new_form = params.crossover_formulation
    assert new_form is not None
    ratio = crossover_ratio(params)
    source = equivalence_source(params.equivalence)
    old = list(_intake_units(params))
    replaced = [Fraction(0)] * len(old)  # mg of the current drug replaced, per intake
    level = sum(old) * form.increment * ratio  # the day's total before the crossover, in mg of the new drug
    steps: list[Step] = []
    day = first_day
    if params.hold_days > 0:
        steps.append(_old_step(form, tuple(old), day, params.hold_days, ZERO, "", None))
        day += timedelta(days=params.hold_days)
    chunks = _stage_chunks(params)
    new_units: tuple[int, ...] = ()
    for number, (index, part) in enumerate(chunks, 1):
        old[index] -= part
        replaced[index] += part * form.increment
        # Rounded down to the new form: never above the level, less than one increment below it.
        new_units = tuple(_units_down(new_form, mg * ratio) for mg in replaced)
        total = sum(old) * form.increment * ratio + sum(new_units) * new_form.increment
        cut = percent_of(level - total, level) if total < level else ZERO
        note = (
            f"crossover stage {number} of {len(chunks)}: {params.drug} → {params.crossover_to}, "
            f"≈ {format_decimal(fraction_to_decimal(total))} mg {params.crossover_to} a day ({source})"
        )
        share = DrugShare(params.crossover_to, new_form, new_units)
        if sum(old):
            steps.append(_old_step(form, tuple(old), day, params.crossover_every, cut, note, share))
        else:
            steps.append(_new_step(params, new_form, new_units, day, cut, note))
        day += timedelta(days=params.crossover_every)
    return steps, new_units


def _units_down(form: Formulation, mg: Fraction) -> int:
    """Whole increments of ``form`` at or below ``mg``."""
    exact = mg / form.increment
    return exact.numerator // exact.denominator


def _old_step(
    form: Formulation, intakes: tuple[int, ...], day: date, days: int, cut: Decimal, note: str, also: DrugShare | None
) -> Step:
    """A step of the drug taken now (with the new drug's share beside it during a stage)."""
    units = sum(intakes)
    unit_dose = form.unit_text(units)
    return Step(
        start=day,
        end=day + timedelta(days=days - 1),
        units=units,
        increment=form.increment,
        intake_units=intakes,
        unit_dose=unit_dose,
        intake_doses=(unit_dose,) if len(intakes) == 1 else tuple(form.unit_text(u) for u in intakes),
        cut_pct=cut,
        note=note,
        also=also,
    )


def _new_step(
    params: PlanParams, form: Formulation, intakes: tuple[int, ...], day: date, cut: Decimal, note: str
) -> Step:
    """The last stage: the new drug alone, in its own form."""
    step = _old_step(form, intakes, day, params.crossover_every, cut, note, None)
    return replace(step, drug=params.crossover_to, formulation=form)


def params_to_continue(plan: Plan, day: date) -> PlanParams:
    """The parameters a re-plan from ``day`` starts from: once the crossover is complete, a plan of
    the new drug from the intakes taken then (its doses are never read as the first drug's);
    before or during it, the plan's own, from its starting dose (the crossover entered again keeps
    the ≈ diazepam day level)."""
    step = plan.step_on(day)
    if not plan.params.crosses_over or step is None or step.also is not None or not step.drug:
        return plan.params
    return taper_params(plan.params, step.intake_mg)


def mid_crossover(plan: Plan, day: date) -> bool:
    """True when ``day`` falls before the crossover of ``plan`` is complete (re-plans start from the
    plan's own dose then)."""
    step = plan.step_on(day)
    return plan.params.crosses_over and (step is None or step.also is not None or not step.drug)


def crossover_text(params: PlanParams) -> str:
    """``; first a crossover to diazepam in 4 stages of 7 days (Ashton Manual (2002)), measured as …``."""
    if not params.crosses_over or params.crossover_formulation is None:
        return ""
    return (
        f"; first a crossover to {params.crossover_to} in {params.crossover_stages} stages of "
        f"{params.crossover_every} days ({equivalence_source(params.equivalence)}), the taper then in "
        f"{params.crossover_to}, {params.crossover_formulation.describe()}"
    )
