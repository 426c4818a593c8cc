"""Which form a day is measured in, and a plan's forms in words (docs/DOMAIN.md §3.6, §3.11).

A plan may switch form partway (tablets until they are too coarse, then a liquid): every step
knows its own form (:meth:`Plan.formulation_of`), so a day's measured amounts — planned or
logged — are said in the form of the step that day belongs to, never in the plan's first form
after the switch. A day before the plan's latest (re)planning, in a step of the plan's first
form, is said in mg alone: a re-plan may have changed the form, and the earlier one is not kept,
so that day is never said in a unit it may not have had.

Every display (Schedule, Today, History, the report, supply) asks :func:`form_on`; every header
that names how the plan is measured says :func:`forms_text`, so both forms and the switch dose
(and, once the plan is dated, the switch day) read the same everywhere.
"""

from __future__ import annotations

from datetime import date

from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_model import Plan


def form_on(plan: Plan | None, day: date) -> Formulation | None:
    """The form ``day``'s amounts are measured in (see the module docstring); None without a plan,
    before it, or on a day whose form is not known."""
    if plan is None:
        return None
    step = plan.step_on(day)
    if step is None or (step.formulation is None and day < plan.params.start):
        return None
    return plan.formulation_of(step)


def switch_day(plan: Plan) -> date | None:
    """The first day measured in the plan's second form (None for a plan of one form)."""
    if not plan.params.switches:
        return None
    return next((step.start for step in plan.steps if step.formulation is not None), None)


def forms_text(plan: Plan) -> str:
    """``0.5 mg tablet, split in 4 (…) until 1.25 mg, then liquid 0.1 mg/mL … from 2027-03-29``;
    the one form's description for a plan that does not switch."""
    params = plan.params
    first = params.formulation.describe()
    if not params.switches:
        return first
    assert params.switch_below_mg is not None and params.then_formulation is not None
    day = switch_day(plan)
    when = f" from {day.isoformat()}" if day is not None else ""
    below = format_decimal(params.switch_below_mg)
    return f"{first} until {below} mg, then {params.then_formulation.describe()}{when} (below {below} mg)"


def drug_forms_text(plan: Plan) -> str:
    """:func:`forms_text`, each drug's form named on a plan with a crossover (docs/DOMAIN.md §3.12):
    ``lorazepam: 1 mg tablet, whole (…); diazepam: 5 mg tablet, split in 2 (…)`` — the first drug's
    form alone would leave the second drug's measure unsaid."""
    params = plan.params
    if not params.crosses_over or params.crossover_formulation is None:
        return forms_text(plan)
    return f"{params.drug}: {forms_text(plan)}; {params.crossover_to}: {params.crossover_formulation.describe()}"
