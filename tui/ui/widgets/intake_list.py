"""The day's doses: one row per intake (time HH:MM and mg), rows added and removed by key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from tui.core.doses import format_decimal
from tui.core.entry import Intake
from tui.core.validation import ValidationError, parse_mg, parse_time


class IntakeRow(Vertical):
    """One intake: a time and an amount, a remove button, and a line for what is wrong."""

    DEFAULT_CSS = """
    IntakeRow { height: auto; }
    IntakeRow > Horizontal { height: 1; }
    IntakeRow .intake-label { width: 16; padding: 0 1; }
    IntakeRow .intake-time { width: 7; margin-right: 1; }
    IntakeRow .intake-mg { width: 10; }
    IntakeRow .intake-unit { width: 4; padding-left: 1; }
    IntakeRow .remove-intake { margin-left: 1; min-width: 10; }
    IntakeRow .field-error { display: none; color: $error; padding: 0 1 0 2; height: auto; }
    IntakeRow .field-error.-shown { display: block; }
    IntakeRow Input.-error { background: $error 30%; text-style: bold; }
    """

    def __init__(self, intake: Intake | None = None) -> None:
        super().__init__()
        self.time_input = Input(
            intake.time or "" if intake else "",
            placeholder="HH:MM",
            compact=True,
            classes="intake-time",
            select_on_focus=False,
        )
        self.mg_input = Input(
            format_decimal(intake.mg) if intake else "",
            placeholder="mg",
            compact=True,
            classes="intake-mg",
            select_on_focus=False,
        )
        self.error_line = Static("", classes="field-error", markup=False)
        self.label = Label("Dose", classes="intake-label")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield self.label
            yield self.time_input
            yield self.mg_input
            yield Label("mg", classes="intake-unit")
            yield Button("✕ remove", classes="remove-intake", compact=True)
        yield self.error_line

    def show(self, intake: Intake | None) -> None:
        """Show ``intake`` (or nothing) in this row, with no error marks."""
        self.time_input.value = (intake.time or "") if intake else ""
        self.mg_input.value = format_decimal(intake.mg) if intake else ""
        for field in (self.time_input, self.mg_input):
            field.remove_class("-error")
        self.error_line.update("")
        self.error_line.remove_class("-shown")

    def number(self, number: int) -> None:
        """Label the row ``Dose N`` (rows are renumbered when one is removed)."""
        self.label.update(f"Dose {number}")

    @property
    def raw(self) -> tuple[str, str]:
        """What is typed, unchanged: (time, mg)."""
        return self.time_input.value, self.mg_input.value

    def parse(self, number: int) -> tuple[Intake | None, list[ValidationError]]:
        """The intake typed here (``None`` when both fields are blank) and what is wrong with it.

        Every wrong field of the row is marked, and its message shown under the row.
        """
        time_text, mg_text = self.raw
        errors: list[ValidationError] = []
        mg = when = None
        if time_text.strip() or mg_text.strip():
            try:
                mg = parse_mg(mg_text, f"dose {number}")
            except ValidationError as error:
                errors.append(error)
            if time_text.strip():
                try:
                    when = parse_time(time_text, f"dose {number} time")
                except ValidationError as error:
                    errors.append(error)
        self.time_input.set_class(any(e.field.endswith("time") for e in errors), "-error")
        self.mg_input.set_class(any(not e.field.endswith("time") for e in errors), "-error")
        self.error_line.update("\n".join(f"✗ {e}" for e in errors))
        self.error_line.set_class(bool(errors), "-shown")
        if errors or mg is None:
            return None, errors
        return Intake(mg=mg, time=when), []


class IntakeList(Vertical):
    """All intake rows of the day and an "add dose" button; always at least one row."""

    DEFAULT_CSS = """
    IntakeList { height: auto; }
    IntakeList > #add-intake { margin: 0 0 0 16; }
    """

    @dataclass
    class Changed(Message):
        """A row was added or removed."""

        intake_list: IntakeList

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Our own list of rows: values can be set and read right after a change, before
        # Textual has finished mounting or removing row widgets.
        self.rows: list[IntakeRow] = [IntakeRow()]

    def compose(self) -> ComposeResult:
        yield from self.rows
        yield Button("+ add dose", id="add-intake", compact=True)

    def on_mount(self) -> None:
        self._renumber()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number(number)

    def set_intakes(self, intakes: Sequence[Intake]) -> None:
        """Show these intakes, one row each (one empty row when there are none)."""
        if len(self.rows) == max(1, len(intakes)):
            # Same number of rows: fill them in place, so the focused field keeps focus.
            for row, intake in zip(self.rows, intakes or (None,)):
                row.show(intake)
            return
        for row in self.rows:
            row.remove()
        self.rows = [IntakeRow(intake) for intake in intakes] or [IntakeRow()]
        self.mount_all(self.rows, before="#add-intake")
        self._renumber()

    @property
    def raw(self) -> tuple[tuple[str, str], ...]:
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

    def first_input(self) -> Input:
        return self.rows[0].time_input

    @on(Button.Pressed, "#add-intake")
    def action_add_intake(self) -> None:
        """Add an empty row and put the cursor in its time field."""
        row = IntakeRow()
        self.rows.append(row)
        self.mount(row, before="#add-intake")
        self._renumber()
        self.call_after_refresh(row.time_input.focus)
        self.post_message(self.Changed(self))

    @on(Button.Pressed, ".remove-intake")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        row = next(r for r in self.rows if event.button in r.query(Button))
        self.remove_row(row)

    def remove_row(self, row: IntakeRow) -> None:
        """Remove a row (the last one left is cleared instead, so there is always a row)."""
        if len(self.rows) == 1:
            row.time_input.value = row.mg_input.value = ""
            row.time_input.focus()
        else:
            index = self.rows.index(row)
            self.rows.remove(row)
            row.remove()
            self._renumber()
            neighbour = self.rows[min(index, len(self.rows) - 1)]
            neighbour.mg_input.focus()
        self.post_message(self.Changed(self))
