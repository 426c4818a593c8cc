"""The plan editor's field rows: one label and one input (or choice) per plan field, two to a row.

Rule: every row is built from a :class:`~tui.core.plan_input.PlanField`, so its label is the one
the messages name, and each input has one fixed id (:data:`INPUT_IDS`; a way of measuring's
number fields are ``form-0`` … ``form-2``, the second form's ``then-0`` … ``then-2``), which is
how the editor reads the fields back and marks the one at fault.
"""

from __future__ import annotations

from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.formulations import Formulation

INPUT_IDS: dict[str, str] = {
    pi.DRUG.key: "drug", pi.START.key: "start", pi.DOSE.key: "dose", pi.INTAKES.key: "intakes", pi.SPLIT.key: "split",
    pi.CUT_FIRST.key: "cut-first", pi.CUT.key: "cut", pi.EVERY.key: "every", pi.HOLD.key: "hold",
    pi.JUMP_OFF.key: "jump-off", pi.TARGET.key: "target", pi.EMAX.key: "emax", pi.EC50.key: "ec50",
    pi.STEPS.key: "occ-steps", pi.CUSTOM.key: "custom", pi.ORDER.key: "order",
    pi.BELOW.key: "below", pi.SWITCH_BELOW.key: "switch-below",
}  # fmt: skip
"""Plan field key → the id of its Input (the measuring fields use ``form-0`` … ``form-2``, the
second form's ``then-0`` … ``then-2``)."""

FORMS: dict[str, tuple[pi.FormFields, dict[str, pi.FormKind]]] = {
    "form": (pi.FIRST_FORM, pi.KINDS),
    "then": (pi.THEN_FORM_FIELDS, pi.THEN_KINDS),
}
"""The id prefix of each way of measuring's rows → its fields and kinds."""


def form_fields_of(formulation: Formulation) -> tuple[str, list[str]]:
    """The editor's kind and field texts for an existing formulation (to edit a stored plan)."""
    record = formulation.to_record()
    kind = str(record.get("kind", "increment"))
    numbers = [str(value) for key, value in record.items() if key != "kind"]
    return kind, numbers


def mg_text(amounts: tuple[Decimal, ...]) -> str:
    """``0.5+0.25``: intake amounts as the split field reads them back."""
    return "+".join(format_decimal(mg) for mg in amounts)


def field_row(field: pi.PlanField, value: str, placeholder: str = "", classes: str = "row") -> Horizontal:
    """A label and an input for ``field``."""
    widget = Input(value, id=INPUT_IDS[field.key], compact=True, placeholder=placeholder)
    return Horizontal(Label(field.label), widget, classes=classes)


def select_row(field: pi.PlanField, options: list[tuple[str, str]], value: str, widget_id: str) -> Horizontal:
    """A label and a choice (``widget_id``; the row is ``widget_id-row``)."""
    select = Select(options, value=value, id=widget_id, compact=True, allow_blank=False)
    return Horizontal(Label(field.label), select, classes="row", id=f"{widget_id}-row")


def form_rows(prefix: str, kind: str, numbers: list[str]) -> ComposeResult:
    """The choice of a way of measuring (``prefix``: ``form`` or ``then``) and its up to three numbers."""
    fields, kinds = FORMS[prefix]
    options = [(k.label, k.key) for k in kinds.values()]
    yield select_row(fields.form, options, kind, f"{prefix}-kind")
    for index in range(3):
        value = numbers[index] if index < len(numbers) else ""
        yield Horizontal(
            Label("", id=f"{prefix}-label-{index}"),
            Input(value, id=f"{prefix}-{index}", compact=True),
            classes="row",
            id=f"{prefix}-row-{index}",
        )
