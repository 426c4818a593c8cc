"""The plan editor: the parameters agreed with the prescriber, and the schedule they give, live.

Every change of a field rebuilds the plan (a 3-year plan takes well under a millisecond), so
the person sees the dated doses, the actual % cuts and every flag before saving. The fields
are read by :mod:`tui.core.plan_input` — the same reader, bounds and messages as
``taper-tui plan`` — so nothing typed here can raise out of the editor: a problem is shown
under the fields, naming the field, and the field is marked.

Saving a plan that has a cut above 25 % within 14 days, or a stop from above the jump-off dose,
asks for an explicit confirmation first, with "Go back" focused so Enter never saves it.
Leaving with unsaved changes (Escape) asks first. Re-planning during a stabilisation hold
keeps the days left of the hold unless the person changes the field (what the fields open with
is :mod:`tui.ui.screens.plan_editor_prefill`).

The fields sit two to a row above the preview (:mod:`tui.ui.screens.plan_preview`), which takes
the full width, so every column of the schedule is readable at 80×24. A switch of form partway
(docs/DOMAIN.md §3.11) has its own fields, shown once a switch dose is typed; when the plan's
form becomes too coarse the preview offers the switch and ``ctrl+l`` pre-fills it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, ScrollableContainer
from textual.widgets import Footer, Input, Label, Select

from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.plan_model import Method, Plan
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.dialog import Dialog
from tui.ui.screens.plan_editor_prefill import EditorPrefill
from tui.ui.screens.plan_field_rows import CROSSOVER_ROWS, FORMS, INPUT_IDS
from tui.ui.screens.plan_preview import SWITCH_KEY, PlanPreview, switch_offer

OFFERED_LIQUID = ("0.1", "0.1")
"""The liquid a switch offer pre-fills (mg/mL, syringe mL): a common oral solution, to be checked."""


class PlanEditorScreen(Dialog[Plan | None]):
    """Edit plan parameters with a live preview; dismisses with the saved plan or ``None``."""

    DEFAULT_CSS = """
    PlanEditorScreen { background: $background; }
    PlanEditorScreen #editor { height: 1fr; layout: vertical; }
    PlanEditorScreen #fields {
        layout: grid; grid-size: 2; grid-columns: 1fr 1fr; grid-rows: auto; grid-gutter: 0 1;
        height: auto; max-height: 11; overflow-y: auto; padding: 0 1 0 0;
    }
    PlanEditorScreen .row { height: 1; }
    PlanEditorScreen .row Label { width: 16; color: $text-muted; }
    PlanEditorScreen .row Input { width: 1fr; }
    PlanEditorScreen .row Select { width: 1fr; }
    PlanEditorScreen .wide { column-span: 2; }
    PlanEditorScreen .-hidden { display: none; }
    PlanEditorScreen #title { text-style: bold; color: $primary; height: 1; }
    PlanEditorScreen #kept-hold { color: $warning; height: auto; }
    PlanEditorScreen Input.-invalid { border: none; background: $error 30%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save_plan", "Save plan", priority=True),
        Binding("escape", "cancel", "Leave"),
        Binding(SWITCH_KEY, "offer_switch", "Switch to liquid", priority=True),
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
        replacing: Plan | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        """The day the dates are relative to (``today``, ``+N``)."""
        self.existing = existing
        """The stored plan when re-planning; its parameters pre-fill the fields."""
        self.prefill = EditorPrefill.of(start or today, existing, drug, dose_mg, intakes, replacing)
        """What the fields open with (a re-plan keeps the running hold and the dose taken)."""
        self.plan: Plan | None = None
        """The plan the fields give now (``None`` while a field has a problem)."""
        self.problem: pi.PlanInputError | None = None
        """The problem shown under the fields, if any."""
        self._saved_values: dict[str, str] = {}
        self._kinds_shown: dict[str, str] = self.prefill.kinds()
        """The kind each way of measuring's number fields hold: the Select's first Changed (on
        mount) names it again, and must not clear a stored plan's tablet strength."""

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="editor"):
            with ScrollableContainer(id="fields"):
                yield from self.prefill.rows()
            yield PlanPreview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kept-hold").set_class(not self.prefill.kept_hold_days, "-hidden")
        self._show_form_fields("form")
        self._show_form_fields("then")
        self._show_crossover_fields()
        self._show_method_fields()
        self.query_one("#dose", Input).focus()
        self.rebuild()
        self._saved_values = self._values()

    # -- reading the fields ----------------------------------------------------------------------

    def _input(self, widget_id: str) -> Input:
        return self.query_one(f"#{widget_id}", Input)

    def _select(self, widget_id: str) -> str:
        return str(self.query_one(f"#{widget_id}", Select).value)

    def _kind(self, prefix: str = "form") -> pi.FormKind:
        return FORMS[prefix][1][self._select(f"{prefix}-kind")]

    def _switching(self) -> bool:
        """True when a switch dose is typed (the second form's fields are then shown and read)."""
        return bool(self._input("switch-below").value.strip())

    def _crossing(self) -> bool:
        """True when a drug to cross over to is typed (the crossover's fields are then shown)."""
        return bool(self._input("crossover-to").value.strip())

    def _show_crossover_fields(self) -> None:
        for row in self.query(f".{CROSSOVER_ROWS}"):
            row.set_class(not self._crossing(), "-hidden")
        self._show_form_fields("to")

    def _values(self) -> dict[str, str]:
        """Every field's text by plan field key (what :mod:`tui.core.plan_input` reads)."""
        values = {key: self._input(widget_id).value for key, widget_id in INPUT_IDS.items()}
        values[pi.METHOD.key] = self._select("method")
        for prefix, (fields, _kinds) in FORMS.items():
            values[fields.form.key] = self._kind(prefix).key
            for index, field in enumerate(self._kind(prefix).fields):
                values[field.key] = self._input(f"{prefix}-{index}").value
        return values

    @property
    def has_unsaved_changes(self) -> bool:
        """True when a field differs from what the editor opened with."""
        return bool(self._saved_values) and self._values() != self._saved_values

    def _show_form_fields(self, prefix: str) -> None:
        kind = self._kind(prefix)
        hidden = (prefix == "then" and not self._switching()) or (prefix == "to" and not self._crossing())
        self.query_one(f"#{prefix}-kind-row").set_class(hidden, "-hidden")
        for index in range(3):
            row = self.query_one(f"#{prefix}-row-{index}")
            if index < len(kind.fields) and not hidden:
                field = kind.fields[index]
                self.query_one(f"#{prefix}-label-{index}", Label).update(field.label)
                row.remove_class("-hidden")
                widget = self._input(f"{prefix}-{index}")
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
    @on(Select.Changed, "#then-kind")
    @on(Select.Changed, "#to-kind")
    def _form_kind_changed(self, event: Select.Changed) -> None:
        prefix = str(event.select.id).removesuffix("-kind")
        if self._kinds_shown.get(prefix) != str(event.value):
            self._kinds_shown[prefix] = str(event.value)
            for index in range(3):
                self._input(f"{prefix}-{index}").value = ""
        self._show_form_fields(prefix)
        self.rebuild()

    @on(Select.Changed, "#method")
    def _method_changed(self) -> None:
        self._show_method_fields()
        self.rebuild()

    @on(Input.Changed, "#switch-below")
    def _switch_changed(self) -> None:
        self._show_form_fields("then")

    @on(Input.Changed, "#crossover-to")
    def _crossover_changed(self) -> None:
        self._show_crossover_fields()

    @on(Input.Changed)
    def _field_changed(self) -> None:
        self.rebuild()

    def _input_of(self, field: pi.PlanField) -> Input | None:
        if field.key in INPUT_IDS:
            return self._input(INPUT_IDS[field.key])
        for prefix in FORMS:
            for index, form_field in enumerate(self._kind(prefix).fields):
                if form_field is field:
                    return self._input(f"{prefix}-{index}")
        return None

    def rebuild(self) -> None:
        """Rebuild the plan from the fields and show it, or show what is wrong (and mark the field)."""
        preview = self.query_one(PlanPreview)
        for widget in self.query(Input):
            widget.remove_class("-invalid")
        try:
            plan = pi.plan_from_text(
                self._values(),
                self.today,
                self._kind().key,
                then_kind=self._kind("then").key,
                to_kind=self._kind("to").key,
            )
        except pi.PlanInputError as error:
            self.plan, self.problem = None, error
            preview.show_problem(f"⚠ {error.text(pi.Surface.APP)}")
            marked = self._input_of(error.field)
            if marked is not None:
                marked.add_class("-invalid")
            self.refresh_bindings()
            return
        preview.show_problem("")
        self.plan, self.problem = plan, None
        preview.show_plan(plan, self.today, note_split=not self._input("split").value.strip())
        self.refresh_bindings()

    # -- the switch of form offered ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The switch key is shown (and works) only while the preview offers a switch."""
        if action == "offer_switch":
            return self.plan is not None and switch_offer(self.plan) is not None
        return True

    def action_offer_switch(self) -> None:
        """Pre-fill the offered switch: below the too-coarse dose, a liquid (fields to check)."""
        below = switch_offer(self.plan) if self.plan is not None else None
        if below is None:
            return
        select = self.query_one("#then-kind", Select)
        fill = self._fill_offered_liquid
        if select.value != "liquid":
            select.value = "liquid"  # its Changed handler clears the fields: fill after it ran
            self.call_after_refresh(fill, below)
        else:
            fill(below)

    def _fill_offered_liquid(self, below: Decimal) -> None:
        self._input("switch-below").value = format_decimal(below)
        self._show_form_fields("then")
        for index, value in enumerate(OFFERED_LIQUID):
            self._input(f"then-{index}").value = value
        self._input("then-0").focus()
        self.notify(
            f"Switch pre-filled: below {format_decimal(below)} mg, a liquid of {OFFERED_LIQUID[0]} mg/mL measured to "
            f"{OFFERED_LIQUID[1]} mL. Check the strength you have and your syringe's smallest mark.",
            timeout=8,
        )

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
        for prefix, (fields, kinds) in FORMS.items():
            if values.get(fields.form.key) in kinds:
                self.query_one(f"#{prefix}-kind", Select).value = values[fields.form.key]

        def fill() -> None:
            for key, widget_id in INPUT_IDS.items():
                if key in values:
                    self._input(widget_id).value = values[key]
            for prefix in FORMS:
                self._show_form_fields(prefix)
                for index, field in enumerate(self._kind(prefix).fields):
                    if field.key in values:
                        self._input(f"{prefix}-{index}").value = values[field.key]
            self.rebuild()

        # After the choices' own Changed handlers ran (they reset the measuring fields).
        self.call_after_refresh(fill)
