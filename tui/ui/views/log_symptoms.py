"""The Log's edits of the person's own symptom list: add a symptom, hide one, show the hidden again.

The list is the person's settings (``custom_symptoms``, ``hidden_symptoms``), written through the
session; the form then shows the new catalogue in place, every rating kept by key, and the
ratings of hidden symptoms are carried, never deleted (see :mod:`tui.ui.widgets.day_form`). A red
flag cannot be hidden: a rating of it is what opens the crisis lines.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import Button

from tui.core.symptoms import Symptom, catalogue, default_symptom, symptom_key
from tui.core.terminal_text import terminal_safe
from tui.core.validation import ValidationError
from tui.store.errors import StoreError
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.day_form import DayForm
from tui.ui.widgets.symptom_list import SymptomList

MAX_SYMPTOM_NAME = 40


class SymptomListEditing(JournalView):
    """A view holding the day form (:class:`DayForm`), with the keys that change which symptoms it lists.

    ctrl+n adds one of the person's own; ctrl+d (in the list) hides the one at the cursor; the
    button under the list shows the hidden ones again.
    """

    BINDINGS = [Binding("ctrl+n", "add_symptom", "Add symptom", show=False)]

    @property
    def form(self) -> DayForm:
        return self.query_one(DayForm)

    @property
    def symptoms(self) -> SymptomList:
        return self.form.symptoms

    def _catalogue(self) -> tuple[list[Symptom], int]:
        """The symptoms on show and how many are hidden (from the person's settings)."""
        settings = self.session.settings
        hidden = set(settings.hidden_symptoms)
        shown = catalogue(list(settings.custom_symptoms), hidden)
        return shown, len(hidden - {s.key for s in shown})

    def _symptoms_rebuilt(self) -> None:
        """Called once the form shows another catalogue (the view may say the form changed)."""

    def _rebuild_symptoms(self, focus_key: str | None = None) -> None:
        self.form.custom_names = self.session.settings.custom_symptoms
        self.form.rebuild_symptoms(*self._catalogue(), focus_key=focus_key)
        self._symptoms_rebuilt()

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
            hidden = [k for k in settings.hidden_symptoms if k != key]
            custom = list(settings.custom_symptoms)
            if default_symptom(key) is None and key not in {symptom_key(c) for c in custom}:
                custom.append(name)
            if self._update_symptom_settings(custom_symptoms=custom, hidden_symptoms=hidden):
                self._rebuild_symptoms(focus_key=key)
                self.notify(f"Added {terminal_safe(name)}. It is on the form from now on.", timeout=4, markup=False)

        from tui.ui.screens.text_prompt import TextPrompt  # on first use: not part of the Log's first opening

        self.app.push_screen(
            TextPrompt(
                "Add your own symptom", "A short name, e.g. Jaw clenching. It is rated 0–4 like the others.", check
            ),
            chosen,
        )

    @on(SymptomList.HideRequested)
    def _hide_symptom(self, event: SymptomList.HideRequested) -> None:
        symptom = event.symptom
        if symptom.red_flag:
            self.notify(f"{symptom.label} is a red flag and stays on the form.", timeout=5, markup=False)
            return
        order = [s.key for s in self.symptoms.symptoms]
        index = order.index(symptom.key)
        following = next((k for k in order[index + 1 :]), None)
        hidden = list(self.session.settings.hidden_symptoms)
        if symptom.key not in hidden:
            hidden.append(symptom.key)
        if self._update_symptom_settings(hidden_symptoms=hidden):
            self._rebuild_symptoms(focus_key=following)
            self.notify(
                f"Hid {terminal_safe(symptom.label)}. “Show hidden symptoms again”, below the list, brings it back.",
                timeout=6,
                markup=False,
            )

    @on(Button.Pressed, "#show-hidden")
    def _show_hidden(self) -> None:
        if self._update_symptom_settings(hidden_symptoms=[]):
            self._rebuild_symptoms()
            self.notify("Every symptom is on the form again.", timeout=4)
