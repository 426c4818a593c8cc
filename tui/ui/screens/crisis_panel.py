"""The crisis panel shown whenever a red-flag symptom is logged (and the lines Help lists).

The lines are the person's region's (:func:`tui.core.crisis_lines.lines_for`), the right one
first for what was logged: the emergency number for a seizure, delirium or psychosis, the
suicide and crisis line for suicidal thoughts. The panel never changes the plan.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from tui.core.crisis_lines import (
    OWN_LINES_SETTING,
    CrisisLine,
    Situation,
    lines_for,
    parse_own_lines,
    situation_for,
)
from tui.core.settings import Settings
from tui.core.symptoms import DEFAULT_SYMPTOMS, RED_FLAG_KEYS, default_symptom
from tui.core.terminal_text import terminal_safe
from tui.core.validation import ValidationError
from tui.ui.screens.dialog import Dialog

_RED_FLAG_BY_NAME = {s.label.lower(): s.key for s in DEFAULT_SYMPTOMS if s.red_flag}


def red_flag_keys(flagged: Iterable[str]) -> list[str]:
    """The red-flag symptom keys in ``flagged`` (keys, or labels in any case, as callers pass them)."""
    keys = []
    for item in flagged:
        key = item if item in RED_FLAG_KEYS else _RED_FLAG_BY_NAME.get(item.strip().lower())
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def crisis_lines_for(
    settings: Settings | str | None, situation: Situation = Situation.GENERAL
) -> tuple[CrisisLine, ...]:
    """The lines for the person's region (a :class:`Settings`, or just a region code), ordered
    for ``situation``. A damaged own-lines setting never empties the list: the emergency line stays."""
    if not isinstance(settings, Settings):
        return lines_for(settings, situation)
    try:
        own = parse_own_lines(settings.extra.get(OWN_LINES_SETTING))
    except ValidationError:
        own = ()
    return lines_for(settings.region, situation, own)


class CrisisPanel(Dialog[None]):
    """Names the red flags logged and lists the crisis lines; dismissed with Enter or Escape."""

    BINDINGS = [Binding("escape", "cancel", "Close")]

    safe = "close"

    def __init__(self, flagged: Iterable[str], settings: Settings | str | None) -> None:
        """``flagged``: the red-flag symptoms logged (keys, or their labels); ``settings``: the
        person's settings (their region and own lines), or a region code."""
        super().__init__()
        self.flagged_keys = red_flag_keys(flagged)
        """The red-flag symptom keys logged, which decide the first line."""
        self.lines = crisis_lines_for(settings, situation_for(self.flagged_keys))
        """The lines shown, in order."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("⚠ Please reach out now", classes="title")
            if self.flagged_keys:
                names = [symptom.label.lower() for key in self.flagged_keys if (symptom := default_symptom(key))]
                yield Static(
                    f"You logged: {', '.join(names)}. These can be signs of a serious reaction. "
                    "Contact your prescriber now, or one of these lines:",
                    markup=False,
                )
            # the person's own lines are text they typed: shown, never obeyed
            yield Static(
                "\n".join(f"• {terminal_safe(line.describe())}" for line in self.lines), id="lines", markup=False
            )
            yield Static("Your entry is saved. This panel never changes your plan.", markup=False)
            yield Button("Close (Esc)", id="close", compact=True)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.action_cancel()
