"""The plan editor's live preview: what is wrong, what the plan gives, and a switch of form offered.

Rule: the preview only shows a plan the fields already gave (or the problem that stopped it); it
never changes a field. When the plan's own form cannot measure the planned cut below some dose
and no switch of form is set, it says so in one line with the key that pre-fills the switch
(docs/DOMAIN.md §3.5, §3.11): the person decides, the editor changes nothing by itself.

It sits below the fields at full width, so every column of the schedule (flags included) is
readable at 80×24.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.core.doses import format_decimal
from tui.core.formulations import Drops, PowderScale, Tablet
from tui.core.plan_model import TOO_COARSE, Plan
from tui.core.planner import split_remainder_note
from tui.core.step_drugs import names_drugs, step_diazepam, step_drug_totals
from tui.core.step_rows import steps_and_cuts
from tui.ui.widgets.step_table import fill_step_table

SWITCH_KEY = "ctrl+l"
"""The key that pre-fills the offered switch to a liquid."""


def switch_offer(plan: Plan) -> Decimal | None:
    """The dose below which the plan's own form cannot make its cut, when a switch to a liquid
    would help and none is set; ``None`` otherwise. Only tablets, drops and a scale are offered
    it: a liquid is told how to dilute instead, and a stated increment is already what the
    person measures (the too-coarse warning says what would help)."""
    params = plan.params
    if params.switches or not isinstance(params.formulation, Tablet | Drops | PowderScale):
        return None
    if not any(step.has(TOO_COARSE) and step.formulation is None for step in plan.steps):
        return None
    return params.coarse_below_mg


def switch_offer_text(plan: Plan) -> str:
    """``Below 1.25 mg the tablets cannot measure the 10 % cut; switch to a liquid? (ctrl+l)``."""
    below = switch_offer(plan)
    if below is None:
        return ""
    form = "the tablets" if isinstance(plan.params.formulation, Tablet) else "this form"
    return (
        f"Below {format_decimal(below)} mg {form} cannot measure the {format_decimal(plan.params.cut_pct)} % cut; "
        f"switch to a liquid? ({SWITCH_KEY})"
    )


def dose_range(plan: Plan) -> str:
    """``1 → 0 mg``; a crossover's ``≈ 20 → 0 mg diazepam``: its first and last days are of two
    drugs, compared only as ≈ diazepam (docs/DOMAIN.md §3.12), or each drug named when one has no
    diazepam figure."""
    first, last = plan.steps[0], plan.steps[-1]
    if not any(names_drugs(step) for step in plan.steps):
        projection = plan.projection()
        return f"{format_decimal(projection.start_mg)} → {format_decimal(projection.final_mg)} mg"
    start, end = step_diazepam(plan, first), step_diazepam(plan, last)
    if start is None or end is None:
        return f"{step_drug_totals(plan, first)} → {step_drug_totals(plan, last)}"
    return f"≈ {format_decimal(start.diazepam_mg)} → {format_decimal(end.diazepam_mg)} mg diazepam"


class PlanPreview(Vertical):
    """The problem line, the plan's summary and warnings, the switch offer and the step table."""

    DEFAULT_CSS = """
    PlanPreview { height: 1fr; }
    PlanPreview #problem { color: $error; height: auto; }
    PlanPreview #summary { height: auto; max-height: 4; overflow-y: auto; }
    PlanPreview #offer { color: $warning; height: auto; text-style: bold; }
    PlanPreview #steps { height: 1fr; min-height: 4; }
    PlanPreview .-hidden { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="problem", markup=False)
        yield Static("", id="summary", markup=False)
        yield Static("", id="offer", markup=False, classes="-hidden")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)

    def show_problem(self, text: str) -> None:
        """A field's problem (``""`` when none). While there is one, the plan the fields gave
        before is hidden: its steps are not what the fields say now, and would be read as if
        they were (:meth:`show_plan` shows the next one)."""
        problem = self.query_one("#problem", Static)
        problem.update(text)
        problem.set_class(not text, "-hidden")
        if text:
            for part in ("#summary", "#offer", "#steps"):
                self.query_one(part).set_class(True, "-hidden")

    def show_plan(self, plan: Plan, today: date, note_split: bool) -> None:
        """The summary (``note_split``: say how an even split was shared), the offer and the steps."""
        projection = plan.projection()
        lines = [
            f"{steps_and_cuts(projection)}, {dose_range(plan)}, "
            f"ends {projection.end_date.isoformat()} ({projection.total_days} days ≈ {projection.total_days // 7} weeks)",
        ]
        params = plan.params
        if params.split and note_split:
            note = split_remainder_note(params.split, params.cut_first)
            lines.append(f"Intakes: {' + '.join(format_decimal(mg) for mg in params.split)} mg. {note}".rstrip())
        lines += [equivalent.describe() for equivalent in projection.diazepam[:1]]
        lines += [f"⚠ {warning}" for warning in plan.warnings()]
        self.query_one("#summary", Static).update("\n".join(lines))
        self.query_one("#summary").set_class(False, "-hidden")
        self.query_one("#steps").set_class(False, "-hidden")
        offer = switch_offer_text(plan)
        offer_line = self.query_one("#offer", Static)
        offer_line.update(offer)
        offer_line.set_class(not offer, "-hidden")
        fill_step_table(self.query_one("#steps", DataTable), plan, today=today)
