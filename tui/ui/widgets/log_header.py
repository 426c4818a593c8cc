"""The line above the Log form: which day, whether it is logged, read-only, unsaved, just saved.

A foggy person must see at a glance which day they are writing into ("· today", "· yesterday")
and whether what they typed is saved ("● unsaved", in bold; "✓ saved" once ctrl+s has stored it,
where it is read, instead of a toast that appears and goes over the screen). The line is one
row high whatever it says, so redrawing it (on every key typed in the form) needs no layout.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Static


def day_phrase(day: date, today: date) -> str:
    """``today (Monday 15 March)``, ``yesterday (…)`` or ``Friday 12 March 2027``, for sentences."""
    relative = {0: "today", 1: "yesterday"}.get((today - day).days)
    return f"{relative} ({day:%A} {day.day} {day:%B})" if relative else f"{day:%A} {day.day} {day:%B %Y}"


def day_title(day: date, today: date) -> str:
    """``Monday 15 March 2027 · today`` (``yesterday``, or nothing, for other days)."""
    relative = {0: " · today", 1: " · yesterday"}.get((today - day).days, "")
    return f"{day:%A} {day.day} {day:%B %Y}{relative}"


SAVED_TEXT = "✓ saved"
"""Said in the header once the day in the form is stored (until it is changed again)."""


class LogHeader(Static):
    """``Monday 15 March 2027 · today  ·  logged  ·  ● unsaved`` (class ``-dirty`` when unsaved).

    ``✓ saved`` takes the place of ``● unsaved`` when the day in the form has just been saved.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown = ""

    def show(
        self, day: date, today: date, *, logged: bool | str, read_only: bool, dirty: bool, saved: bool = False
    ) -> None:
        """Redraw the line for ``day`` (``saved``: what the form holds was just saved; ``logged``
        as text, ``1 of 2``, when the stored day holds some of its planned intakes only)."""
        logged_text = (
            f"{logged} intakes logged" if isinstance(logged, str) else "logged" if logged else "not logged yet"
        )
        parts = [day_title(day, today), logged_text]
        if read_only:
            parts.append("read-only")
        if dirty:
            parts.append("● unsaved")
        elif saved:
            parts.append(SAVED_TEXT)
        text = "  ·  ".join(parts)
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)  # one line high (views.tcss): no layout to redo
        self.set_class(dirty, "-dirty")
