"""The plan editor: the parameters agreed with the prescriber, and the schedule they give, live.

Every change of a field rebuilds the plan (a 3-year plan takes well under a millisecond), so
the person sees the dated doses, the actual % cuts and every flag before saving. The fields
are read by :mod:`tui.core.plan_input` — the same reader, bounds and messages as
``taper-tui plan`` — so nothing typed here can raise out of the editor: a problem is shown
under the fields, naming the field, and the field is marked.

Saving a plan that has a cut above 25 % within 14 days, or a stop from above the jump-off dose,
asks for an explicit confirmation first, with "Go back" focused so Enter never saves it.
Leaving with unsaved changes (Escape) asks first. Re-planning during a stabilisation hold
keeps the days left of the hold unless the person changes the field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_changes import hold_days_left
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import intake_weights, split_remainder_note
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.dialog import Dialog
from tui.ui.widgets.step_table import fill_step_table

_INPUT_IDS: dict[str, str] = {
    pi.DRUG.key: "drug", pi.START.key: "start", pi.DOSE.key: "dose", pi.INTAKES.key: "intakes", pi.SPLIT.key: "split",
    pi.CUT_FIRST.key: "cut-first", pi.CUT.key: "cut", pi.EVERY.key: "every", pi.HOLD.key: "hold",
    pi.JUMP_OFF.key: "jump-off", pi.TARGET.key: "target", pi.EMAX.key: "emax", pi.EC50.key: "ec50",
    pi.STEPS.key: "occ-steps", pi.CUSTOM.key: "custom", pi.ORDER.key: "order",
    pi.BELOW.key: "below",
}  # fmt: skip
"""Plan field key → the id of its Input (the measuring fields use ``form-0`` … ``form-2``)."""


def form_fields_of(formulation: Formulation) -> tuple[str, list[str]]:
    """The editor's kind and field texts for an existing formulation (to edit a stored plan)."""
    record = formulation.to_record()
    kind = str(record.get("kind", "increment"))
    numbers = [str(value) for key, value in record.items() if key != "kind"]
    return kind, numbers


def _mg_text(amounts: tuple[Decimal, ...]) -> str:
    return "+".join(format_decimal(mg) for mg in amounts)


class PlanEditorScreen(Dialog[Plan | None]):
    """Edit plan parameters with a live preview; dismisses with the saved plan or ``None``."""

    DEFAULT_CSS = """
    PlanEditorScreen { background: $background; }
    PlanEditorScreen #editor { height: 1fr; }
    PlanEditorScreen #fields { width: 37; height: 1fr; padding: 0 1 0 0; }
    PlanEditorScreen #preview { width: 1fr; height: 1fr; }
    PlanEditorScreen .row { height: 1; }
    PlanEditorScreen .row Label { width: 16; color: $text-muted; }
    PlanEditorScreen .row Input { width: 1fr; }
    PlanEditorScreen .row Select { width: 1fr; }
    PlanEditorScreen .-hidden { display: none; }
    PlanEditorScreen #title { text-style: bold; color: $primary; height: 1; }
    PlanEditorScreen #problem { color: $error; height: auto; }
    PlanEditorScreen #kept-hold { color: $warning; height: auto; }
    PlanEditorScreen #summary { height: auto; max-height: 7; }
    PlanEditorScreen #steps { height: 1fr; }
    PlanEditorScreen Input.-invalid { border: none; background: $error 30%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save_plan", "Save plan", priority=True),
        Binding("escape", "cancel", "Leave"),
    ]

    def __init__(
        self,
        today: date,
        *,
        drug: str = "clonazepam",
        dose_mg: Decimal | None = None,
        intakes: int | None = None,
        existing: Plan | None = None,
        start: date | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        """The day the dates are relative to (``today``, ``+N``)."""
        self.existing = existing
        """The stored plan when re-planning; its parameters pre-fill the fields."""
        self.initial_start = start or today
        self.plan: Plan | None = None
        """The plan the fields give now (``None`` while a field has a problem)."""
        self.problem: pi.PlanInputError | None = None
        """The problem shown under the fields, if any."""
        self.defaults: PlanParams | None = existing.params if existing is not None else None
        self.drug_default = drug
        self.dose_default = dose_mg
        self.intakes_default = intakes
        self.kept_hold_days = hold_days_left(existing, self.initial_start) if existing is not None else 0
        """Days left of a hold running when re-planning; pre-filled so the agreed hold is kept."""
        self._saved_values: dict[str, str] = {}

    # -- layout ----------------------------------------------------------------------------------

    def _row(self, field: pi.PlanField, value: str, placeholder: str = "", classes: str = "row") -> Horizontal:
        widget = Input(value, id=_INPUT_IDS[field.key], compact=True, placeholder=placeholder)
        return Horizontal(Label(field.label), widget, classes=classes)

    def _starting_amounts(self) -> tuple[Decimal, tuple[Decimal, ...]]:
        """The daily dose and intakes to start from: when re-planning, those of the step running
        on the new start day (the dose taken then), else the plan's or the given ones. An even
        split is left empty (split evenly again), so changing the dose keeps it even."""
        p = self.defaults
        if p is None or self.existing is None:
            return (self.dose_default or Decimal(1)), ()
        step = self.existing.step_on(self.initial_start)
        if step is None:
            return p.dose_mg, (() if len(set(intake_weights(p))) == 1 else p.split)
        even = max(step.intake_units) - min(step.intake_units) <= 1
        return step.dose_mg, (() if even else step.intake_mg)

    def _existing_intakes(self) -> tuple[Decimal, ...]:
        """The intakes of the plan being changed, on the new start day (or at its start)."""
        assert self.defaults is not None
        step = self.existing.step_on(self.initial_start) if self.existing is not None else None
        return step.intake_mg if step is not None else self.defaults.weights

    def compose(self) -> ComposeResult:
        p = self.defaults
        dose, split = self._starting_amounts()
        intakes = len(self._existing_intakes()) if p else (self.intakes_default or 1)
        hold = self.kept_hold_days if self.kept_hold_days else (p.hold_days if p else 0)
        kind, numbers = form_fields_of(p.formulation) if p else ("increment", ["0.01"])
        custom = pi.custom_text(p) if p else ""
        with Horizontal(id="editor"):
            with VerticalScroll(id="fields"):
                yield Static("Plan (discuss with prescriber)", id="title")
                yield self._row(pi.DRUG, (p.drug_as_typed or p.drug) if p else self.drug_default, "clonazepam")
                yield self._row(pi.START, self.initial_start.isoformat())
                yield self._row(pi.DOSE, format_decimal(dose), "e.g. 1")
                yield self._row(pi.INTAKES, str(max(1, intakes)), f"1 to {pi.MAX_INTAKES}")
                yield self._row(pi.SPLIT, _mg_text(split) if p and split else "", "even split")
                yield self._row(pi.CUT_FIRST, str((p.cut_first if p else 0) + 1))
                yield self._row(pi.ORDER, p.order.value if p else "even", "even or sequential")
                yield self._row(pi.BELOW, pi.bands_text(p) if p else "", "e.g. 20:2mg:14, 5:0.5mg:14")
                yield Horizontal(
                    Label(pi.METHOD.label),
                    Select(
                        [(m.value, m.value) for m in Method],
                        value=(p.method.value if p else "proportional"),
                        id="method",
                        compact=True,
                        allow_blank=False,
                    ),
                    classes="row",
                )
                yield self._row(pi.CUT, format_decimal(p.cut_pct) if p else "10")
                yield self._row(pi.EVERY, str(p.step_days if p else 14))
                yield self._row(pi.HOLD, str(hold))
                yield Static(self._kept_hold_text(), id="kept-hold", markup=False)
                yield Horizontal(
                    Label(pi.FORM.label),
                    Select(
                        [(k.label, k.key) for k in pi.FORM_KINDS],
                        value=kind,
                        id="form-kind",
                        compact=True,
                        allow_blank=False,
                    ),
                    classes="row",
                )
                for index in range(3):
                    value = numbers[index] if index < len(numbers) else ""
                    yield Horizontal(
                        Label("", id=f"form-label-{index}"),
                        Input(value, id=f"form-{index}", compact=True),
                        classes="row",
                        id=f"form-row-{index}",
                    )
                jump_off = format_decimal(p.jump_off_mg) if p and p.jump_off_mg is not None else ""
                yield self._row(pi.JUMP_OFF, jump_off, "from here, stop")
                yield self._row(pi.TARGET, format_decimal(p.target_mg) if p else "0")
                yield self._row(
                    pi.EMAX, format_decimal(p.emax_pct) if p and p.emax_pct else "", classes="row occupancy"
                )
                yield self._row(pi.EC50, format_decimal(p.ec50_mg) if p and p.ec50_mg else "", classes="row occupancy")
                yield self._row(pi.STEPS, str(p.occupancy_steps) if p else "8", classes="row occupancy")
                yield self._row(pi.CUSTOM, custom, "2027-01-04=1, 2027-01-18=0.9", classes="row custom")
                yield Static("", id="problem", markup=False)
            with Vertical(id="preview"):
                yield Static("", id="summary", markup=False)
                yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def _kept_hold_text(self) -> str:
        if not self.kept_hold_days:
            return ""
        return (
            f"A stabilisation hold is running: its {self.kept_hold_days} days left are kept "
            f"(set {pi.HOLD.label.lower()} to 0 to cut sooner)."
        )

    def on_mount(self) -> None:
        self._show_form_fields()
        self._show_method_fields()
        self.query_one("#dose", Input).focus()
        self.rebuild()
        self._saved_values = self._values()

    # -- reading the fields ----------------------------------------------------------------------

    def _input(self, widget_id: str) -> Input:
        return self.query_one(f"#{widget_id}", Input)

    def _select(self, widget_id: str) -> str:
        return str(self.query_one(f"#{widget_id}", Select).value)

    def _kind(self) -> pi.FormKind:
        return pi.KINDS[self._select("form-kind")]

    def _values(self) -> dict[str, str]:
        """Every field's text by plan field key (what :mod:`tui.core.plan_input` reads)."""
        values = {key: self._input(widget_id).value for key, widget_id in _INPUT_IDS.items()}
        values[pi.METHOD.key] = self._select("method")
        values[pi.FORM.key] = self._kind().key
        for index, field in enumerate(self._kind().fields):
            values[field.key] = self._input(f"form-{index}").value
        return values

    @property
    def has_unsaved_changes(self) -> bool:
        """True when a field differs from what the editor opened with."""
        return bool(self._saved_values) and self._values() != self._saved_values

    def _show_form_fields(self) -> None:
        kind = self._kind()
        for index in range(3):
            row = self.query_one(f"#form-row-{index}")
            if index < len(kind.fields):
                field = kind.fields[index]
                self.query_one(f"#form-label-{index}", Label).update(field.label)
                row.remove_class("-hidden")
                widget = self._input(f"form-{index}")
                if not widget.value and field.default:
                    widget.value = field.default
            else:
                row.add_class("-hidden")

    def _show_method_fields(self) -> None:
        method = self._select("method")
        for row in self.query(".occupancy"):
            row.set_class(method != Method.OCCUPANCY.value, "-hidden")
        for row in self.query(".custom"):
            row.set_class(method != Method.CUSTOM.value, "-hidden")

    @on(Select.Changed, "#form-kind")
    def _form_kind_changed(self) -> None:
        for index in range(3):
            self._input(f"form-{index}").value = ""
        self._show_form_fields()
        self.rebuild()

    @on(Select.Changed, "#method")
    def _method_changed(self) -> None:
        self._show_method_fields()
        self.rebuild()

    @on(Input.Changed)
    def _field_changed(self) -> None:
        self.rebuild()

    def _input_of(self, field: pi.PlanField) -> Input | None:
        if field.key in _INPUT_IDS:
            return self._input(_INPUT_IDS[field.key])
        for index, form_field in enumerate(self._kind().fields):
            if form_field is field:
                return self._input(f"form-{index}")
        return None

    def rebuild(self) -> None:
        """Rebuild the plan from the fields and show it, or show what is wrong (and mark the field)."""
        problem = self.query_one("#problem", Static)
        for widget in self.query(Input):
            widget.remove_class("-invalid")
        try:
            plan = pi.plan_from_text(self._values(), self.today, self._kind().key)
        except pi.PlanInputError as error:
            self.plan, self.problem = None, error
            problem.update(f"⚠ {error.text(pi.Surface.APP)}")
            marked = self._input_of(error.field)
            if marked is not None:
                marked.add_class("-invalid")
            return
        problem.update("")
        self.plan, self.problem = plan, None
        self._show_plan(plan)

    def _show_plan(self, plan: Plan) -> None:
        projection = plan.projection()
        lines = [
            f"{projection.cuts} cuts, {format_decimal(projection.start_mg)} → {format_decimal(projection.final_mg)} mg, "
            f"ends {projection.end_date.isoformat()} ({projection.total_days} days ≈ {projection.total_days // 7} weeks)",
        ]
        params = plan.params
        if params.split and not self._input("split").value.strip():
            note = split_remainder_note(params.split, params.cut_first)
            lines.append(f"Intakes: {' + '.join(format_decimal(mg) for mg in params.split)} mg. {note}".rstrip())
        lines += [equivalent.describe() for equivalent in projection.diazepam[:1]]
        lines += [f"⚠ {warning}" for warning in plan.warnings()]
        self.query_one("#summary", Static).update("\n".join(lines))
        fill_step_table(self.query_one("#steps", DataTable), plan.steps, today=self.today, compact=True)

    # -- leaving and saving ----------------------------------------------------------------------

    def action_cancel(self) -> None:
        """Leave without saving; ask first when a field was changed, so nothing is lost by a slip."""
        if not self.has_unsaved_changes:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        body = "The plan's fields have changes that are not saved. Leave the editor and lose them?"
        self.app.push_screen(ConfirmDialog("Leave without saving?", body, "Leave", "Keep editing"), answered)

    def action_save_plan(self) -> None:
        """Save the previewed plan, after an explicit confirmation where the rules require one."""
        self.rebuild()  # from the fields as they are now, even if a change is not yet processed
        plan = self.plan
        if plan is None:
            where = f" ({self.problem.field.label})" if self.problem is not None else ""
            self.notify(f"The plan has a field to fix first{where}: see under the fields.", severity="warning")
            return
        reasons = plan.confirmations_needed()
        if not reasons:
            self.dismiss(plan)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(plan)

        body = "\n".join(reasons) + (
            "\n\nThe 2025 joint guideline suggests cuts of no more than 25 % every 2 weeks. Save this plan anyway?"
        )
        dialog = ConfirmDialog("This plan needs your confirmation", body, "Save anyway", "Go back")
        self.app.push_screen(dialog, answered)

    # -- drafts (the app keeps unsaved work beside the data file: tui.store.drafts) -----------

    def draft_state(self) -> dict[str, Any] | None:
        """The fields' unsaved text as plain JSON data (and whether this re-plans); ``None`` when nothing is unsaved."""
        if not self.has_unsaved_changes:
            return None
        return {"replan": self.existing is not None, "values": self._values()}

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Put a draft's field texts back (the choices first: changing the form clears its fields)."""
        values = {str(key): str(value) for key, value in state.get("values", {}).items()}
        if values.get(pi.METHOD.key) in {m.value for m in Method}:
            self.query_one("#method", Select).value = values[pi.METHOD.key]
        if values.get(pi.FORM.key) in {k.key for k in pi.FORM_KINDS}:
            self.query_one("#form-kind", Select).value = values[pi.FORM.key]

        def fill() -> None:
            for key, widget_id in _INPUT_IDS.items():
                if key in values:
                    self._input(widget_id).value = values[key]
            for index, field in enumerate(self._kind().fields):
                if field.key in values:
                    self._input(f"form-{index}").value = values[field.key]
            self.rebuild()

        # After the choices' own Changed handlers ran (they reset the measuring fields).
        self.call_after_refresh(fill)
