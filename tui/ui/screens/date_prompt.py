"""Go to a date: ISO, "today", "yesterday" or "-N" days ago; days after today are refused."""

from __future__ import annotations

from datetime import date

from tui.core.validation import parse_day
from tui.ui.screens.text_prompt import TextPrompt


class DatePrompt(TextPrompt):
    """Ask for a day to open in the Log; dismisses with the :class:`date`, or ``None`` on Escape."""

    def __init__(self, today: date, current: date) -> None:
        super().__init__(
            "Go to a date",
            f"YYYY-MM-DD, today, yesterday, or -3 for three days ago. Today is {today:%A %Y-%m-%d}.",
            lambda text: parse_day(text, today),
            placeholder=current.isoformat(),
        )
