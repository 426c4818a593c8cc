"""A one-line field of the Log whose text is selected whenever it takes the focus.

A pre-filled value (the plan's dose on a day not logged, a stored rating) is what a person most
often corrects, and a cursor left at its end turns a correction into an append: ``0.4`` and a
typed ``0.45`` read ``0.40.45``, a typed ``0.5`` after a pre-filled ``13`` reads ``130.5``. So the
whole text is selected when the field takes the focus — on opening the Log, by enter or tab, and
by a click — and what is typed replaces it, as in every dialog. A click in a field that already
has the focus places the cursor as usual, for editing.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FieldInput(Input):
    """A compact :class:`Input` whose text is selected on focus, a click that focuses it included."""

    def __init__(self, *, placeholder: str = "", classes: str | None = None) -> None:
        super().__init__(placeholder=placeholder, compact=True, select_on_focus=True, classes=classes)
        self._click_selects = False
        """The focus just arrived and nothing was typed or clicked since: a click keeps the selection."""

    def _on_focus(self, event: events.Focus) -> None:
        # Runs before Input's own handler, which selects the text (select_on_focus). A click that
        # gives the focus arrives as Focus then MouseDown, and Input's MouseDown moves the cursor
        # to the click: the flag keeps the selection for that first press.
        self._click_selects = not event.from_app_focus

    def _on_blur(self, _event: events.Blur) -> None:
        self._click_selects = False

    async def _on_key(self, _event: events.Key) -> None:
        self._click_selects = False

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        if self._click_selects:
            self._click_selects = False
            self.select_all()
            event.prevent_default()  # not Input's handler: it would put the cursor at the click

    def show_value(self, text: str) -> None:
        """Set the text; selected when the field has the focus (a day loaded under the cursor)."""
        self.value = text
        if self.has_focus:
            self.select_all()
