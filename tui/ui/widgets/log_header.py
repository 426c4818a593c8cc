"""The line above the Log form: which day, whether it is logged, read-only, unsaved.

A foggy person must see at a glance which day they are writing into ("· today", "· yesterday")
and whether what they typed is saved ("● unsaved", in bold).
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


class LogHeader(Static):
    """``Monday 15 March 2027 · today  ·  logged  ·  ● unsaved`` (class ``-dirty`` when unsaved)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, day: date, today: date, *, logged: bool, read_only: bool, dirty: bool) -> None:
        """Redraw the line for ``day``."""
        parts = [day_title(day, today), "logged" if logged else "not logged yet"]
        if read_only:
            parts.append("read-only")
        if dirty:
            parts.append("● unsaved")
        self.update("  ·  ".join(parts))
        self.set_class(dirty, "-dirty")
