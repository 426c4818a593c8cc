"""One symptom on one line, rated 0–4 from the keyboard (digits, or ← → to step)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.scales import SYMPTOM
from tui.core.symptoms import Symptom

LABEL_WIDTH = 36
RED_FLAG_GLYPH = "⚠"
LEVELS: tuple[int | None, ...] = (None, *range(SYMPTOM.low, SYMPTOM.high + 1))
"""What ← → step through: "not rated" first, then 0 (none) … 4 (extreme)."""


class SymptomRating(Widget, can_focus=True):
    """A focusable row: the symptom's name, a bar of filled dots and the word for its level.

    ``None`` means "not rated" and is never stored as 0 (the data model keeps the difference).
    A digit sets the level and moves on to the next symptom, so a whole catalogue can be
    filled in with a run of digits; ← → change the level in place.
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
        Binding("right,l,plus", "step(1)", "More", show=False),
        Binding("left,h,minus", "step(-1)", "Less", show=False),
        Binding("backspace,delete", "clear", "Not rated", show=False),
        Binding("down,j", "app.focus_next", "Next", show=False),
        Binding("up,k", "app.focus_previous", "Previous", show=False),
        Binding("ctrl+d", "hide", "Hide symptom", show=False),
    ]

    level: reactive[int | None] = reactive(None)
    """The rating: ``None`` (not rated) or 0–4."""

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
        label = f"{marker}{glyph}{self.symptom.label}"
        label = label[: LABEL_WIDTH - 1] + "…" if len(label) > LABEL_WIDTH else label.ljust(LABEL_WIDTH)
        text = Text(label)
        if self.level is None:
            text.append(" ····  ", style="dim")
            text.append("– not rated", style=self.get_component_rich_style("symptom-rating--muted"))
        else:
            text.append(" " + "●" * self.level + "○" * (SYMPTOM.high - self.level) + "  ")
            text.append(f"{self.level} {SYMPTOM.label(self.level)}")
        return text

    def set_level_quietly(self, level: int | None) -> None:
        """Show ``level`` without announcing a change (used when a day is loaded)."""
        self.set_reactive(SymptomRating.level, level)
        self.refresh()

    def watch_level(self) -> None:
        self.post_message(self.Changed(self, self.level))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_rate(self, level: int) -> None:
        """Set the level and move to the next field (fast entry with a run of digits)."""
        self.level = level
        self.screen.focus_next()

    def action_step(self, delta: int) -> None:
        index = LEVELS.index(self.level) + delta
        self.level = LEVELS[max(0, min(len(LEVELS) - 1, index))]

    def action_clear(self) -> None:
        self.level = None

    def action_hide(self) -> None:
        self.post_message(self.HideRequested(self))
