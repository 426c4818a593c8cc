"""``taper-tui plan``'s output: the readable table (with the Schedule's signs and their legend)
and the ``--json`` document.

Rule: the table shows each step's flags as the glyph and word of :class:`~tui.core.plan_flags.PlanFlag`
with the signs present explained under it, as the Schedule does; ``--json`` keeps the stored codes
(``over_10`` …), stable for scripts. A plan holds text from the person or a file: shown, never obeyed.
A crossover's steps are each a line, then the day's ≈ diazepam and one intake a line under it
(:mod:`tui.core.step_rows`), so it reads at 80 columns; a plan of one drug keeps its one-line rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tui.commands.common import out
from tui.core.doses import format_decimal
from tui.core.drugs import find_drug
from tui.core.plan_crossover import crossover_text
from tui.core.plan_flags import flag_legend, flag_summary
from tui.core.plan_model import Plan, PlanParams, Step
from tui.core.step_drugs import step_diazepam, step_intake_texts
from tui.core.step_rows import crossover_step_lines, steps_and_cuts
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
    if p.crosses_over:
        lines += crossover_rows(plan)
    else:
        lines += step_rows(plan)
    # The signs in the flags column, explained once under the table as the Schedule does.
    legend = flag_legend((code for step in plan.steps for code in step.flag_codes), separator="\n  ")
    if legend:
        lines += ["Signs:", f"  {legend}"]
    projection = plan.projection()
    lines += [
        "",
        f"{steps_and_cuts(projection)}, {projection.start.isoformat()} → "
        f"{projection.end_date.isoformat()} ({projection.total_days} days); final dose {format_decimal(projection.final_mg)} mg.",
    ]
    for equivalent in projection.diazepam:
        lines.append(f"Start dose {equivalent.describe()}.")
    warnings = plan.warnings()
    if warnings:
        lines += ["", "Warnings:"] + [f"  - {w}" for w in warnings]
    return "\n".join(lines)


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows as columns padded to their widest cell, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def step_rows(plan: Plan) -> list[str]:
    """A plan of one drug: one line per step, its daily mg and what is measured."""
    rows = [("#", "from", "to", "mg/day", "measured", "cut %", "flags")]
    for number, s in enumerate(plan.steps, start=1):
        measured = s.unit_dose if len(s.intake_doses) == 1 else " + ".join(s.intake_doses)
        cut = format_decimal(s.cut_pct)
        rows.append(
            (
                str(number),
                s.start.isoformat(),
                s.end.isoformat(),
                format_decimal(s.dose_mg),
                measured,
                cut,
                flag_summary(s.flag_codes),
            )
        )
    return _aligned(rows)


CROSSOVER_INDENT = "    "
"""How far a crossover step's day and intakes sit in under its line."""

CROSSOVER_WIDTH = 80
"""The terminal a crossover's table is laid out for: a step's flags wrap, in their column, to fit."""


def _flag_lines(codes: tuple[str, ...], room: int) -> list[str]:
    """A step's flags packed into lines of at most ``room`` cells, a flag never split (its glyph
    and word stay together)."""
    lines: list[str] = []
    for flag in (flag_summary((code,)) for code in codes):
        if lines and len(lines[-1]) + 1 + len(flag) <= room:
            lines[-1] += f" {flag}"
        else:
            lines.append(flag)
    return lines or [""]


def crossover_rows(plan: Plan) -> list[str]:
    """A crossover (docs/DOMAIN.md §3.12): each step's line, then under it the day's ≈ diazepam,
    labelled, and one numbered intake a line, each naming its drug(s), as the Schedule shows
    them. On one line the intakes made a table of about 170 columns, and wrapped at 80 the
    ≈ diazepam figure read as part of an intake."""
    rows = [("#", "from", "to", "cut %")]
    rows += [
        (str(number), s.start.isoformat(), s.end.isoformat(), format_decimal(s.cut_pct))
        for number, s in enumerate(plan.steps, start=1)
    ]
    header, *aligned = _aligned(rows)
    offset = max(len(line) for line in [header, *aligned]) + 2  # where the flags column starts
    lines = [f"{header.ljust(offset)}flags"]
    for line, step in zip(aligned, plan.steps, strict=True):
        first, *more = _flag_lines(step.flag_codes, CROSSOVER_WIDTH - offset)
        lines.append(f"{line.ljust(offset)}{first}".rstrip())
        lines += [" " * offset + flags for flags in more]
        lines += [CROSSOVER_INDENT + text for text in crossover_step_lines(plan, step)]
    return lines


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
