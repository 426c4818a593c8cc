"""Log: the day form — doses, anxiety, mood, sleep, phase, symptoms, note — for any past day.

What is typed is never thrown away behind the person's back: a wrong value stays in its field
with a message under it, moving to another day with unsaved changes asks first, and the app's
quit prompt asks :attr:`LogView.has_unsaved_changes`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM
from tui.core.symptoms import Symptom, catalogue, default_symptom, red_flags_in, symptom_key
from tui.core.validation import (
    ValidationError,
    parse_int,
    parse_note,
    parse_sleep_hours,
)
from tui.store.errors import StoreError
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.screens.date_prompt import DatePrompt
from tui.ui.screens.text_prompt import TextPrompt
from tui.ui.screens.unsaved_changes import UnsavedChangesDialog, UnsavedChoice
from tui.ui.session import Change, Origin, Session
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.intake_list import IntakeList
from tui.ui.widgets.symptom_list import SymptomList
from tui.ui.widgets.symptom_rating import SymptomRating
from tui.ui.widgets.value_field import ValueField

PHASE_OPTIONS = [("▲ window — a better stretch", "window"), ("▼ wave — a worse stretch", "wave")]
MAX_SYMPTOM_NAME = 40
DAY_MOVES = ("previous_day", "next_day")


def day_phrase(day: date, today: date) -> str:
    """``today (Monday 15 March)``, ``yesterday (…)`` or ``Friday 12 March 2027``, for sentences."""
    relative = {0: "today", 1: "yesterday"}.get((today - day).days)
    return f"{relative} ({day:%A} {day.day} {day:%B})" if relative else f"{day:%A} {day.day} {day:%B %Y}"


def day_title(day: date, today: date) -> str:
    """``Monday 15 March 2027 · today`` (``yesterday``, or nothing, for other days)."""
    relative = {0: " · today", 1: " · yesterday"}.get((today - day).days, "")
    return f"{day:%A} {day.day} {day:%B %Y}{relative}"


class LogView(JournalView):
    """The day form for one day at a time; ``[``/``]`` (or ctrl+←/→ inside fields) move a day."""

    BINDINGS = [
        Binding("ctrl+s", "save_day", "Save", key_display="^s"),
        Binding("ctrl+g", "prompt_date", "Go to date", key_display="^g"),
        # ctrl+←/→ work from inside the short fields too, so they are priority bindings; the
        # note keeps them for moving by word (see check_action).
        Binding("ctrl+left", "previous_day", "Prev day", key_display="^←", priority=True),
        Binding("ctrl+right", "next_day", "Next day", key_display="^→", priority=True),
        Binding("left_square_bracket", "previous_day", "Previous day", show=False),
        Binding("right_square_bracket", "next_day", "Next day", show=False),
        Binding("ctrl+n", "add_symptom", "Add symptom", show=False),
        Binding("enter", "start_form", "Start", show=False),
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.day: date | None = None
        """The day in the form (set when first shown: today)."""
        self._logged = False
        """Whether the day in the form was logged when it was loaded (or last saved)."""
        self._loaded_state: tuple[Any, ...] = ()
        self._carried: dict[str, int] = {}
        """Ratings of the loaded day for symptoms not on show (hidden ones): saved back unchanged."""

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="log-header", markup=False)
        with VerticalScroll(id="log-form"):
            yield Label("Doses taken (time optional)", classes="form-section -first")
            yield IntakeList(id="intakes")
            yield ValueField(
                "Anxiety",
                lambda t: parse_int("anxiety", t, ANXIETY.low, ANXIETY.high),
                f"{ANXIETY.low}–{ANXIETY.high}: {ANXIETY.meaning}",
                width=4,
                id="anxiety",
            )
            yield ValueField(
                "Mood",
                lambda t: parse_int("mood", t, MOOD.low, MOOD.high),
                f"{MOOD.low}–{MOOD.high}: {MOOD.meaning}",
                width=4,
                id="mood",
            )
            yield ValueField(
                "Sleep hours",
                lambda t: parse_sleep_hours(t, "sleep hours"),
                "hours slept, e.g. 6.5",
                width=6,
                id="sleep-hours",
            )
            yield ValueField(
                "Sleep quality",
                lambda t: parse_int("sleep quality", t, SLEEP_QUALITY.low, SLEEP_QUALITY.high),
                f"{SLEEP_QUALITY.low}–{SLEEP_QUALITY.high}: {SLEEP_QUALITY.meaning}",
                width=4,
                id="sleep-quality",
            )
            with Horizontal(id="phase-row"):
                yield Label("Phase")
                yield Select(PHASE_OPTIONS, prompt="neither", compact=True, id="phase")
            yield Label(f"Symptoms  {SYMPTOM.meaning}", classes="form-section")
            yield SymptomList(*self._catalogue(), id="symptoms")
            yield Static("", id="carried", markup=False)
            yield Label("Note (start a line with Q: to ask your prescriber)", classes="form-section")
            yield TextArea(compact=True, id="note", tab_behavior="focus")

    # -- parts ----------------------------------------------------------------------------------

    @property
    def intakes(self) -> IntakeList:
        return self.query_one("#intakes", IntakeList)

    @property
    def symptoms(self) -> SymptomList:
        return self.query_one("#symptoms", SymptomList)

    @property
    def note(self) -> TextArea:
        return self.query_one("#note", TextArea)

    @property
    def phase(self) -> Select[str]:
        return self.query_one("#phase", Select)

    def _field(self, field_id: str) -> ValueField[Any]:
        return self.query_one(f"#{field_id}", ValueField)

    @property
    def _value_fields(self) -> list[ValueField[Any]]:
        return [self._field(i) for i in ("anxiety", "mood", "sleep-hours", "sleep-quality")]

    def _catalogue(self) -> tuple[list[Symptom], int]:
        """The symptoms on show and how many are hidden (from the person's settings)."""
        settings = self.session.settings
        custom = list(settings.get("custom_symptoms") or [])
        hidden = set(settings.get("hidden_symptoms") or [])
        shown = catalogue(custom, hidden)
        return shown, len(hidden - {s.key for s in shown})

    # -- state ----------------------------------------------------------------------------------

    def _form_state(self) -> tuple[Any, ...]:
        """Everything typed, as typed: compared with the loaded state to spot unsaved changes."""
        return (
            self.intakes.raw,
            tuple(f.raw for f in self._value_fields),
            self.phase.value,
            tuple(sorted({**self._carried, **self.symptoms.values()}.items())),
            self.note.text,
        )

    @property
    def has_unsaved_changes(self) -> bool:
        """True when the form differs from what was loaded (or last saved) for its day."""
        return bool(self._loaded_state) and self._form_state() != self._loaded_state

    def concerns(self, change: Change) -> bool:
        # The form's own symptom-list edits rebuild the list in place (see _rebuild_symptoms);
        # a new date changes the header; the plan fills the doses of a day not yet logged.
        if change.origin is Origin.SETTINGS:
            return False
        return change.today or change.plan or (self.day is not None and change.touches_day(self.day))

    def refresh_data(self) -> None:
        """Reload the day from the journal — unless the form holds unsaved changes, which stay."""
        if self.day is None:
            self.day = self.today
        if not self.has_unsaved_changes:
            self._load(self.day)
        else:
            self._logged = self.journal.get_day(self.day) is not None
            self._update_header()

    def _load(self, day: date) -> None:
        """Fill the form with ``day``: its entry, or the plan's intakes when nothing is logged."""
        self.day = day
        entry = self.journal.get_day(day)
        self._logged = entry is not None
        if entry is None:
            entry = DayEntry(day=day, intakes=self.session.planned_intakes(day))
        self.intakes.set_intakes(entry.intakes)
        for field_id, value in (
            ("anxiety", entry.anxiety),
            ("mood", entry.mood),
            ("sleep-hours", entry.sleep_hours),
            ("sleep-quality", entry.sleep_quality),
        ):
            field = self._field(field_id)
            field.raw = "" if value is None else format_decimal(value) if field_id == "sleep-hours" else str(value)
            field.show_error(None)
        self.phase.value = entry.phase if entry.phase else Select.NULL
        self.symptoms.set_values(entry.symptoms)
        self._carried = {k: v for k, v in entry.symptoms.items() if k not in self.symptoms.keys}
        self.note.load_text(entry.note)
        self._show_carried()
        self._loaded_state = self._form_state()
        self._update_header()

    def _show_carried(self) -> None:
        carried = self.query_one("#carried", Static)
        if self._carried:
            listed = ", ".join(f"{self._symptom_label(k)} {v}" for k, v in sorted(self._carried.items()))
            carried.update(f"Also logged this day (hidden from the form, kept as they are): {listed}")
        else:
            carried.update("")
        carried.set_class(not self._carried, "-hidden")

    @staticmethod
    def _symptom_label(key: str) -> str:
        symptom = default_symptom(key)
        return symptom.label if symptom else key.replace("_", " ")

    def _update_header(self) -> None:
        if self.day is None:
            return
        logged = "logged" if self._logged else "not logged yet"
        parts = [day_title(self.day, self.today), logged]
        if self.session.read_only:
            parts.append("read-only")
        dirty = self.has_unsaved_changes
        if dirty:
            parts.append("● unsaved")
        header = self.query_one("#log-header", Static)
        header.update("  ·  ".join(parts))
        header.set_class(dirty, "-dirty")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SymptomRating.Changed)
    @on(IntakeList.Changed)
    def _form_changed(self) -> None:
        self._update_header()

    # -- reading and saving ---------------------------------------------------------------------

    def read_form(self) -> tuple[DayEntry | None, list[tuple[Widget, ValidationError]]]:
        """The entry the form describes, or ``None`` and every (widget, error) that is wrong.

        Each wrong field is marked where it is; nothing typed is changed.
        """
        assert self.day is not None
        problems: list[tuple[Widget, ValidationError]] = []
        intakes, intake_errors = self.intakes.parse()
        for error in intake_errors:
            row = next(r for n, r in enumerate(self.intakes.rows, 1) if error.field.startswith(f"dose {n}"))
            problems.append((row.time_input if error.field.endswith("time") else row.mg_input, error))
        values: dict[str, Any] = {}
        for field in self._value_fields:
            try:
                values[field.id or ""] = field.parse()
            except ValidationError as error:
                problems.append((field.input, error))
        try:
            note = parse_note(self.note.text)
        except ValidationError as error:
            problems.append((self.note, error))
            note = ""
        if problems:
            return None, problems
        phase = self.phase.value
        entry = DayEntry(
            day=self.day,
            intakes=intakes,
            anxiety=values["anxiety"],
            mood=values["mood"],
            sleep_hours=values["sleep-hours"],
            sleep_quality=values["sleep-quality"],
            symptoms={**self._carried, **self.symptoms.values()},
            phase=phase if isinstance(phase, str) else None,
            note=note,
        )
        return entry, []

    def save(self) -> bool:
        """Save the form through the session; False (and everything kept, marked) when it cannot.

        The session announces the saved day, and this view re-reads it from that announcement
        (one re-read); a red flag in what was logged opens the crisis panel.
        """
        if self.day is None:
            return False
        if self.session.read_only:
            self.notify(
                "This data file is open read-only, so nothing can be saved here. What you typed stays in the form.",
                title="Read-only",
                severity="warning",
                timeout=8,
            )
            return False
        entry, problems = self.read_form()
        if entry is None:
            widget, first = problems[0]
            count = "1 field needs" if len(problems) == 1 else f"{len(problems)} fields need"
            self.notify(f"{count} a look before saving: {first}", title="Not saved yet", severity="warning", timeout=8)
            widget.focus()
            return False
        try:
            saved = self.session.save_day(entry)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return False
        # What was typed is now what is stored: the form is clean until the re-read refills it.
        self._loaded_state = self._form_state()
        self._logged = not entry.is_empty()
        self._update_header()
        if entry.is_empty():
            existed = saved.previous is not None
            message = (
                f"Cleared {entry.day.isoformat()}" if existed else f"Nothing to save for {entry.day.isoformat()} yet"
            )
        else:
            message = f"Saved {entry.day.isoformat()}"
        self.notify(message, timeout=3)
        flagged = red_flags_in(entry.symptoms)
        if flagged:
            names = [symptom.label.lower() for symptom in flagged]
            self.app.push_screen(CrisisPanel(names, self.session.settings.get("region")))
        return True

    def action_save_day(self) -> None:
        """Save the day in the form (ctrl+s)."""
        self.save()

    # -- moving between days --------------------------------------------------------------------

    def go_to_day(self, day: date) -> None:
        """Show ``day`` in the form; asks first (save / discard / stay) if something is unsaved."""
        if day > self.today:
            self.notify(f"The log goes up to today ({self.today.isoformat()}).", timeout=4)
            return
        if day == self.day:
            return
        if not self.has_unsaved_changes:
            self._load(day)
            return
        assert self.day is not None
        leaving = self.day

        def answered(choice: UnsavedChoice | None) -> None:
            if choice == "save" and self.save():
                self._load(day)
            elif choice == "discard":
                self._load(day)
                self.notify(f"Changes to {leaving.isoformat()} discarded.", timeout=4)

        self.app.push_screen(
            UnsavedChangesDialog(day_phrase(leaving, self.today), day_phrase(day, self.today)), answered
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Inside the note, ctrl+←/→ keep their text-editing meaning (move by word).
        if action in DAY_MOVES and isinstance(self.screen.focused, TextArea):
            return False
        return True

    def action_previous_day(self) -> None:
        if self.day is not None:
            self.go_to_day(self.day - timedelta(days=1))

    def action_next_day(self) -> None:
        if self.day is not None:
            self.go_to_day(self.day + timedelta(days=1))

    def action_prompt_date(self) -> None:
        """Ask for a date (ISO, yesterday, -3) and go there."""
        if self.day is None:
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.go_to_day(day)

        self.app.push_screen(DatePrompt(self.today, self.day), chosen)

    def action_start_form(self) -> None:
        """Enter on the form itself (not in a field) puts the cursor in the first field."""
        if self.screen.focused is self.query_one("#log-form"):
            self.intakes.first_input().focus()

    # -- focus ----------------------------------------------------------------------------------

    def focus_content(self) -> None:
        # The form itself, not a text field: digits still switch views and [ ] move a day;
        # Tab or Enter goes into the first field.
        self.query_one("#log-form").focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        # Enter in a field moves on, like Tab: a day can be typed in without leaving the keys.
        # Buttons are skipped so that Enter, pressed again, never removes a dose by accident.
        event.stop()
        self.screen.focus_next("Input, Select, SymptomRating, TextArea")

    @on(Input.Blurred)
    def _check_left_field(self, event: Input.Blurred) -> None:
        # Say what is wrong as soon as a field is left, not only when saving.
        for field in self._value_fields:
            if field.input is event.input:
                try:
                    field.parse()
                except ValidationError:
                    pass
                return
        for number, row in enumerate(self.intakes.rows, start=1):
            if event.input in (row.time_input, row.mg_input):
                row.parse(number)
                return

    # -- the person's own symptom list ----------------------------------------------------------

    def _rebuild_symptoms(self, focus_key: str | None = None) -> None:
        shown, hidden_count = self._catalogue()
        keep = {**self._carried, **self.symptoms.values()}
        self.symptoms.rebuild(shown, hidden_count)
        self.symptoms.set_values(keep)
        self._carried = {k: v for k, v in keep.items() if k not in self.symptoms.keys}
        self._show_carried()
        rating = self.symptoms.rating(focus_key) if focus_key else None
        if rating is not None:
            self.call_after_refresh(rating.focus)
        self._update_header()

    def _update_symptom_settings(self, **changes: Any) -> bool:
        try:
            self.session.update_settings(**changes)
        except StoreError as error:
            self.notify(str(error), title="Symptom list not changed", severity="warning", timeout=8)
            return False
        return True

    def action_add_symptom(self) -> None:
        """Ask for the name of a symptom of the person's own and add it to the form."""

        def check(text: str) -> str:
            name = " ".join(text.split())
            key = symptom_key(name)
            if not key or len(name) > MAX_SYMPTOM_NAME:
                raise ValidationError("symptom", text, f"use a short name of 1 to {MAX_SYMPTOM_NAME} characters")
            if key in self.symptoms.keys:
                raise ValidationError("symptom", text, "it is already on the form")
            return name

        def chosen(name: str | None) -> None:
            if not name:
                return
            settings = self.session.settings
            key = symptom_key(name)
            hidden = [k for k in settings.get("hidden_symptoms") or [] if k != key]
            custom = list(settings.get("custom_symptoms") or [])
            if default_symptom(key) is None and key not in {symptom_key(c) for c in custom}:
                custom.append(name)
            if self._update_symptom_settings(custom_symptoms=custom, hidden_symptoms=hidden):
                self._rebuild_symptoms(focus_key=key)
                self.notify(f"Added {name}. It is on the form from now on.", timeout=4)

        self.app.push_screen(
            TextPrompt(
                "Add your own symptom", "A short name, e.g. Jaw clenching. It is rated 0–4 like the others.", check
            ),
            chosen,
        )

    @on(SymptomRating.HideRequested)
    def _hide_symptom(self, event: SymptomRating.HideRequested) -> None:
        symptom = event.rating.symptom
        if symptom.red_flag:
            self.notify(f"{symptom.label} is a red flag and stays on the form.", timeout=5)
            return
        order = [r.symptom.key for r in self.query(SymptomRating)]
        index = order.index(symptom.key)
        following = next((k for k in order[index + 1 :]), None)
        hidden = list(self.session.settings.get("hidden_symptoms") or [])
        if symptom.key not in hidden:
            hidden.append(symptom.key)
        if self._update_symptom_settings(hidden_symptoms=hidden):
            self._rebuild_symptoms(focus_key=following)
            self.notify(
                f"Hid {symptom.label}. “Show hidden symptoms again”, below the list, brings it back.", timeout=6
            )

    @on(Button.Pressed, "#show-hidden")
    def _show_hidden(self) -> None:
        if self._update_symptom_settings(hidden_symptoms=[]):
            self._rebuild_symptoms()
            self.notify("Every symptom is on the form again.", timeout=4)

    # -- drafts (the app keeps unsaved work beside the data file: tui.store.drafts) -----------

    def draft_state(self) -> dict[str, Any] | None:
        """The form's unsaved state as plain JSON data, as typed; ``None`` when nothing is unsaved."""
        if self.day is None or not self.has_unsaved_changes:
            return None
        return {
            "day": self.day.isoformat(),
            "intakes": [list(row) for row in self.intakes.raw],
            "fields": {field.id: field.raw for field in self._value_fields},
            "phase": self.phase.value if isinstance(self.phase.value, str) else None,
            "symptoms": {**self._carried, **self.symptoms.values()},
            "note": self.note.text,
        }

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Put a draft's state back in the form, on its day (shown as unsaved until saved)."""
        self._load(date.fromisoformat(state["day"]))
        rows = [(str(time), str(mg)) for time, mg in state.get("intakes", [])]
        self.intakes.set_intakes([Intake(Decimal(1))] * len(rows))
        for row, (time, mg) in zip(self.intakes.rows, rows, strict=False):
            row.time_input.value, row.mg_input.value = time, mg
        for field in self._value_fields:
            field.raw = str(state.get("fields", {}).get(field.id, field.raw))
        self.phase.value = state["phase"] if state.get("phase") in ("window", "wave") else Select.NULL
        levels = {str(k): int(v) for k, v in state.get("symptoms", {}).items()}
        self.symptoms.set_values(levels)
        self._carried = {k: v for k, v in levels.items() if k not in self.symptoms.keys}
        self._show_carried()
        self.note.load_text(str(state.get("note", "")))
        self._update_header()
