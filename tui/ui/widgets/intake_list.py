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
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from tui.core.doses import ZERO, format_decimal
from tui.core.entry import Intake
from tui.core.formulations import Formulation
from tui.core.intake_drugs import DayDrugs
from tui.core.measured_dose import measured_unit
from tui.core.validation import ValidationError
from tui.ui.widgets.intake_row import PLANNED_TEXT, IntakeRow

__all__ = ["PLANNED_TEXT", "IntakeList", "IntakeRow"]


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
