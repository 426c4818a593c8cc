"""``taper-tui plan``'s output: the readable table (with the Schedule's signs and their legend)
and the ``--json`` document.

Rule: the table shows each step's flags as the glyph and word of :class:`~tui.core.plan_flags.PlanFlag`
with the signs present explained under it, as the Schedule does; ``--json`` keeps the stored codes
(``over_10`` …), stable for scripts. A plan holds text from the person or a file: shown, never obeyed.
"""

from __future__ import annotations

import json
from typing import Any

from tui.commands.common import out
from tui.core.doses import format_decimal
from tui.core.drugs import find_drug
from tui.core.plan_crossover import crossover_text
from tui.core.plan_flags import flag_legend, flag_summary
from tui.core.plan_model import Plan, PlanParams, Step
from tui.core.step_drugs import step_diazepam, step_intake_texts
from tui.exchange.json_export import json_for_terminal

DISCLAIMER = "For discussion with your prescriber — not medical advice."
"""Under every schedule printed or exported: the plan is for the prescriber to agree."""


def plan_json(plan: Plan, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``--json`` document: steps with exact decimal strings, warnings, projection."""
    projection = plan.projection()
    return {
        "drug": plan.params.drug,
        "drug_as_typed": plan.params.drug_as_typed,
        "half_life_hours": None if (drug := find_drug(plan.params.drug)) is None else drug.half_life_hours,
        "method": plan.params.method.value,
        "formulation": plan.params.formulation.describe(),
        "switch": _switch_json(plan.params),
        "steps": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "dose_mg": format_decimal(s.dose_mg),
                "cut_pct": format_decimal(s.cut_pct),
                "unit_dose": s.unit_dose,
                "intakes_mg": [format_decimal(mg) for mg in s.intake_mg],
                "intake_doses": list(s.intake_doses),
                "ideal_mg": None if s.ideal_mg is None else format_decimal(s.ideal_mg),
                "formulation": plan.formulation_of(s).describe(),
                "flags": list(s.flag_codes),
                "notes": [f.text for f in s.flags],
                **(_crossover_step_json(plan, s) if plan.params.crosses_over else {}),
            }
            for s in plan.steps
        ],
        **({"crossover": _crossover_json(plan.params)} if plan.params.crosses_over else {}),
        "warnings": plan.warnings(),
        "confirmations_needed": plan.confirmations_needed(),
        "start_date": projection.start.isoformat(),
        "end_date": projection.end_date.isoformat(),
        "total_days": projection.total_days,
        "step_count": projection.steps,
        "cut_count": projection.cuts,
        "diazepam_equivalents": [
            {"diazepam_mg": format_decimal(e.diazepam_mg), "source": e.source} for e in projection.diazepam
        ],
        "disclaimer": DISCLAIMER,
        **(extra or {}),
    }


def _switch_json(params: PlanParams) -> dict[str, str] | None:
    """``{"below_mg": "1.25", "formulation": "liquid 0.1 mg/mL …"}`` for a plan that switches form."""
    if params.switch_below_mg is None or params.then_formulation is None:
        return None
    return {"below_mg": format_decimal(params.switch_below_mg), "formulation": params.then_formulation.describe()}


def _crossover_json(params: PlanParams) -> dict[str, Any]:
    """The crossover's parameters for ``--json`` (only for a plan with one)."""
    assert params.crossover_formulation is not None
    return {
        "to": params.crossover_to,
        "stages": params.crossover_stages,
        "every_days": params.crossover_every,
        "first_intake": None if params.crossover_first is None else params.crossover_first + 1,
        "equivalence": params.equivalence,
        "formulation": params.crossover_formulation.describe(),
    }


def _crossover_step_json(plan: Plan, step: Step) -> dict[str, Any]:
    """A step's drugs for ``--json``: its own drug, the new drug's share, and ≈ diazepam."""
    diazepam = step_diazepam(plan, step)
    return {
        "drug": plan.drug_of(step),
        "also": None
        if step.also is None
        else {
            "drug": step.also.drug,
            "intakes_mg": [format_decimal(mg) for mg in step.also.intake_mg],
            "intake_doses": list(step.also.intake_doses),
        },
        "intake_texts": list(step_intake_texts(plan, step)),
        "diazepam_mg": None if diazepam is None else format_decimal(diazepam.diazepam_mg),
    }


def switch_text(params: PlanParams) -> str:
    """``; below 1.25 mg: liquid 0.1 mg/mL …`` (empty for one form)."""
    switch = _switch_json(params)
    return f"; below {switch['below_mg']} mg: {switch['formulation']}" if switch else ""


def plan_table(plan: Plan) -> str:
    """The readable schedule: one line per step, then projection and warnings."""
    p = plan.params
    lines = [f"{p.drug_label}: {p.pace_text()}; {p.formulation.describe()}{switch_text(p)}{crossover_text(p)}"]
    drug = find_drug(p.drug)
    if drug is not None:
        lines.append(f"{drug.name}: {drug.half_life_text()}.")
    lines += [DISCLAIMER, ""]
    crossing = p.crosses_over
    rows = [("#", "from", "to", "mg/day", "measured", "cut %", "flags")]
    if crossing:  # docs/DOMAIN.md §3.12: every intake names its drug(s); ≈ diazepam shows the level kept
        rows = [("#", "from", "to", "each intake (· between intakes)", "≈ diazepam mg/day", "cut %", "flags")]
    for number, s in enumerate(plan.steps, start=1):
        if crossing:
            diazepam = step_diazepam(plan, s)
            dose = " · ".join(step_intake_texts(plan, s))
            measured = "" if diazepam is None else format_decimal(diazepam.diazepam_mg)
        else:
            dose = format_decimal(s.dose_mg)
            measured = s.unit_dose if len(s.intake_doses) == 1 else " + ".join(s.intake_doses)
        rows.append(
            (
                str(number),
                s.start.isoformat(),
                s.end.isoformat(),
                dose,
                measured,
                format_decimal(s.cut_pct),
                flag_summary(s.flag_codes),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    # The signs in the flags column, explained once under the table as the Schedule does.
    legend = flag_legend((code for step in plan.steps for code in step.flag_codes), separator="\n  ")
    if legend:
        lines += ["Signs:", f"  {legend}"]
    projection = plan.projection()
    lines += [
        "",
        f"{projection.steps} steps ({projection.cuts} cuts), {projection.start.isoformat()} → "
        f"{projection.end_date.isoformat()} ({projection.total_days} days); final dose {format_decimal(projection.final_mg)} mg.",
    ]
    for equivalent in projection.diazepam:
        lines.append(f"Start dose {equivalent.describe()}.")
    warnings = plan.warnings()
    if warnings:
        lines += ["", "Warnings:"] + [f"  - {w}" for w in warnings]
    return "\n".join(lines)


def print_plan(plan: Plan, as_json: bool, extra: dict[str, Any] | None = None) -> None:
    """Print the plan as the table (and a hold suggestion or where it was saved) or as ``--json``."""
    # A plan holds text from the person or a file (the drug as typed, notes): shown, never obeyed.
    if as_json:
        print(json_for_terminal(json.dumps(plan_json(plan, extra), ensure_ascii=False, indent=2)))
    else:
        out(plan_table(plan))
        for key, value in (extra or {}).items():
            if value and key in ("hold_suggestion", "saved_to"):
                out(f"\n{value}" if key == "hold_suggestion" else f"\nSaved as the active plan in {value}")
