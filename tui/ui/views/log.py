"""Log: the day form — doses, anxiety, mood, sleep, phase, symptoms, note — for any past day.

What is typed is never thrown away behind the person's back: a wrong value stays in its field
with a message under it, moving to another day with unsaved changes asks first, and the app's
quit prompt asks :attr:`LogView.has_unsaved_changes`. Doses are typed in the unit the person
measures (see :mod:`tui.ui.widgets.intake_list`); today, a planned intake later than the
session's clock, or with no known time, is offered, not filled in as taken. Doses that look like a typo
(:func:`tui.core.plausibility.day_dose_warnings`) are named in a dialog before they are saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, TextArea

from tui.core.entry import DayEntry, Intake
from tui.core.intake_drugs import (
    day_drugs,
    every_intake_logged,
    intakes_expected,
    intakes_logged,
    names_day_drugs,
    partly_logged,
    planned_drug_intakes,
)
from tui.core.measured_forms import form_on
from tui.core.plausibility import day_dose_warnings
from tui.core.symptoms import red_flags_in
from tui.store.errors import StoreError
from tui.ui.session import Change, Origin, Session
from tui.ui.views.log_symptoms import SymptomListEditing
from tui.ui.widgets.day_form import DayForm, Problems
from tui.ui.widgets.intake_list import IntakeList
from tui.ui.widgets.log_header import LogHeader, day_phrase
from tui.ui.widgets.symptom_list import SymptomList

if TYPE_CHECKING:
    from tui.ui.screens.unsaved_changes import UnsavedChoice

DAY_MOVES = ("previous_day", "next_day")


class LogView(SymptomListEditing):
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
        # Enter moves the cursor as a priority binding: it runs when the key is taken from the
        # queue, before the keys typed after it are handed to the focused widget, so they follow
        # the cursor (a deferred focus, or Input.Submitted, lets them land in the old field).
        Binding("enter", "enter_key", "Next field", show=False, priority=True),
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.day: date | None = None
        """The day in the form (set when first shown: today)."""
        self._logged: bool | str = False
        """Whether the day in the form was logged when it was loaded (or last saved): ``1 of 2``
        when it holds some of its planned intakes only (:meth:`_logged_state`)."""
        self._loaded_state: tuple[Any, ...] = ()
        self._saved_day: date | None = None
        """The day last saved from the form, while it is in the form: the header says "saved"."""

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LogHeader(id="log-header")
        yield DayForm(*self._catalogue(), id="log-form")

    # -- parts ----------------------------------------------------------------------------------

    @property
    def intakes(self) -> IntakeList:
        return self.form.intakes

    @property
    def note(self) -> TextArea:
        return self.form.note

    @property
    def phase(self) -> Select[str]:
        return self.form.measures.phase

    def _symptoms_rebuilt(self) -> None:
        self._update_header()

    def _form_state(self) -> tuple[Any, ...]:
        return self.form.state

    # -- state ----------------------------------------------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        """True when the form differs from what was loaded (or last saved) for its day."""
        return bool(self._loaded_state) and self._form_state() != self._loaded_state

    @property
    def unsaved_summary(self) -> str:
        """Whose changes are unsaved, for a sentence: ``The Log for yesterday (Sunday 14 March)``."""
        return "The Log" if self.day is None else f"The Log for {day_phrase(self.day, self.today)}"

    def concerns(self, change: Change) -> bool:
        # The form's own symptom-list edits rebuild the list in place (see log_symptoms);
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
            self._logged = self._logged_state(self.journal.get_day(self.day))
            self._update_header()

    def _due_and_offered(self, day: date) -> tuple[tuple[Intake, ...], tuple[Intake, ...]]:
        """The plan's intakes for a day not logged: (pre-filled as taken, offered for later).

        Today, only an intake whose time has come is pre-filled: one later than the session's
        clock is not taken yet, and one with no known time (a plan made without intake times)
        may not be either, so both are offered — pre-filled, a save would log an evening dose
        as taken at noon and silence its reminder. Past days pre-fill everything. On a day of two
        drugs (a crossover stage) each drug of each intake is its own row, naming its drug.
        """
        plan = self.session.plan
        if plan is not None and names_day_drugs(plan, DayEntry(day)):
            planned = planned_drug_intakes(plan, self.session.settings.intake_times, day)
        else:
            planned = self.session.planned_intakes(day)
        if day != self.today:
            return planned, ()
        now = self.session.now().strftime("%H:%M")
        due = tuple(i for i in planned if i.time is not None and i.time <= now)
        return due, tuple(i for i in planned if i.time is None or i.time > now)

    def _load(self, day: date) -> None:
        """Fill the form with ``day``: its entry, or the plan's intakes due by now when nothing is logged."""
        if day != self.day:
            self._saved_day = None
            # A new day is read from its doses: left scrolled where the last one was (the
            # symptoms, the note), its doses would be off the screen.
            self.form.scroll_home(animate=False, immediate=True)
        self.day = day
        entry = self.journal.get_day(day)
        self._logged = self._logged_state(entry)
        offered: tuple[Intake, ...] = ()
        if entry is None:
            due, offered = self._due_and_offered(day)
            entry = DayEntry(day=day, intakes=due)
        plan = self.session.plan
        self.form.custom_names = self.session.settings.custom_symptoms
        self.form.load(
            entry, form_on(plan, day), offered, day_drugs(plan, entry, offered, self.session.settings.intake_times)
        )
        self._loaded_state = self._form_state()
        self._update_header()

    def _logged_state(self, stored: DayEntry | None) -> bool | str:
        """What the header says of the stored day: ``1 of 2`` (intakes logged) when it holds some
        of the intakes planned only, as ``taper-tui status`` says, else whether anything is stored."""
        if stored is None:
            return False
        expected = intakes_expected(self.session.plan, stored.day, self.session.settings.intakes_per_day)
        if every_intake_logged(stored, expected):
            return True
        return partly_logged(intakes_logged(stored), expected) or True

    def _update_header(self) -> None:
        if self.day is None:
            return
        self.query_one(LogHeader).show(
            self.day,
            self.today,
            logged=self._logged,
            read_only=self.session.read_only,
            dirty=self.has_unsaved_changes,
            saved=self._saved_day == self.day,
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SymptomList.Changed)
    @on(IntakeList.Changed)
    def _form_changed(self) -> None:
        self._update_header()

    # -- reading and saving ---------------------------------------------------------------------

    def read_form(self) -> tuple[DayEntry | None, Problems]:
        """The entry the form describes, or ``None`` and every (widget, error) that is wrong."""
        assert self.day is not None
        return self.form.read(self.day)

    def _warnings(self, entry: DayEntry) -> list[str]:
        """What looks wrong with the doses — asked only when they were changed in the form."""
        if self._loaded_state and self.intakes.raw == self._loaded_state[0]:
            return []
        return day_dose_warnings(
            entry, self.session.plan, self.session.settings, lambda: self.journal.get_day(entry.day - timedelta(days=1))
        )

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save the form through the session; False (and everything kept, marked) when it is not saved now.

        Doses that look wrong open :class:`PlausibilityDialog` first: "Go back" (the default)
        saves nothing; "Save anyway" saves and then calls ``then``. The session announces the
        saved day, and this view re-reads it from that announcement (one re-read); a red flag in
        what was logged opens the crisis panel.
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
            self.notify(
                f"{count} a look before saving: {first}",
                title="Not saved yet",
                severity="warning",
                timeout=8,
                markup=False,
            )
            widget.focus()
            return False
        warnings = self._warnings(entry)
        if warnings:

            def answered(save_anyway: bool | None) -> None:
                if save_anyway and self._commit(entry) and then is not None:
                    then()

            from tui.ui.screens.plausibility_dialog import PlausibilityDialog  # dialogs load on first use

            self.app.push_screen(PlausibilityDialog(day_phrase(entry.day, self.today), warnings), answered)
            return False
        return self._commit(entry)

    def _commit(self, entry: DayEntry) -> bool:
        """Write ``entry`` through the session and say so; False (form kept) when the store refuses."""
        try:
            saved = self.session.save_day(entry)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15, markup=False)
            return False
        # What was typed is now what is stored: the form is clean until the re-read refills it.
        self._loaded_state = self._form_state()
        self._logged = self._logged_state(None if entry.is_empty() else entry)
        # "Saved" is said in the header, where the eye already is; a toast costs a reflow of the
        # screen. Clearing a day, or saving nothing, is said in words (a toast), as a surprise may be.
        self._saved_day = None if entry.is_empty() else entry.day
        self._update_header()
        if entry.is_empty():
            existed = saved.previous is not None
            message = (
                f"Cleared {entry.day.isoformat()}" if existed else f"Nothing to save for {entry.day.isoformat()} yet"
            )
            self.notify(message, timeout=3)
        flagged = red_flags_in(entry.symptoms)
        if flagged:
            from tui.ui.screens.crisis_panel import CrisisPanel  # dialogs load on first use

            self.app.push_screen(CrisisPanel([symptom.key for symptom in flagged], self.session.settings))
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
            if choice == "save" and self.save(then=lambda: self._load(day)):
                self._load(day)
            elif choice == "discard":
                self._load(day)
                self.notify(f"Changes to {leaving.isoformat()} discarded.", timeout=4)

        from tui.ui.screens.unsaved_changes import UnsavedChangesDialog  # dialogs load on first use

        self.app.push_screen(
            UnsavedChangesDialog(day_phrase(leaving, self.today), day_phrase(day, self.today)), answered
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        if action == "enter_key":
            # Only on the form itself or in one of its one-line fields; elsewhere Enter keeps its
            # own meaning (a button, a select, a rating, a new line in the note).
            return focused is self.form or (isinstance(focused, Input) and focused in self.form.query(Input))
        # Inside the note, ctrl+←/→ keep their text-editing meaning (move by word).
        return not (action in DAY_MOVES and isinstance(focused, TextArea))

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

        from tui.ui.screens.date_prompt import DatePrompt  # dialogs load on first use

        self.app.push_screen(DatePrompt(self.today, self.day), chosen)

    def action_enter_key(self) -> None:
        """Enter on the form puts the cursor in the first field; in a field, moves on like Tab.

        Focus moves at once (``set_focus``, not the deferred ``focus()``), see the binding.
        Buttons are skipped so that Enter, pressed again, never removes a dose by accident.
        """
        if self.screen.focused is self.form:
            self.screen.set_focus(self.intakes.first_input())
        else:
            self.screen.focus_next("Input, Select, SymptomList, TextArea")

    # -- focus ----------------------------------------------------------------------------------

    def focus_content(self) -> None:
        # The first field (the first intake's dose), so that what a person types first goes into
        # the form, never to a view switch (a digit) or a day move (a bracket); F1–F6 and
        # ctrl+←/→ still work from there. The app asks again after a refresh; by then a key may
        # already have put the cursor in another field of this form, which keeps it.
        focused = self.screen.focused
        if focused is not None and focused in self.query("*"):
            return
        self.intakes.rows[0].amount_input.focus()

    # -- drafts (the app keeps unsaved work beside the data file: tui.store.drafts) -----------

    def draft_state(self) -> dict[str, Any] | None:
        """The form's unsaved state as plain JSON data, as typed; ``None`` when nothing is unsaved."""
        if self.day is None or not self.has_unsaved_changes:
            return None
        return {"day": self.day.isoformat(), **self.form.draft()}

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Put a draft's state back in the form, on its day (shown as unsaved until saved)."""
        self._load(date.fromisoformat(state["day"]))
        self.form.restore(state)
        self._update_header()
