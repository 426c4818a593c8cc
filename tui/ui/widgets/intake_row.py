"""One intake of the Log: time, amount in the measured unit (or mg), the other unit, and on a
day of two drugs its drug (see :mod:`tui.ui.widgets.intake_list`, which holds the rows).

A row of a day of one drug reads its amount in the day's form. On a day of two drugs (a
crossover stage, docs/DOMAIN.md §3.12) the row names its drug first and reads its amount in that
drug's own form (:class:`DayDrugs`); ctrl+t changes the drug among the plan's.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tui.core.doses import format_mg
from tui.core.entry import Intake
from tui.core.formulations import Formulation
from tui.core.intake_drugs import DayDrugs
from tui.core.measured_dose import (
    MeasuredDose,
    dose_text,
    measured_unit,
    names_its_unit,
    other_unit_text,
    read_dose,
)
from tui.core.validation import ValidationError, parse_time
from tui.ui.widgets.field_input import FieldInput

PLANNED_TEXT = "planned, not taken yet"
"""Beside an offered intake: it is on the plan for later today and not counted as taken."""


class IntakeRow(Widget):
    """One intake: time, amount and its unit, the other unit beside it, a remove button, and a line for what is wrong.

    A grid (one line of fields, the error line spanning them below) rather than nested boxes:
    fewer widgets to style and lay out for every row.
    """

    DEFAULT_CSS = """
    IntakeRow {
        layout: grid;
        grid-size: 6;
        grid-columns: 8 8 10 10 1fr 11;
        grid-rows: 1 auto;
        height: auto;
    }
    IntakeRow .intake-label { width: 8; padding: 0 1; }
    IntakeRow .intake-time { width: 7; margin-right: 1; }
    IntakeRow .intake-amount { width: 10; }
    IntakeRow .intake-unit { width: 10; height: 1; padding-left: 1; }
    IntakeRow .intake-other { width: 1fr; height: 1; color: $text-muted; }
    IntakeRow .remove-intake { margin-left: 1; min-width: 10; }
    IntakeRow .field-error { display: none; color: $error; padding: 0 1 0 2; height: auto; column-span: 6; }
    IntakeRow .field-error.-shown { display: block; }
    IntakeRow .field-error.-hint { color: $text-warning; }
    IntakeRow Input.-error { background: $error 30%; text-style: bold; }
    IntakeRow.-drugs { grid-columns: 14 8 10 10 1fr 11; }
    IntakeRow.-drugs .intake-label { width: 14; text-style: bold; }
    """

    BINDINGS = [Binding("ctrl+t", "next_drug", "Row's drug", key_display="^t")]

    @dataclass
    class DrugChanged(Message):
        """The row's drug was changed (ctrl+t): its amount is read in another form now."""

        row: IntakeRow

    def __init__(
        self, intake: Intake | None = None, form: Formulation | None = None, *, planned: Intake | None = None
    ) -> None:
        super().__init__()
        self.form = form
        """The plan's formulation (the measured unit), or ``None``: mg."""
        self.planned = planned
        """The planned intake this row offers (not taken yet), or ``None``."""
        self.drugs: DayDrugs | None = None
        """On a day of two drugs, the drugs this row may be of (then :attr:`form` is its drug's)."""
        self.drug: str | None = None
        """The row's drug as stored (``None``: the plan's own); only read on a day of two drugs."""
        self._number = 1
        # Selected on focus (see tui.ui.widgets.field_input): typing replaces a pre-filled dose.
        self.time_input = FieldInput(classes="intake-time")
        self.amount_input = FieldInput(classes="intake-amount")
        self.unit_label = Label(measured_unit(form), classes="intake-unit")
        self.other = Static("", classes="intake-other", markup=False)
        self.error_line = Static("", classes="field-error", markup=False)
        self.label = Label("Dose", classes="intake-label")
        self._hint_amount: str | None = None
        """The amount ctrl+t left in the row while its note is shown under it (typing another ends the note)."""
        self.show(intake, planned=planned)

    def compose(self) -> ComposeResult:
        yield self.label
        yield self.time_input
        yield self.amount_input
        yield self.unit_label
        yield self.other
        yield Button("✕ remove", classes="remove-intake", compact=True)
        yield self.error_line

    def use_drugs(self, drugs: DayDrugs | None, drug: str | None = None) -> None:
        """Name ``drug`` on this row and measure it in that drug's form (``drugs``: a day of two
        drugs); ``None``: a day of one drug, the row as it always was."""
        self.drugs, self.drug = drugs, (drug if drugs is not None else None)
        if drugs is not None:
            self.form = drugs.form(self.drug)
        self.set_class(drugs is not None, "-drugs")
        self._show_label()
        self.refresh_bindings()

    def show(self, intake: Intake | None, *, planned: Intake | None = None) -> None:
        """Show ``intake`` (or nothing, or an offered ``planned`` one) in this row, with no error marks."""
        self.planned = planned
        if self.drugs is not None:
            shown = intake or planned
            self.use_drugs(self.drugs, shown.drug if shown is not None else None)
        self.time_input.show_value((intake.time or "") if intake else "")
        self.amount_input.show_value(dose_text(intake.mg, self.form) if intake else "")
        self.time_input.placeholder = planned.time if planned is not None and planned.time else "HH:MM"
        # An empty field has no placeholder: the unit is beside it already (written once).
        self.amount_input.placeholder = dose_text(planned.mg, self.form) if planned else ""
        for field in (self.time_input, self.amount_input):
            field.remove_class("-error")
        self._show_line("")
        self.update_other()

    def _show_line(self, text: str, *, hint: bool = False) -> None:
        """Say ``text`` under the row (an error, or a ``hint`` about what ctrl+t did); ``""`` hides it."""
        if not text and not self.error_line.has_class("-shown"):
            return  # nothing to clear: no layout pass
        self.error_line.update(text)
        self.error_line.set_class(bool(text), "-shown")
        self.error_line.set_class(hint, "-hint")
        self._hint_amount = self.amount_input.value if hint else None

    def number(self, number: int) -> None:
        """Label the row ``Dose N`` (rows are renumbered when one is removed); ``N drug`` on a day of two drugs."""
        self._number = number
        self._show_label()

    def _show_label(self) -> None:
        text = f"Dose {self._number}" if self.drugs is None else f"{self._number} {self.drugs.name(self.drug)}"
        if str(self.label.content) != text:
            self.label.update(text, layout=False)  # a fixed width (DEFAULT_CSS)

    @property
    def raw(self) -> tuple[str, ...]:
        """What is typed, unchanged: (time, amount), and the drug's name on a day of two drugs."""
        if self.drugs is None:
            return self.time_input.value, self.amount_input.value
        return self.time_input.value, self.amount_input.value, self.drugs.name(self.drug)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ctrl+t is in the key bar only on a row that may be of another drug.
        return action != "next_drug" or (self.drugs is not None and len(self.drugs.forms) > 1)

    def action_next_drug(self) -> None:
        """ctrl+t: the row's drug becomes the plan's next one, measured in that drug's form.

        An amount is never carried over to the other drug (1 tab of clonazepam 0.5 mg read as 1
        tab of diazepam 5 mg is ten times the mg): the row takes the new drug's planned amount at
        its time, or none, and says so under it."""
        if self.drugs is None:
            return
        before = self.drugs.name(self.drug)
        self.use_drugs(self.drugs, self.drugs.after(self.drug))
        name = self.drugs.name(self.drug)
        time = self.time_input.value.strip() or (self.planned.time if self.planned is not None else None) or ""
        planned = self.drugs.planned_at(self.drug, time)
        if self.planned is not None:  # an offered row: it offers the new drug's intake, or nothing
            self.planned = planned
            self.amount_input.placeholder = dose_text(planned.mg, self.form) if planned else ""
        typed = bool(self.amount_input.value.strip())
        if typed:
            self.amount_input.show_value(dose_text(planned.mg, self.form) if planned is not None else "")
        self.update_other()
        if typed and planned is not None:
            self._show_line(
                f"Now {name}: its planned {time} dose ({format_mg(planned.mg)}) filled in, check it", hint=True
            )
        elif typed:
            self._show_line(f"Now {name}: the {before} amount was cleared, type the {name} amount", hint=True)
        self.post_message(self.DrugChanged(self))

    def dose(self) -> MeasuredDose | None:
        """The amount typed, read; ``None`` when blank or not readable (no marks made)."""
        text = self.amount_input.value
        if not text.strip():
            return None
        try:
            return read_dose(text, self.form)
        except ValidationError:
            return None

    def update_other(self) -> None:
        """Show the other unit beside the amount (or that the row is an offered, planned intake)."""
        dose = self.dose()
        # The unit is written once: beside the field, unless the text names its own.
        # Both are one line high (DEFAULT_CSS): a new text needs no layout.
        self.unit_label.update(
            "" if names_its_unit(self.amount_input.value) else measured_unit(self.form), layout=False
        )
        if dose is not None:
            other = other_unit_text(dose, self.form)
        elif self.planned is not None and not any(text.strip() for text in self.raw[:2]):
            other = PLANNED_TEXT
        else:
            other = ""
        self.other.update(other, layout=False)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input is self.amount_input:
            self._take_offered_time()
        self.update_other()
        if self.error_line.has_class("-hint"):
            if self.amount_input.value != self._hint_amount:
                self._show_line("")  # another amount typed: ctrl+t's note is done
        elif self.error_line.has_class("-shown"):
            self.parse(self._number)  # an error goes as soon as the row is valid (or says what still is not)

    def _take_offered_time(self) -> None:
        """An amount typed into an offered row with no time typed takes the offered time, as text.

        The grey time is what the person read; stored without it, the day held a dose at no
        time. Emptied again, the amount gives the time back, and the row is offered again.
        """
        offered = self.planned.time if self.planned is not None else None
        if not offered:
            return
        typed = bool(self.amount_input.value.strip())
        if typed and not self.time_input.value:
            self.time_input.value = offered
        elif not typed and self.time_input.value == offered:
            self.time_input.value = ""

    def parse(self, number: int) -> tuple[Intake | None, list[ValidationError]]:
        """The intake typed here (``None`` when both fields are blank) and what is wrong with it.

        Every wrong field of the row is marked, and its message shown under the row.
        """
        time_text, amount_text = self.raw[:2]
        errors: list[ValidationError] = []
        dose = when = None
        if time_text.strip() or amount_text.strip():
            try:
                dose = read_dose(amount_text, self.form, f"dose {number}")
            except ValidationError as error:
                errors.append(error)
            if time_text.strip():
                try:
                    when = parse_time(time_text, f"dose {number} time")
                except ValidationError as error:
                    errors.append(error)
        self.time_input.set_class(any(e.field.endswith("time") for e in errors), "-error")
        self.amount_input.set_class(any(not e.field.endswith("time") for e in errors), "-error")
        if errors or not self.error_line.has_class("-hint"):  # ctrl+t's note stays while the row is valid
            self._show_line("\n".join(f"✗ {e}" for e in errors))
        if errors or dose is None:
            return None, errors
        return Intake(mg=dose.mg, time=when, drug=self.drug if self.drugs is not None else None), []
