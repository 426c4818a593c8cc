"""The plan editor: the parameters agreed with the prescriber, and the schedule they give, live.

Every change of a field rebuilds the plan (a 3-year plan takes well under a millisecond), so
the person sees the dated doses, the actual % cuts and every flag before saving. Saving a plan
that has a cut above 25 % within 14 days, or a stop from above the jump-off dose, asks for an
explicit confirmation first; the saved plan records a "create" event in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Select, Static

from tui.core.doses import format_decimal
from tui.core.drugs import DRUGS
from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.validation import ValidationError, parse_decimal, parse_int, parse_mg, parse_plan_date
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.widgets.step_table import fill_step_table


@dataclass(frozen=True)
class FormKind:
    """A way of measuring doses and the (up to three) numbers it needs."""

    key: str
    label: str
    fields: tuple[tuple[str, str], ...]
    """(label, default) of each number."""


FORM_KINDS: tuple[FormKind, ...] = (
    FormKind("tablet", "scored tablets", (("tablet mg", "0.5"), ("pieces 1/2/4", "4"))),
    FormKind("liquid", "liquid (syringe)", (("mg per mL", "0.1"), ("syringe mL", "0.1"))),
    FormKind("drops", "drops", (("mg per drop", "0.1"),)),
    FormKind("scale", "powder on a scale", (("scale mg", "1"), ("tablet weight mg", "100"), ("tablet mg", "0.5"))),
    FormKind("increment", "any increment", (("increment mg", "0.01"),)),
)
_KINDS = {kind.key: kind for kind in FORM_KINDS}


def formulation_from(kind: str, values: list[str]) -> Formulation:
    """Build the formulation from the editor's text fields (ValidationError names the field)."""
    if kind == "tablet":
        return Tablet.create(values[0], values[1].strip() or "1")
    if kind == "liquid":
        return Liquid.create(values[0], values[1].strip() or "0.1")
    if kind == "drops":
        return Drops.create(values[0])
    if kind == "scale":
        return PowderScale.create(values[0], values[1], values[2])
    return RawIncrement.create(values[0])


def form_fields_of(formulation: Formulation) -> tuple[str, list[str]]:
    """The editor's kind and field texts for an existing formulation (to edit a stored plan)."""
    record = formulation.to_record()
    kind = record.get("kind", "increment")
    numbers = [str(value) for key, value in record.items() if key != "kind"]
    return kind, numbers


def parse_split(text: str) -> tuple[Decimal, ...]:
    """``0.25+0.25`` → (0.25, 0.25); empty → one intake."""
    if not text.strip():
        return ()
    return tuple(parse_mg(part, "intakes") for part in text.replace(",", "+").split("+"))


def parse_custom(text: str, today: date) -> tuple[tuple[date, Decimal], ...]:
    """``2027-01-04=1, 2027-01-18=0.9`` → dated doses (the custom method)."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.replace(";", ",").split(","))):
        day_text, sep, mg_text = item.partition("=")
        if not sep:
            raise ValidationError("custom doses", item, "use DATE=MG pairs, e.g. 2027-01-04=1, 2027-01-18=0.9")
        day = date.fromisoformat(day_text.strip()) if len(day_text.strip()) == 10 else None
        if day is None:
            raise ValidationError("custom doses", day_text, "use ISO dates YYYY-MM-DD")
        pairs.append((day, parse_mg(mg_text, "custom doses")))
    return tuple(pairs)


class PlanEditorScreen(ModalScreen[Plan | None]):
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
    PlanEditorScreen #summary { height: auto; max-height: 7; }
    PlanEditorScreen #steps { height: 1fr; }
    PlanEditorScreen Input.-invalid { border: none; background: $error 30%; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save_plan", "Save plan", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, today: date, *, drug: str = "clonazepam", dose_mg: Decimal | None = None,
                 intakes: int | None = None, existing: Plan | None = None, start: date | None = None) -> None:
        super().__init__()
        self.today = today
        self.existing = existing
        self.initial_start = start or today
        self.plan: Plan | None = None
        if existing is not None:
            self.defaults = existing.params
        else:
            self.defaults = None
        self.drug_default = drug
        self.dose_default = dose_mg
        self.intakes_default = intakes

    # -- layout ----------------------------------------------------------------------------------

    def _row(self, label: str, widget) -> Horizontal:
        return Horizontal(Label(label), widget, classes="row")

    def compose(self) -> ComposeResult:
        p = self.defaults
        dose = p.dose_mg if p else (self.dose_default or Decimal(1))
        split_default = "+".join(format_decimal(mg) for mg in p.split) if p else self._even_split(dose, self.intakes_default)
        kind, numbers = form_fields_of(p.formulation) if p else ("increment", ["0.01"])
        with Horizontal(id="editor"):
            with VerticalScroll(id="fields"):
                yield Static("Plan (discuss with prescriber)", id="title")
                yield self._row("drug", Input(p.drug if p else self.drug_default, id="drug", compact=True, placeholder="clonazepam"))
                yield self._row("start", Input(self.initial_start.isoformat(), id="start", compact=True))
                yield self._row("daily dose mg", Input(format_decimal(dose), id="dose", compact=True))
                yield self._row("intakes mg", Input(split_default, id="split", compact=True, placeholder="e.g. 0.5+0.5"))
                yield self._row("cut first (#)", Input(str((p.cut_first if p else 0) + 1), id="cut-first", compact=True))
                yield self._row("method", Select([(m.value, m.value) for m in Method], value=(p.method.value if p else "proportional"), id="method", compact=True, allow_blank=False))
                yield self._row("cut %", Input(format_decimal(p.cut_pct) if p else "10", id="cut", compact=True))
                yield self._row("every N days", Input(str(p.step_days if p else 14), id="every", compact=True))
                yield self._row("hold first days", Input(str(p.hold_days if p else 0), id="hold", compact=True))
                yield self._row("measured as", Select([(k.label, k.key) for k in FORM_KINDS], value=kind, id="form-kind", compact=True, allow_blank=False))
                for index in range(3):
                    value = numbers[index] if index < len(numbers) else ""
                    yield Horizontal(Label("", id=f"form-label-{index}"), Input(value, id=f"form-{index}", compact=True), classes="row", id=f"form-row-{index}")
                yield self._row("jump-off mg", Input(format_decimal(p.jump_off_mg) if p and p.jump_off_mg is not None else "", id="jump-off", compact=True, placeholder="from here, stop"))
                yield self._row("final target mg", Input(format_decimal(p.target_mg) if p else "0", id="target", compact=True))
                yield Horizontal(Label("Emax %"), Input(format_decimal(p.emax_pct) if p and p.emax_pct else "", id="emax", compact=True), classes="row occupancy")
                yield Horizontal(Label("EC50 mg"), Input(format_decimal(p.ec50_mg) if p and p.ec50_mg else "", id="ec50", compact=True), classes="row occupancy")
                yield Horizontal(Label("steps"), Input(str(p.occupancy_steps) if p else "8", id="occ-steps", compact=True), classes="row occupancy")
                custom = ", ".join(f"{d.isoformat()}={format_decimal(mg)}" for d, mg in p.custom) if p else ""
                yield Horizontal(Label("dated doses"), Input(custom, id="custom", compact=True, placeholder="2027-01-04=1, 2027-01-18=0.9"), classes="row custom")
                yield Static("", id="problem")
            with Vertical(id="preview"):
                yield Static("", id="summary", markup=False)
                yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @staticmethod
    def _even_split(dose: Decimal, intakes: int | None) -> str:
        if not intakes or intakes < 2:
            return ""
        share = dose / intakes
        return "+".join([format_decimal(share)] * intakes)

    def on_mount(self) -> None:
        self._show_form_fields()
        self._show_method_fields()
        self.query_one("#dose", Input).focus()
        self.rebuild()

    # -- live preview ----------------------------------------------------------------------------

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _select(self, widget_id: str) -> str:
        return str(self.query_one(f"#{widget_id}", Select).value)

    def _show_form_fields(self) -> None:
        kind = _KINDS[self._select("form-kind")]
        for index in range(3):
            row = self.query_one(f"#form-row-{index}")
            if index < len(kind.fields):
                label, default = kind.fields[index]
                self.query_one(f"#form-label-{index}", Label).update(label)
                row.remove_class("-hidden")
                field = self.query_one(f"#form-{index}", Input)
                if not field.value:
                    field.value = default
            else:
                row.add_class("-hidden")

    def _show_method_fields(self) -> None:
        method = self._select("method")
        for row in self.query(".occupancy"):
            row.set_class(method != "occupancy", "-hidden")
        for row in self.query(".custom"):
            row.set_class(method != "custom", "-hidden")

    @on(Select.Changed, "#form-kind")
    def _form_kind_changed(self) -> None:
        for index in range(3):
            self.query_one(f"#form-{index}", Input).value = ""
        self._show_form_fields()
        self.rebuild()

    @on(Select.Changed, "#method")
    def _method_changed(self) -> None:
        self._show_method_fields()
        self.rebuild()

    @on(Input.Changed)
    def _field_changed(self) -> None:
        self.rebuild()

    def params_from_fields(self) -> PlanParams:
        """Read every field into :class:`PlanParams`; ValidationError names the first bad field."""
        kind = self._select("form-kind")
        count = len(_KINDS[kind].fields)
        formulation = formulation_from(kind, [self._text(f"form-{i}") for i in range(count)] + [""] * (3 - count))
        method = Method(self._select("method"))
        jump_off = self._text("jump-off").strip()
        emax, ec50 = self._text("emax").strip(), self._text("ec50").strip()
        return PlanParams(
            drug=self._text("drug").strip() or "clonazepam",
            start=parse_plan_date(self._text("start"), self.today, "start"),
            dose_mg=parse_mg(self._text("dose"), "daily dose"),
            formulation=formulation,
            method=method,
            cut_pct=parse_decimal("cut %", self._text("cut"), Decimal("0.1"), Decimal(100), 2, "%"),
            step_days=parse_int("every N days", self._text("every"), 1, 365),
            hold_days=parse_int("hold first days", self._text("hold"), 0, 730),
            split=parse_split(self._text("split")),
            cut_first=parse_int("cut first (#)", self._text("cut-first"), 1, 12) - 1,
            jump_off_mg=parse_mg(jump_off, "jump-off") if jump_off else None,
            target_mg=parse_mg(self._text("target") or "0", "final target"),
            emax_pct=parse_decimal("Emax %", emax, Decimal("0.1"), Decimal(100), 2, "%") if emax else None,
            ec50_mg=parse_mg(ec50, "EC50") if ec50 else None,
            occupancy_steps=parse_int("steps", self._text("occ-steps") or "8", 1, 200),
            custom=parse_custom(self._text("custom"), self.today) if method is Method.CUSTOM else (),
        )

    def rebuild(self) -> None:
        """Rebuild the plan from the fields and show it, or show what is wrong."""
        problem = self.query_one("#problem", Static)
        for field in self.query(Input):
            field.remove_class("-invalid")
        try:
            params = self.params_from_fields()
            plan = build_plan(params)
        except ValidationError as error:
            self.plan = None
            problem.update(f"⚠ {error}")
            return
        problem.update("")
        self.plan = plan
        self._show_plan(plan)

    def _show_plan(self, plan: Plan) -> None:
        projection = plan.projection()
        lines = [
            f"{projection.cuts} cuts, {format_decimal(projection.start_mg)} → {format_decimal(projection.final_mg)} mg, "
            f"ends {projection.end_date.isoformat()} ({projection.total_days} days ≈ {projection.total_days // 7} weeks)",
        ]
        lines += [equivalent.describe() for equivalent in projection.diazepam[:1]]
        lines += [f"⚠ {warning}" for warning in plan.warnings()]
        self.query_one("#summary", Static).update("\n".join(lines))
        fill_step_table(self.query_one("#steps", DataTable), plan.steps, today=self.today, compact=True)

    # -- saving ----------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save_plan(self) -> None:
        """Save the previewed plan, after an explicit confirmation where the rules require one."""
        plan = self.plan
        if plan is None:
            self.notify("The plan has a field to fix first (shown under the fields).", severity="warning")
            return
        reasons = plan.confirmations_needed()
        if not reasons:
            self.dismiss(plan)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(plan)

        body = "\n".join(reasons) + "\n\nThe 2025 joint guideline suggests cuts of no more than 25 % every 2 weeks. Save this plan anyway?"
        self.app.push_screen(ConfirmDialog("This plan needs your confirmation", body, "Save anyway", "Go back"), answered)
