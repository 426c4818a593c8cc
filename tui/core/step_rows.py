"""A plan step said as lines of text, the same in every table (the Schedule, the plan editor's
preview, ``taper-tui plan``), and the plan's length said one way.

Rule (docs/DOMAIN.md §3.12): a crossover step's day and its intakes are separate statements. Put
side by side, ``≈ 20 mg`` and the first intake read as one (``≈ 20 mg clonazepam 0.5 mg``), and an
intake wrapped onto a new line reads as another intake. So the day is a labelled line of its own
(``daily total ≈ 20 mg diazepam``) and each intake a line starting with its number; a second drug
taken in the same intake goes on under it, indented past the number.

A plan's length is counted in steps (Today says "Step 1 of 12") and its cuts are some of them (a
crossover's stages keep the level): "8 cuts" alone beside "Step 1 of 12" reads as a
contradiction, so the length is always ``12 steps (8 cuts)``.
"""

from __future__ import annotations

from tui.core.doses import format_mg
from tui.core.intake_text import DAILY_TOTAL
from tui.core.plan_model import Plan, Projection, Step
from tui.core.step_drugs import PART_SEPARATOR, step_daily_totals, step_diazepam, step_intake_part_texts


def steps_and_cuts(projection: Projection) -> str:
    """``12 steps (8 cuts)``; ``1 step (0 cuts)`` for a plan of one step."""
    steps = "step" if projection.steps == 1 else "steps"
    cuts = "cut" if projection.cuts == 1 else "cuts"
    return f"{projection.steps} {steps} ({projection.cuts} {cuts})"


def crossover_day_text(plan: Plan, step: Step) -> str:
    """A crossover step's day: ``daily total ≈ 20 mg diazepam`` for a stage of two drugs (their mg
    cannot be added), ``daily total diazepam 17.5 mg`` for one drug (or each drug named when one
    has no diazepam figure)."""
    equivalent = step_diazepam(plan, step) if step.also is not None else None
    if equivalent is None:
        return step_daily_totals(plan, step)
    return f"{DAILY_TOTAL} ≈ {format_mg(equivalent.diazepam_mg)} diazepam"


def numbered_intake_lines(plan: Plan, step: Step) -> list[str]:
    """Each intake on its own line after its number (``1) clonazepam 0.5 mg = 1 tab``); a second
    drug in the same intake under it, indented past the number (``   + diazepam 5 mg = 1 tab``)."""
    lines = []
    for number, (first, *others) in enumerate(step_intake_part_texts(plan, step), start=1):
        prefix = f"{number}) "
        lines.append(prefix + first)
        lines += [f"{' ' * len(prefix)}{PART_SEPARATOR.lstrip()}{other}" for other in others]
    return lines


def crossover_step_lines(plan: Plan, step: Step) -> list[str]:
    """The day, then each numbered intake: what a crossover row shows under its date."""
    return [crossover_day_text(plan, step), *numbered_intake_lines(plan, step)]
