"""One symptom on one line, rated 0–4 from the keyboard (digits, or ← → to step).

Inside the symptom list a digit only rates: 5–9 are taken here too (they say the scale is 0–4)
so that none of them reaches the app's digit bindings and switches view (F1–F6 do that from
here). A red flag is never rated above 0 by one stray key: the first digit asks ("Rate Seizure
2? press 2 again"), the same digit again or Enter rates it, anything else leaves it as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.scales import SYMPTOM
from tui.core.symptoms import Symptom
from tui.core.terminal_text import terminal_safe

LABEL_WIDTH = 36
RED_FLAG_GLYPH = "⚠"
CONFIRM_KEYS = "enter"
"""Besides the same digit again, the key that confirms a red-flag rating."""
LEVELS: tuple[int | None, ...] = (None, *range(SYMPTOM.low, SYMPTOM.high + 1))
"""What ← → step through: "not rated" first, then 0 (none) … 4 (extreme)."""


class SymptomRating(Widget, can_focus=True):
    """A focusable row: the symptom's name, a bar of filled dots and the word for its level.

    ``None`` means "not rated" and is never stored as 0 (the data model keeps the difference).
    A digit sets the level and moves on to the next symptom that is not a red flag (or stays),
    so a whole catalogue can be filled in with a run of digits without a digit too many landing
    on a red flag; ← → change the level in place. See the module docstring for red flags.
    """

    DEFAULT_CSS = """
    SymptomRating {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    SymptomRating:focus {
        background: $primary 25%;
        text-style: bold;
    }
    SymptomRating.-red-flag {
        color: $warning;
    }
    SymptomRating > .symptom-rating--muted {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {"symptom-rating--muted"}

    BINDINGS = [
        *(
            Binding(str(level), f"rate({level})", SYMPTOM.label(level), show=False)
            for level in range(SYMPTOM.low, SYMPTOM.high + 1)
        ),
        Binding("5,6,7,8,9", "out_of_scale", "Ratings are 0–4", show=False),
        Binding(CONFIRM_KEYS, "confirm", "Confirm rating", show=False),
        Binding("right,l,plus", "step(1)", "More", show=False),
        Binding("left,h,minus", "step(-1)", "Less", show=False),
        Binding("backspace,delete", "clear", "Not rated", show=False),
        Binding("down,j", "app.focus_next", "Next", show=False),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
        Binding("ctrl+d", "hide", "Hide symptom", show=False),
    ]

    level: reactive[int | None] = reactive(None)
    """The rating: ``None`` (not rated) or 0–4."""
    pending: reactive[int | None] = reactive(None)
    """A red-flag rating asked for by one key and waiting for its confirming key, or ``None``."""
    prompt: reactive[str] = reactive("")
    """A one-line message shown in the row instead of its level word (cleared by the next key)."""

    @dataclass
    class Changed(Message):
        """The person changed a rating."""

        rating: SymptomRating
        level: int | None

    @dataclass
    class HideRequested(Message):
        """The person asked (ctrl+d) to hide this symptom from the form."""

        rating: SymptomRating

    def __init__(self, symptom: Symptom, level: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-red-flag" if symptom.red_flag else "")
        self.symptom = symptom
        self.set_reactive(SymptomRating.level, level)

    def render(self) -> Text:
        marker = "▸ " if self.has_focus else "  "
        glyph = f"{RED_FLAG_GLYPH} " if self.symptom.red_flag else ""
        label = f"{marker}{glyph}{terminal_safe(self.symptom.label)}"
        label = label[: LABEL_WIDTH - 1] + "…" if len(label) > LABEL_WIDTH else label.ljust(LABEL_WIDTH)
        text = Text(label)
        if self.prompt:
            text.append(" " + self.prompt, style="bold")
        elif self.level is None:
            text.append(" ····  ", style="dim")
            text.append("– not rated", style=self.get_component_rich_style("symptom-rating--muted"))
        else:
            text.append(" " + "●" * self.level + "○" * (SYMPTOM.high - self.level) + "  ")
            text.append(f"{self.level} {SYMPTOM.label(self.level)}")
        return text

    def set_level_quietly(self, level: int | None) -> None:
        """Show ``level`` without announcing a change (used when a day is loaded)."""
        self.set_reactive(SymptomRating.pending, None)
        self.set_reactive(SymptomRating.prompt, "")
        self.set_reactive(SymptomRating.level, level)
        self.refresh()

    def watch_level(self) -> None:
        self.post_message(self.Changed(self, self.level))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.pending = None
        self.prompt = ""
        self.refresh()

    def on_key(self) -> None:
        # Any key ends the previous prompt; a pending red-flag rating survives only until the
        # key that confirms it (handled by the bindings, which run after this).
        self.prompt = ""

    def action_rate(self, level: int) -> None:
        """Set the level and move on; a red flag above 0 waits for the same digit again (or Enter)."""
        if self.symptom.red_flag and level > 0 and self.pending != level:
            self.pending = level
            self.prompt = f"Rate {self.symptom.label} {level}? press {level} again"
            return
        self._set(level)

    def action_confirm(self) -> None:
        """Enter: confirm a pending red-flag rating, else move to the next field."""
        if self.pending is not None:
            self._set(self.pending)
        else:
            self.screen.focus_next()

    def _set(self, level: int) -> None:
        self.pending = None
        self.level = level
        following = self._next_rating()
        if following is not None:
            following.focus()

    def _next_rating(self) -> SymptomRating | None:
        """The next row of the list that is not a red flag (``None``: stay here)."""
        assert self.parent is not None
        rows = list(self.parent.query_children(SymptomRating))
        later = rows[rows.index(self) + 1 :]
        return next((row for row in later if not row.symptom.red_flag), None)

    def action_out_of_scale(self) -> None:
        """5–9: not a rating, and never a view switch from here."""
        self.pending = None
        self.prompt = f"ratings are {SYMPTOM.span} (F1–F6 change view)"

    def action_step(self, delta: int) -> None:
        index = LEVELS.index(self.level) + delta
        target = LEVELS[max(0, min(len(LEVELS) - 1, index))]
        if self.symptom.red_flag and target and target > (self.level or 0):
            self.action_rate(target)  # up past 0 on a red flag asks too
            if self.pending is not None:
                self.prompt = f"Rate {self.symptom.label} {target}? press Enter"
            return
        self.level = target

    def action_clear(self) -> None:
        self.pending = None
        self.level = None

    def action_hide(self) -> None:
        self.post_message(self.HideRequested(self))
