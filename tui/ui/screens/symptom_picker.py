"""SymptomPicker: choose one symptom to chart; dismisses with its key, or ``None`` on Escape."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.ui.screens.dialog import Dialog


class SymptomPicker(Dialog["str | None"]):
    """A list of symptoms with how many days each was rated above 0; enter picks one."""

    def __init__(self, symptoms: list[tuple[str, str, int]], current: str | None = None) -> None:
        """``symptoms`` are ``(key, label, days rated above 0)``; ``current`` is highlighted."""
        super().__init__()
        self.symptoms = symptoms
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Chart one symptom (enter picks, escape cancels)")
            yield OptionList(
                *(
                    Option(f"{label}  ({days} day{'s' if days != 1 else ''} rated)", id=key)
                    for key, label, days in self.symptoms
                ),
                id="symptom-options",
            )

    def first_focus(self) -> OptionList:
        options = self.query_one("#symptom-options", OptionList)
        keys = [key for key, _label, _days in self.symptoms]
        if self.current in keys:
            options.highlighted = keys.index(self.current)
        return options

    @on(OptionList.OptionSelected, "#symptom-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
