"""One way in for a plan: typed text → :class:`PlanParams`, with one set of bounds and one message.

The CLI (``taper-tui plan``), the first-run questions and the plan editor all read a plan from
text fields (:mod:`tui.core.plan_fields` defines them, :mod:`tui.core.plan_field_parsers` reads
each one). This module holds the rule for the whole plan: which fields a method reads, how the
intakes at the start are shared (with none given the day's dose is split evenly, as
:func:`tui.core.plan_intakes.even_split` says), and that nothing typed raises anything but
:class:`PlanInputError` — every other problem (a planner rule, a formulation that cannot be
built) is translated into one, naming its field. Field names, bounds and parsers are re-exported
here, so a surface needs this one module.

A known drug or brand name (any case) is stored as the drug, with a brand kept as typed beside
it (``Klonopin`` → clonazepam, shown ``clonazepam (Klonopin)``); any other name is kept as typed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tui.core.doses import format_decimal
from tui.core.drugs import drug_names, equivalence_key
from tui.core.formulations import Formulation

# Every field, bound and parser is re-exported: the CLI, onboarding and the editor read them here.
from tui.core.plan_field_parsers import bands_text as bands_text
from tui.core.plan_field_parsers import custom_text as custom_text
from tui.core.plan_field_parsers import form_kind_given as form_kind_given
from tui.core.plan_field_parsers import optional_mg as optional_mg
from tui.core.plan_field_parsers import parse_bands as parse_bands
from tui.core.plan_field_parsers import parse_custom as parse_custom
from tui.core.plan_field_parsers import parse_custom_intakes as parse_custom_intakes
from tui.core.plan_field_parsers import parse_cut as parse_cut
from tui.core.plan_field_parsers import parse_date_text as parse_date_text
from tui.core.plan_field_parsers import parse_drug as parse_drug
from tui.core.plan_field_parsers import parse_formulation as parse_formulation
from tui.core.plan_field_parsers import parse_int_field as parse_int_field
from tui.core.plan_field_parsers import parse_method as parse_method
from tui.core.plan_field_parsers import parse_mg_field as parse_mg_field
from tui.core.plan_field_parsers import parse_order as parse_order
from tui.core.plan_field_parsers import parse_percent_field as parse_percent_field
from tui.core.plan_field_parsers import parse_split as parse_split
from tui.core.plan_fields import BELOW as BELOW
from tui.core.plan_fields import BY_CORE_NAME as BY_CORE_NAME
from tui.core.plan_fields import CROSSOVER_EVERY as CROSSOVER_EVERY
from tui.core.plan_fields import CROSSOVER_FIRST as CROSSOVER_FIRST
from tui.core.plan_fields import CROSSOVER_STAGES as CROSSOVER_STAGES
from tui.core.plan_fields import CROSSOVER_TO as CROSSOVER_TO
from tui.core.plan_fields import CUSTOM as CUSTOM
from tui.core.plan_fields import CUT as CUT
from tui.core.plan_fields import CUT_FIRST as CUT_FIRST
from tui.core.plan_fields import CUT_HIGH as CUT_HIGH
from tui.core.plan_fields import CUT_LOW as CUT_LOW
from tui.core.plan_fields import DOSE as DOSE
from tui.core.plan_fields import DROPS as DROPS
from tui.core.plan_fields import DRUG as DRUG
from tui.core.plan_fields import EARLIEST_DATE as EARLIEST_DATE
from tui.core.plan_fields import EC50 as EC50
from tui.core.plan_fields import EMAX as EMAX
from tui.core.plan_fields import EQUIVALENCE as EQUIVALENCE
from tui.core.plan_fields import EVERY as EVERY
from tui.core.plan_fields import FIELDS as FIELDS
from tui.core.plan_fields import FIRST_FORM as FIRST_FORM
from tui.core.plan_fields import FORM as FORM
from tui.core.plan_fields import FORM_KINDS as FORM_KINDS
from tui.core.plan_fields import HOLD as HOLD
from tui.core.plan_fields import INCREMENT as INCREMENT
from tui.core.plan_fields import INTAKES as INTAKES
from tui.core.plan_fields import JUMP_OFF as JUMP_OFF
from tui.core.plan_fields import KINDS as KINDS
from tui.core.plan_fields import LATEST_DATE as LATEST_DATE
from tui.core.plan_fields import LINEAR as LINEAR
from tui.core.plan_fields import LIQUID as LIQUID
from tui.core.plan_fields import MAX_DRUG_CHARS as MAX_DRUG_CHARS
from tui.core.plan_fields import MAX_INTAKES as MAX_INTAKES
from tui.core.plan_fields import METHOD as METHOD
from tui.core.plan_fields import ORDER as ORDER
from tui.core.plan_fields import PIECES as PIECES
from tui.core.plan_fields import RESOLUTION as RESOLUTION
from tui.core.plan_fields import SCALE as SCALE
from tui.core.plan_fields import SLOWER_CUT as SLOWER_CUT
from tui.core.plan_fields import SPLIT as SPLIT
from tui.core.plan_fields import START as START
from tui.core.plan_fields import STEPS as STEPS
from tui.core.plan_fields import SWITCH_BELOW as SWITCH_BELOW
from tui.core.plan_fields import TABLET as TABLET
from tui.core.plan_fields import TABLET_WEIGHT as TABLET_WEIGHT
from tui.core.plan_fields import TARGET as TARGET
from tui.core.plan_fields import THEN_DROPS as THEN_DROPS
from tui.core.plan_fields import THEN_FORM as THEN_FORM
from tui.core.plan_fields import THEN_FORM_FIELDS as THEN_FORM_FIELDS
from tui.core.plan_fields import THEN_KINDS as THEN_KINDS
from tui.core.plan_fields import THEN_TABLET as THEN_TABLET
from tui.core.plan_fields import TIMES as TIMES
from tui.core.plan_fields import TO_DROPS as TO_DROPS
from tui.core.plan_fields import TO_FORM as TO_FORM
from tui.core.plan_fields import TO_FORM_FIELDS as TO_FORM_FIELDS
from tui.core.plan_fields import TO_KINDS as TO_KINDS
from tui.core.plan_fields import TO_TABLET as TO_TABLET
from tui.core.plan_fields import FormFields as FormFields
from tui.core.plan_fields import FormKind as FormKind
from tui.core.plan_fields import PlanField as PlanField
from tui.core.plan_fields import PlanInputError as PlanInputError
from tui.core.plan_fields import Surface as Surface
from tui.core.plan_fields import Text as Text
from tui.core.plan_fields import field_text as field_text
from tui.core.plan_fields import given as given
from tui.core.plan_fields import translated as translated
from tui.core.plan_fields import value_or_default as value_or_default
from tui.core.plan_intakes import even_split
from tui.core.plan_model import MAX_STEP_DAYS, Method, Plan, PlanParams
from tui.core.plan_params import MAX_CROSSOVER_STAGES
from tui.core.validation import ValidationError


def _intake_amounts(
    text: Text, dose: Decimal, formulation: Formulation, method: Method
) -> tuple[tuple[Decimal, ...], int]:
    """Each intake's mg at the start (``()`` for one intake) and the intake cut first (0-based)."""
    split = parse_split(text)
    count = parse_int_field(text, INTAKES, 1, MAX_INTAKES) if given(text, INTAKES) else len(split) or 1
    if split and len(split) != count:
        raise PlanInputError(
            SPLIT,
            field_text(text, SPLIT),
            f"give {count} amounts, one per intake (or leave it empty for an even split)",
        )
    cut_first = parse_int_field(text, CUT_FIRST, 1, count) - 1
    if split:
        if sum(split) != dose:
            raise PlanInputError(
                SPLIT, field_text(text, SPLIT), f"the intakes must add up to the daily dose ({format_decimal(dose)} mg)"
            )
        return (split if len(split) > 1 else ()), cut_first
    if count == 1:
        return (), cut_first
    if method is Method.CUSTOM and not formulation.is_measurable(dose):
        return (), cut_first
    try:
        amounts = even_split(dose, count, formulation, cut_first)
    except ValidationError as error:
        raise PlanInputError(DOSE, field_text(text, DOSE), error.allowed) from None
    if sum(amounts) != dose:  # only a scale's increments can lack a finite decimal
        allowed = f"{format_decimal(dose)} mg cannot be split evenly in this form; give each intake's mg"
        raise PlanInputError(SPLIT, field_text(text, SPLIT), allowed)
    return amounts, cut_first


def _second_form(text: Text, then_kind: str | None) -> tuple[Decimal | None, Formulation | None]:
    """docs/DOMAIN.md §3.11: the switch dose and the second form, or ``(None, None)`` for one form.

    ``then_kind`` is the editor's choice; the CLI's is read from which ``--then-…`` flags were given.
    A second form's flags without ``--switch-below`` (or the reverse) is a mistake, said so.
    """
    if not given(text, SWITCH_BELOW):
        # The CLI's --then-… flags without the switch dose; the editor's hidden fields are no mistake.
        if then_kind is None and form_kind_given(text, THEN_FORM_FIELDS) is not None:
            raise PlanInputError(SWITCH_BELOW, "", "the dose in mg below which the second form is used, e.g. 1.25")
        return None, None
    below = parse_mg_field(text, SWITCH_BELOW, positive=True)
    kind = then_kind or form_kind_given(text, THEN_FORM_FIELDS)
    if kind is None:
        raise PlanInputError(THEN_FORM, "", "the second form too, e.g. --then-liquid 0.1 --then-resolution 0.01")
    return below, parse_formulation(kind, text, THEN_FORM_FIELDS)


_CROSSOVER_DETAILS = (CROSSOVER_STAGES, CROSSOVER_EVERY, CROSSOVER_FIRST, EQUIVALENCE)


def _crossover(text: Text, to_kind: str | None, intakes: int) -> dict[str, object]:
    """docs/DOMAIN.md §3.12: the crossover fields, or none for a plan of one drug.

    ``to_kind`` is the editor's choice of the new drug's form; the CLI's is read from which
    ``--to-…`` flags were given. Crossover flags without ``--crossover-to`` are a mistake, said so.
    """
    if not given(text, CROSSOVER_TO):
        stray = [f for f in _CROSSOVER_DETAILS if given(text, f)]
        if to_kind is None and (stray or form_kind_given(text, TO_FORM_FIELDS) is not None):
            raise PlanInputError(CROSSOVER_TO, "", "the drug to cross over to as well, e.g. diazepam")
        return {}
    to, _ = drug_names(field_text(text, CROSSOVER_TO))
    raw = value_or_default(text, EQUIVALENCE)
    equivalence = equivalence_key(raw)
    if equivalence is None:
        raise PlanInputError(EQUIVALENCE, raw, f"use {EQUIVALENCE.hint}")
    kind = to_kind or form_kind_given(text, TO_FORM_FIELDS)
    if kind is None:
        raise PlanInputError(TO_FORM, "", "how the new drug is measured too, e.g. --to-tablet 5 --to-split 2")
    return {
        "crossover_to": to,
        "crossover_stages": parse_int_field(text, CROSSOVER_STAGES, 1, MAX_CROSSOVER_STAGES),
        "crossover_every": parse_int_field(text, CROSSOVER_EVERY, 1, MAX_STEP_DAYS),
        "crossover_first": parse_int_field(text, CROSSOVER_FIRST, 1, intakes) - 1
        if given(text, CROSSOVER_FIRST)
        else None,
        "equivalence": equivalence,
        "crossover_formulation": parse_formulation(kind, text, TO_FORM_FIELDS),
    }


def params_from_text(
    text: Text,
    today: date,
    kind: str | None = None,
    lengthen: bool = False,
    then_kind: str | None = None,
    to_kind: str | None = None,
) -> PlanParams:
    """Read every field into :class:`PlanParams`; :class:`PlanInputError` names the first bad one.

    ``kind`` is the way of measuring (the editor's choice); ``None`` infers it from which
    fields were given (the CLI's flags, see :func:`form_kind_given`). ``lengthen`` lengthens a
    step instead of taking a bigger one-increment cut (a switch, not text). ``then_kind`` is the
    second form's kind below ``switch_below`` (the editor's choice; ``None``: from the flags);
    ``to_kind`` likewise the form of the drug crossed over to.
    """
    method = parse_method(text)
    custom = parse_custom(text, today) if given(text, CUSTOM) else ()
    if method is Method.CUSTOM and not custom:
        raise PlanInputError(CUSTOM, field_text(text, CUSTOM), CUSTOM.hint)
    if custom and not given(text, DOSE):
        dose = max(mg for _, mg in custom)
    else:
        dose = parse_mg_field(text, DOSE, positive=True)
    if given(text, START):
        start = parse_date_text(START, field_text(text, START), today)
    else:
        start = custom[0][0] if custom else today
    formulation = parse_formulation(kind or form_kind_given(text) or "increment", text)
    switch_below, then_formulation = _second_form(text, then_kind)
    split, cut_first = _intake_amounts(text, dose, formulation, method)
    occupancy = method is Method.OCCUPANCY
    drug, as_typed = drug_names(parse_drug(text))
    return PlanParams(
        drug=drug,
        drug_as_typed=as_typed,
        start=start,
        dose_mg=dose,
        formulation=formulation,
        method=method,
        cut_pct=parse_cut(text),
        step_days=parse_int_field(text, EVERY, 1, MAX_STEP_DAYS),
        hold_days=parse_int_field(text, HOLD, 0, MAX_STEP_DAYS),
        split=split,
        cut_first=cut_first,
        jump_off_mg=optional_mg(text, JUMP_OFF),
        target_mg=parse_mg_field(text, TARGET),
        linear_mg=optional_mg(text, LINEAR, positive=True),
        emax_pct=parse_percent_field(text, EMAX, Decimal("0.01"), Decimal(100))
        if occupancy or given(text, EMAX)
        else None,
        ec50_mg=parse_mg_field(text, EC50, positive=True) if occupancy or given(text, EC50) else None,
        occupancy_steps=parse_int_field(text, STEPS, 1, 200),
        custom=custom if method is Method.CUSTOM else (),
        custom_intakes=parse_custom_intakes(text, today) if method is Method.CUSTOM and custom else (),
        order=parse_order(text),
        bands=parse_bands(text) if method in (Method.PROPORTIONAL, Method.LINEAR) else (),
        lengthen_steps=lengthen,
        switch_below_mg=switch_below,
        then_formulation=then_formulation,
        **_crossover(text, to_kind, len(split) or 1),  # type: ignore[arg-type]
    )


def plan_from_text(
    text: Text,
    today: date,
    kind: str | None = None,
    lengthen: bool = False,
    then_kind: str | None = None,
    to_kind: str | None = None,
) -> Plan:
    """:func:`params_from_text`, then the plan; a planner rule broken is a PlanInputError too."""
    params = params_from_text(text, today, kind, lengthen, then_kind, to_kind)
    try:
        # Imported here: the settings read this module's bounds, and `taper-tui status` reads the
        # settings in a shell prompt, where the planner's import is not wanted.
        from tui.core.planner import build_plan

        return build_plan(params)
    except ValidationError as error:
        field = BY_CORE_NAME.get(error.field, DOSE)
        raise PlanInputError(field, field_text(text, field) or str(error.value), error.allowed) from None
