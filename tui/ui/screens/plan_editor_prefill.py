"""What the plan editor's fields open with: a new plan's defaults, or a stored plan carried on.

Rule: re-planning starts from the dose and intakes taken on the new start day (the step running
then, the dose the person actually takes), holds that dose before the first cut (the days left
of a running stabilisation hold, else one full step: a re-plan never cuts on the day it is saved
unless the person sets the hold to 0), and after a crossover is a plan of the new drug
(docs/DOMAIN.md §3.12). An even split is left empty, so a changed dose is split evenly again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from textual.app import ComposeResult
from textual.widgets import Static

from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.plan_changes import hold_days_left, replan_hold_days
from tui.core.plan_crossover import mid_crossover, params_to_continue
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import intake_weights
from tui.ui.screens.plan_field_rows import crossover_rows, field_row, form_fields_of, form_rows, mg_text, select_row


@dataclass(frozen=True)
class EditorPrefill:
    """The editor's opening values: from the stored plan when re-planning, else the given ones."""

    start: date
    """The plan's first day as pre-filled."""
    existing: Plan | None
    """The stored plan when re-planning."""
    defaults: PlanParams | None
    """The stored plan's parameters carried to :attr:`start` (a crossed-over plan's new drug)."""
    drug: str
    """The drug of a new plan."""
    dose_mg: Decimal | None
    """The daily dose of a new plan (``None``: 1 mg)."""
    intakes: int | None
    """The intakes a day of a new plan (``None``: one)."""
    kept_hold_days: int
    """Days the dose taken is held when re-planning (:func:`replan_hold_days`): a running hold's
    days left, or one full step; pre-filled so the first cut is never on the day it is saved."""
    hold_running: bool
    """True when :attr:`kept_hold_days` are the days left of a hold running on :attr:`start`."""

    @classmethod
    def of(
        cls,
        start: date,
        existing: Plan | None,
        drug: str,
        dose_mg: Decimal | None,
        intakes: int | None,
        replacing: Plan | None = None,
    ) -> EditorPrefill:
        """The prefill for a new plan (``existing`` ``None``; ``replacing`` the plan it replaces,
        if any) or a re-plan from ``start``. A new plan over one under way holds the dose taken as
        a re-plan does, so its first cut is not on the day it is saved unless asked for."""
        if existing is None:
            kept = replan_hold_days(replacing, start, replacing.params) if replacing else 0
            running = replacing is not None and hold_days_left(replacing, start) > 0
            return cls(start, None, None, drug, dose_mg, intakes, kept, running)
        defaults = params_to_continue(existing, start)
        running = hold_days_left(existing, start) > 0
        kept = replan_hold_days(existing, start, defaults)
        return cls(start, existing, defaults, drug, dose_mg, intakes, kept, running)

    def starting_amounts(self) -> tuple[Decimal, tuple[Decimal, ...]]:
        """The daily dose and intakes to start from: when re-planning, those of the step running
        on the new start day (the dose taken then), else the plan's or the given ones. An even
        split is left empty (split evenly again), so changing the dose keeps it even."""
        p = self.defaults
        if p is None or self.existing is None:
            return (self.dose_mg or Decimal(1)), ()
        step = self.existing.step_on(self.start)
        if step is None or mid_crossover(self.existing, self.start):
            return p.dose_mg, (() if len(set(intake_weights(p))) == 1 else p.split)
        even = max(step.intake_units) - min(step.intake_units) <= 1
        return step.dose_mg, (() if even else step.intake_mg)

    def existing_intakes(self) -> tuple[Decimal, ...]:
        """The intakes of the plan being changed, on the new start day (or at its start)."""
        assert self.defaults is not None
        step = self.existing.step_on(self.start) if self.existing is not None else None
        if step is None or self.existing is None or mid_crossover(self.existing, self.start):
            return self.defaults.weights
        return step.intake_mg

    def kept_hold_text(self) -> str:
        """Why the hold field is pre-filled when re-planning (empty when it is not)."""
        if not self.kept_hold_days:
            return ""
        if self.hold_running:
            return (
                f"A stabilisation hold is running: its {self.kept_hold_days} days left are kept "
                f"(set {pi.HOLD.label.lower()} to 0 to cut sooner)."
            )
        return (
            f"The dose taken now is held {self.kept_hold_days} days (one step) before the first cut "
            f"(set {pi.HOLD.label.lower()} to 0 to cut on the start day)."
        )

    def kinds(self) -> dict[str, str]:
        """The way of measuring each form's fields open with (``form``, ``then``, ``to``)."""
        p = self.defaults
        to_form = p.crossover_formulation if p else None
        return {
            "form": form_fields_of(p.formulation)[0] if p else "increment",
            "then": form_fields_of(p.then_formulation)[0] if p and p.then_formulation else "liquid",
            "to": form_fields_of(to_form)[0] if to_form else "tablet",
        }

    def rows(self) -> ComposeResult:
        """The title and every field's row, pre-filled, in the order they are shown."""
        p = self.defaults
        dose, split = self.starting_amounts()
        intakes = len(self.existing_intakes()) if p else (self.intakes or 1)
        hold = self.kept_hold_days if self.kept_hold_days else (p.hold_days if p else 0)
        kind, numbers = form_fields_of(p.formulation) if p else ("increment", ["0.01"])
        then_kind, then_numbers = form_fields_of(p.then_formulation) if p and p.then_formulation else ("liquid", [])
        switch = format_decimal(p.switch_below_mg) if p and p.switch_below_mg is not None else ""
        custom = pi.custom_text(p) if p else ""
        yield Static("Plan (discuss with prescriber)", id="title", classes="wide")
        yield field_row(pi.DRUG, (p.drug_as_typed or p.drug) if p else self.drug, "clonazepam")
        yield field_row(pi.START, self.start.isoformat())
        yield field_row(pi.DOSE, format_decimal(dose), "e.g. 1")
        yield field_row(pi.INTAKES, str(max(1, intakes)), f"1 to {pi.MAX_INTAKES}")
        yield field_row(pi.SPLIT, mg_text(split) if p and split else "", "even split")
        yield field_row(pi.CUT_FIRST, str((p.cut_first if p else 0) + 1))
        yield field_row(pi.ORDER, p.order.value if p else "even", "even or sequential")
        yield field_row(pi.BELOW, pi.bands_text(p) if p else "", "e.g. 20:2mg:14, 5:0.5mg:14")
        methods = [(m.value, m.value) for m in Method]
        yield select_row(pi.METHOD, methods, p.method.value if p else "proportional", "method")
        yield field_row(pi.CUT, format_decimal(p.cut_pct) if p else "10")
        yield field_row(pi.EVERY, str(p.step_days if p else 14))
        yield field_row(pi.HOLD, str(hold))
        yield Static(self.kept_hold_text(), id="kept-hold", markup=False, classes="wide")
        yield from form_rows("form", kind, numbers)
        jump_off = format_decimal(p.jump_off_mg) if p and p.jump_off_mg is not None else ""
        yield field_row(pi.JUMP_OFF, jump_off, "from here, stop")
        yield field_row(pi.TARGET, format_decimal(p.target_mg) if p else "0")
        yield field_row(pi.EMAX, format_decimal(p.emax_pct) if p and p.emax_pct else "", classes="row occupancy")
        yield field_row(pi.EC50, format_decimal(p.ec50_mg) if p and p.ec50_mg else "", classes="row occupancy")
        yield field_row(pi.STEPS, str(p.occupancy_steps) if p else "8", classes="row occupancy")
        yield field_row(pi.CUSTOM, custom, "2027-01-04=1, 2027-01-18=0.9", classes="row custom wide")
        yield field_row(pi.SWITCH_BELOW, switch, "e.g. 1.25 (empty: one form)")
        yield from form_rows("then", then_kind, then_numbers)
        yield from crossover_rows(p)
