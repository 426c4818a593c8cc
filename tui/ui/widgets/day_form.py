"""The Log's form for one day: doses, ratings and phase, symptoms, note — read and filled whole.

The form knows nothing of saving or of other days: the Log view fills it (:meth:`DayForm.load`),
compares :attr:`DayForm.state` with what it loaded to spot unsaved changes, and reads it back
(:meth:`DayForm.read`) with every wrong field marked where it is. Ratings of symptoms the person
has hidden are *carried*: listed under the symptoms, never shown as rows, and saved back
unchanged, so hiding a symptom never deletes its history.

The form is focusable itself, and Textual restyles a widget *and every descendant* when its
focus changes (``Widget.watch_has_focus`` → ``App.update_styles``): each move between the form
and a field, and each view switch away from it, restyled the whole form. No rule styles the
form's descendants by the form's ``:focus`` (nor by ``:focus-within``, which would make Textual
restyle them too), so the form restyles itself alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TextArea

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Formulation
from tui.core.intake_drugs import DayDrugs
from tui.core.scales import SYMPTOM, Phase
from tui.core.symptoms import Symptom, symptom_label
from tui.core.terminal_text import terminal_safe
from tui.core.validation import ValidationError, parse_note
from tui.ui.widgets.day_measures import DayMeasures
from tui.ui.widgets.intake_list import IntakeList
from tui.ui.widgets.note_area import NoteArea
from tui.ui.widgets.symptom_list import SymptomList

Problems = list[tuple[Widget, ValidationError]]
"""Each wrong field's widget (to focus) with what is wrong in it."""


class DayForm(VerticalScroll, can_focus=True):
    """Every field of a day, top to bottom; focusable itself so digits and ``[ ]`` still navigate."""

    BINDINGS = [Binding("n", "no_symptoms", "No symptoms")]

    def __init__(self, symptoms: list[Symptom], hidden_count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._catalogue = (symptoms, hidden_count)
        self.carried: dict[str, int] = {}
        """Ratings of the loaded day for symptoms not on show (hidden ones): saved back unchanged."""
        self.custom_names: tuple[str, ...] = ()
        """The person's own symptom names as typed (to list carried ratings by name)."""

    def compose(self) -> ComposeResult:
        intakes = IntakeList(id="intakes")
        intakes.border_title = "Doses taken (time optional)"
        yield intakes
        yield DayMeasures(id="measures")
        yield SymptomList(self._catalogue[0], id="symptoms")
        yield Button("", id="show-hidden", compact=True)
        yield Static("", id="carried", markup=False)
        note = NoteArea(compact=True, id="note", tab_behavior="focus")
        note.border_title = "Note (start a line with Q: to ask your prescriber)"
        yield note

    @property
    def intakes(self) -> IntakeList:
        return self.query_one("#intakes", IntakeList)

    @property
    def measures(self) -> DayMeasures:
        return self.query_one("#measures", DayMeasures)

    @property
    def symptoms(self) -> SymptomList:
        return self.query_one("#symptoms", SymptomList)

    @property
    def note(self) -> TextArea:
        return self.query_one("#note", TextArea)

    @property
    def state(self) -> tuple[Any, ...]:
        """Everything typed, as typed: compared with the loaded state to spot unsaved changes."""
        return (
            self.intakes.raw,
            self.measures.raw,
            tuple(sorted({**self.carried, **self.symptoms.values()}.items())),
            self.note.text,
        )

    def on_mount(self) -> None:
        self._show_hidden_count(self._catalogue[1])

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the form alone when it gains or loses focus, not its descendants (module docstring)."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def _show_hidden_count(self, hidden_count: int) -> None:
        """The "show hidden symptoms again" button: only when some are hidden, saying how many."""
        button = self.query_one("#show-hidden", Button)
        plural = "symptom" if hidden_count == 1 else "symptoms"
        button.label = f"Show {hidden_count} hidden {plural} again"
        button.display = hidden_count > 0

    def load(
        self,
        entry: DayEntry,
        form: Formulation | None,
        offered: tuple[Intake, ...] = (),
        drugs: DayDrugs | None = None,
    ) -> None:
        """Show ``entry`` (doses in ``form``'s unit, or each in its drug's on a day of two ``drugs``),
        then the ``offered`` planned intakes not taken yet."""
        self.intakes.set_intakes(entry.intakes, form, offered, drugs)
        self.measures.load(entry)
        self.symptoms.set_values(entry.symptoms)
        self.carried = {k: v for k, v in entry.symptoms.items() if k not in self.symptoms.keys}
        self.note.load_text(entry.note)
        self._show_carried()

    def draft(self) -> dict[str, Any]:
        """Everything typed, as typed, in plain JSON data: what a draft beside the data file keeps."""
        return {
            "intakes": [list(raw) for raw in self.intakes.raw],
            "fields": {field.id: field.raw for field in self.measures.fields},
            "phase": self.measures.phase_value,
            "symptoms": {**self.carried, **self.symptoms.values()},
            "note": self.note.text,
        }

    def restore(self, draft: Mapping[str, Any]) -> None:
        """Put a :meth:`draft` back as it was typed (over the day it was typed for, loaded first)."""
        rows = [tuple(str(part) for part in raw) for raw in draft.get("intakes", [])]
        drugs = self.intakes.drugs
        # One row per typed row: placeholders make the rows (each of its drug, on a day of two),
        # then each gets its text as typed.
        self.intakes.set_intakes(
            [Intake(Decimal(1), None, _stored_drug(drugs, raw)) for raw in rows], self.intakes.form, (), drugs
        )
        for row, raw in zip(self.intakes.rows, rows, strict=False):
            row.time_input.value, row.amount_input.value = raw[0], raw[1]
        fields = draft.get("fields", {})
        for field in self.measures.fields:
            field.raw = str(fields.get(field.id, field.raw))
        phase = draft.get("phase")
        self.measures.phase.value = phase if phase in tuple(Phase) else Select.NULL
        levels = {str(key): int(level) for key, level in draft.get("symptoms", {}).items()}
        self.symptoms.set_values(levels)
        self.carried = {key: level for key, level in levels.items() if key not in self.symptoms.keys}
        self.note.load_text(str(draft.get("note", "")))
        self._show_carried()

    def rebuild_symptoms(self, symptoms: list[Symptom], hidden_count: int, focus_key: str | None = None) -> None:
        """Show another catalogue (a symptom added or hidden), keeping every rating by key."""
        keep = {**self.carried, **self.symptoms.values()}
        self.symptoms.rebuild(symptoms)
        self.symptoms.set_values(keep)
        self.carried = {k: v for k, v in keep.items() if k not in self.symptoms.keys}
        self._show_carried()
        self._show_hidden_count(hidden_count)
        if focus_key and self.symptoms.move_to(focus_key):
            self.symptoms.focus()

    def _show_carried(self) -> None:
        carried = self.query_one("#carried", Static)
        text = ""
        if self.carried:
            listed = ", ".join(f"{symptom_label(k, self.custom_names)} {v}" for k, v in sorted(self.carried.items()))
            text = terminal_safe(f"Also logged this day (hidden from the form, kept as they are): {listed}")
        # Most days carry nothing: leave the hidden line alone then (an update costs a layout pass).
        if text != str(carried.content):
            carried.update(text)
        carried.set_class(not self.carried, "-hidden")

    def read(self, day: date) -> tuple[DayEntry | None, Problems]:
        """The entry the form describes for ``day``, or ``None`` and every (widget, error) that is wrong.

        Each wrong field is marked where it is; nothing typed is changed.
        """
        problems: Problems = []
        intakes, intake_errors = self.intakes.parse()
        for error in intake_errors:
            row = next(r for n, r in enumerate(self.intakes.rows, 1) if error.field.startswith(f"dose {n}"))
            problems.append((row.time_input if error.field.endswith("time") else row.amount_input, error))
        values, value_problems = self.measures.parse()
        problems.extend(value_problems)
        try:
            note = parse_note(self.note.text)
        except ValidationError as error:
            problems.append((self.note, error))
            note = ""
        if problems:
            return None, problems
        entry = DayEntry(
            day=day,
            intakes=intakes,
            anxiety=values["anxiety"],
            mood=values["mood"],
            sleep_hours=values["sleep-hours"],
            sleep_quality=values["sleep-quality"],
            symptoms={**self.carried, **self.symptoms.values()},
            phase=self.measures.phase_value,
            note=note,
        )
        return entry, []

    def action_no_symptoms(self) -> None:
        """``n``: "no symptoms today" — 0 (none) for every symptom on show not rated yet."""
        changed = self.symptoms.rate_unrated(SYMPTOM.low)
        if changed:
            self.notify(
                f"{len(changed)} symptoms not rated yet set to {SYMPTOM.low} ({SYMPTOM.label(SYMPTOM.low)}); "
                "rated ones kept. Save with ctrl+s.",
                timeout=5,
            )
        else:
            self.notify("Every symptom on the form is already rated.", timeout=4)

    @on(Input.Blurred)
    def _check_left_field(self, event: Input.Blurred) -> None:
        # Say what is wrong as soon as a field is left, not only when saving.
        if self.measures.check_left(event.input):
            return
        for number, row in enumerate(self.intakes.rows, start=1):
            if event.input in (row.time_input, row.amount_input):
                row.parse(number)
                return


def _stored_drug(drugs: DayDrugs | None, raw: tuple[str, ...]) -> str | None:
    """The stored drug of a draft's row ``(time, amount, drug name)`` on a day of two drugs."""
    if drugs is None or len(raw) < 3:
        return None
    return next((stored for stored, _form in drugs.forms if drugs.name(stored) == raw[2]), None)
