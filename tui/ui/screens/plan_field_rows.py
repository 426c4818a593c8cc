"""The plan editor's field rows: one label and one input (or choice) per plan field, two to a row.

Rule: every row is built from a :class:`~tui.core.plan_input.PlanField`, so its label is the one
the messages name, and each input has one fixed id (:data:`INPUT_IDS`; a way of measuring's
number fields are ``form-0`` … ``form-2``, the second form's ``then-0`` … ``then-2``, the form of
the drug crossed over to ``to-0`` … ``to-2``), which is how the editor reads the fields back and
marks the one at fault.
"""

from __future__ import annotations

from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from tui.core import plan_input as pi
from tui.core.doses import format_decimal
from tui.core.formulations import Formulation
from tui.core.plan_model import PlanParams

INPUT_IDS: dict[str, str] = {
    pi.DRUG.key: "drug", pi.START.key: "start", pi.DOSE.key: "dose", pi.INTAKES.key: "intakes", pi.SPLIT.key: "split",
    pi.CUT_FIRST.key: "cut-first", pi.CUT.key: "cut", pi.EVERY.key: "every", pi.HOLD.key: "hold",
    pi.JUMP_OFF.key: "jump-off", pi.TARGET.key: "target", pi.EMAX.key: "emax", pi.EC50.key: "ec50",
    pi.STEPS.key: "occ-steps", pi.CUSTOM.key: "custom", pi.ORDER.key: "order",
    pi.BELOW.key: "below", pi.SWITCH_BELOW.key: "switch-below", pi.CROSSOVER_TO.key: "crossover-to",
    pi.CROSSOVER_STAGES.key: "crossover-stages", pi.CROSSOVER_EVERY.key: "crossover-every",
    pi.CROSSOVER_FIRST.key: "crossover-first", pi.EQUIVALENCE.key: "equivalence",
}  # fmt: skip
"""Plan field key → the id of its Input (the measuring fields use ``form-0`` … ``form-2``, the
second form's ``then-0`` … ``then-2``)."""

FORMS: dict[str, tuple[pi.FormFields, dict[str, pi.FormKind]]] = {
    "form": (pi.FIRST_FORM, pi.KINDS),
    "then": (pi.THEN_FORM_FIELDS, pi.THEN_KINDS),
    "to": (pi.TO_FORM_FIELDS, pi.TO_KINDS),
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


CROSSOVER_ROWS = "crossover"
"""The class of the crossover's detail rows, shown once a drug to cross over to is typed."""


def crossover_rows(p: PlanParams | None) -> ComposeResult:
    """docs/DOMAIN.md §3.12: the drug to cross over to, then its stages, table and form (the details
    hidden until a drug is typed)."""
    crossing = p is not None and p.crosses_over
    yield field_row(pi.CROSSOVER_TO, p.crossover_to if p and crossing else "", "none, or e.g. diazepam")
    detail = f"row {CROSSOVER_ROWS}"
    yield field_row(pi.CROSSOVER_STAGES, str(p.crossover_stages) if p else "4", classes=detail)
    yield field_row(pi.CROSSOVER_EVERY, str(p.crossover_every) if p else "7", classes=detail)
    first = "" if p is None or p.crossover_first is None else str(p.crossover_first + 1)
    yield field_row(pi.CROSSOVER_FIRST, first, "last of the day", classes=detail)
    yield field_row(pi.EQUIVALENCE, p.equivalence if p else "ashton", "ashton or va-dod", classes=detail)
    formulation = p.crossover_formulation if p is not None else None
    kind, numbers = form_fields_of(formulation) if formulation is not None else ("tablet", [])
    yield from form_rows("to", kind, numbers)
