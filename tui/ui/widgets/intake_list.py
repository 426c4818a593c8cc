"""The day's doses: one row per intake (time, amount in the measured unit or mg), and the daily total.

A person measures mL, drops, tablet pieces or mg of powder, so each row takes the amount in the
unit of the plan's formulation (or in mg, written with ``mg``) and shows the other unit beside
it as it is typed (``4.6 mL = 0.46 mg``); what is stored is the exact mg (see
:mod:`tui.core.measured_dose`). The sum below the rows is labelled *daily total*, so it is never
read as one intake. A planned intake later than now is *offered* — its time and amount shown
greyed as placeholders, "planned, not taken yet" — and counts for nothing until it is typed in;
an amount typed there takes the offered time as typed text, so what was read is what is stored.

On a day of two drugs (a crossover stage, docs/DOMAIN.md §3.12) each row names its drug at its
start and reads its amount in that drug's own form (a typed ``1`` on a diazepam 5 mg tablet row is
5 mg); ctrl+t changes a row's drug among the plan's (:class:`DayDrugs`), and the daily total
says each drug's total, never one sum of two drugs' mg. Any other day reads exactly as before.

Moving to another day must not cost a remount: the rows are a pool that only grows (one per
intake of the busiest day shown so far); a day with fewer intakes hides the rows it does not
need, and removing a dose hides its row at the end of the pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tui.core.doses import ZERO, format_decimal
from tui.core.entry import Intake
from tui.core.formulations import Formulation
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


@dataclass(frozen=True)
class DayDrugs:
    """The drugs a day's intakes may be of (a crossover day), each with the form it is measured in."""

    own: str
    """The plan's own drug (an intake of it is stored without a drug)."""
    forms: tuple[tuple[str | None, Formulation | None], ...]
    """(stored drug — ``None`` for :attr:`own` — and its form that day), the plan's own first."""

    def name(self, drug: str | None) -> str:
        """The drug's name as shown: ``clonazepam`` for ``None``."""
        return drug or self.own

    def form(self, drug: str | None) -> Formulation | None:
        """The form ``drug`` is measured in that day (``None``: mg)."""
        return dict(self.forms).get(drug)

    def after(self, drug: str | None) -> str | None:
        """The drug after ``drug`` in the plan's order, round again to the first (ctrl+t)."""
        order = [stored for stored, _form in self.forms]
        return order[(order.index(drug) + 1) % len(order)] if drug in order else order[0]


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
    IntakeRow Input.-error { background: $error 30%; text-style: bold; }
    IntakeRow.-drugs { grid-columns: 14 8 10 10 1fr 11; }
    IntakeRow.-drugs .intake-label { width: 14; text-style: bold; }
    """

    BINDINGS = [Binding("ctrl+t", "next_drug", "Drug", key_display="^t")]

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
        if self.error_line.has_class("-shown"):
            self.error_line.update("")
            self.error_line.remove_class("-shown")
        self.update_other()

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
        """ctrl+t: the row's drug becomes the plan's next one; its amount is read in that drug's form."""
        if self.drugs is None:
            return
        self.use_drugs(self.drugs, self.drugs.after(self.drug))
        self.update_other()
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
        if errors or self.error_line.has_class("-shown"):  # nothing to clear: no layout pass
            self.error_line.update("\n".join(f"✗ {e}" for e in errors))
            self.error_line.set_class(bool(errors), "-shown")
        if errors or dose is None:
            return None, errors
        return Intake(mg=dose.mg, time=when, drug=self.drug if self.drugs is not None else None), []


class IntakeList(Vertical):
    """All intake rows of the day, an "add dose" button and the daily total; always at least one row."""

    DEFAULT_CSS = """
    IntakeList { height: auto; }
    IntakeList > #intake-foot { height: 1; }
    IntakeList #add-intake { margin: 0 0 0 8; }
    IntakeList #daily-total { width: 1fr; height: 1; padding-left: 2; color: $text-muted; }
    """

    @dataclass
    class Changed(Message):
        """A row was added or removed."""

        intake_list: IntakeList

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.form: Formulation | None = None
        """The plan's formulation: doses are typed and shown in its unit (``None``: mg)."""
        self.drugs: DayDrugs | None = None
        """On a day of two drugs, the drugs its rows may be of (each row in its drug's form)."""
        # Our own lists of rows: values can be set and read right after a change, before
        # Textual has finished mounting row widgets.
        self._pool: list[IntakeRow] = [IntakeRow()]
        self.rows: list[IntakeRow] = list(self._pool)
        """The rows on show, in order (the first ones of the pool)."""
        self.total = Static("", id="daily-total", markup=False)

    def compose(self) -> ComposeResult:
        yield from self._pool
        with Horizontal(id="intake-foot"):
            yield Button("+ add dose", id="add-intake", compact=True)
            yield self.total

    def on_mount(self) -> None:
        self._renumber()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number(number)

    def _show_rows(self, count: int) -> None:
        """Show the first ``count`` rows of the pool (grown when it is too small), hide the others."""
        while len(self._pool) < count:
            row = IntakeRow(form=self.form)
            self._pool.append(row)
            self.mount(row, before="#intake-foot")
        self.rows = self._pool[:count]
        for index, row in enumerate(self._pool):
            shown = index < count
            if not shown and row.has_focus_within:
                # The field with the cursor goes away: the cursor goes to the last row on show.
                self.rows[-1].amount_input.focus()
            if row.display != shown:
                row.display = shown
        self._renumber()

    def set_intakes(
        self,
        intakes: Sequence[Intake],
        form: Formulation | None = None,
        offered: Sequence[Intake] = (),
        drugs: DayDrugs | None = None,
    ) -> None:
        """Show these intakes, one row each, then the ``offered`` (planned, not taken yet) ones.

        ``form`` is the plan's formulation (``None``: doses in mg); ``drugs``, on a day of two
        drugs, each row's choice of drug and form. One empty row when there is nothing.
        Rows are filled in place (the focused field keeps focus); see the module docstring.
        """
        shown: list[tuple[Intake | None, Intake | None]] = [(i, None) for i in intakes] + [(None, p) for p in offered]
        shown = shown or [(None, None)]
        self.form = form
        self.drugs = drugs
        self._show_rows(len(shown))
        for row, (intake, planned) in zip(self.rows, shown, strict=True):
            self._prepare(row)
            row.show(intake, planned=planned)
        self.update_total()

    def _prepare(self, row: IntakeRow) -> None:
        """Give ``row`` this day's form, or its drugs on a day of two (the row's drug is set by ``show``)."""
        row.form = self.form
        if row.drugs is not None or self.drugs is not None:
            row.use_drugs(self.drugs)

    @property
    def raw(self) -> tuple[tuple[str, ...], ...]:
        """Every row's typed text, blank rows included (for spotting unsaved changes)."""
        return tuple(row.raw for row in self.rows)

    def parse(self) -> tuple[tuple[Intake, ...], list[ValidationError]]:
        """The intakes typed (blank rows skipped) and every error found (each row marked)."""
        intakes: list[Intake] = []
        errors: list[ValidationError] = []
        for number, row in enumerate(self.rows, start=1):
            intake, row_errors = row.parse(number)
            errors.extend(row_errors)
            if intake is not None:
                intakes.append(intake)
        return tuple(intakes), errors

    def update_total(self) -> None:
        """``daily total 0.93 mg = 9.3 mL`` of the amounts typed (offered rows count for nothing);
        on a day of two drugs each drug's total: ``daily total clonazepam 0.75 mg + diazepam 5 mg``."""
        doses = [dose for row in self.rows if (dose := row.dose()) is not None]
        if not doses:
            self.total.update("", layout=False)
            return
        if self.drugs is not None:
            self.total.update(f"daily total {self._drug_totals()}", layout=False)
            return
        total = sum((dose.mg for dose in doses), ZERO)
        units = self.form.units_of(total) if self.form is not None else None
        measured = "" if units is None or measured_unit(self.form) == "mg" else f" = {self.form.unit_text(units)}"  # type: ignore[union-attr]
        self.total.update(f"daily total {format_decimal(total)} mg{measured}", layout=False)

    def _drug_totals(self) -> str:
        """Each drug's total of the amounts typed, the plan's own first (two drugs' mg never added)."""
        assert self.drugs is not None
        totals: dict[str | None, Decimal] = {stored: ZERO for stored, _form in self.drugs.forms}
        for row in self.rows:
            dose = row.dose()
            if dose is not None:
                totals[row.drug] = totals.get(row.drug, ZERO) + dose.mg
        return " + ".join(f"{self.drugs.name(d)} {format_decimal(mg)} mg" for d, mg in totals.items() if mg > 0)

    @on(IntakeRow.DrugChanged)
    def _drug_changed(self) -> None:
        self.update_total()
        self.post_message(self.Changed(self))

    @property
    def total_mg(self) -> Decimal:
        """The sum of the amounts typed that can be read (for tests and the header)."""
        return sum((dose.mg for row in self.rows if (dose := row.dose()) is not None), ZERO)

    @on(Input.Changed)
    def _typed(self) -> None:
        self.update_total()

    def first_input(self) -> Input:
        return self.rows[0].time_input

    @on(Button.Pressed, "#add-intake")
    def action_add_intake(self) -> None:
        """Add an empty row and put the cursor in its time field."""
        self._show_rows(len(self.rows) + 1)
        row = self.rows[-1]
        self._prepare(row)
        row.show(None)
        self.call_after_refresh(row.time_input.focus)
        self.post_message(self.Changed(self))

    @on(Button.Pressed, ".remove-intake")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        row = next(r for r in self.rows if event.button in r.query(Button))
        self.remove_row(row)

    def remove_row(self, row: IntakeRow) -> None:
        """Remove a row (the last one left is cleared instead, so there is always a row).

        The row is hidden and moved to the end of the pool, to be used again.
        """
        if len(self.rows) == 1:
            row.time_input.value = row.amount_input.value = ""
            row.time_input.focus()
        else:
            index = self.rows.index(row)
            neighbour = [r for r in self.rows if r is not row][min(index, len(self.rows) - 2)]
            neighbour.amount_input.focus()
            self._pool.remove(row)
            self._pool.append(row)
            self.move_child(row, after=self._pool[-2])
            row.show(None)
            self._show_rows(len(self.rows) - 1)
        self.update_total()
        self.post_message(self.Changed(self))
