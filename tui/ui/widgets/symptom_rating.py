"""One symptom's rating: how its row reads, and the words of the red-flag and out-of-scale prompts.

Inside the symptom list (:mod:`tui.ui.widgets.symptom_list`) a digit only rates: 5–9 are taken
there too (they say the scale is 0–4) so that none of them reaches the app's digit bindings and
switches view (F1–F6 do that from there). A red flag is never rated above 0 by one stray key:
the first digit asks ("Rate Seizure 2? press 2 again"), the same digit again or Enter rates it,
anything else leaves it as it was. ``None`` means "not rated" and is never drawn or stored as 0.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.core.scales import SYMPTOM
from tui.core.symptoms import Symptom
from tui.core.terminal_text import terminal_safe

LABEL_WIDTH = 36
RED_FLAG_GLYPH = "⚠"
LEVELS: tuple[int | None, ...] = (None, *range(SYMPTOM.low, SYMPTOM.high + 1))
"""What ← → step through: "not rated" first, then 0 (none) … 4 (extreme)."""


def rating_line(symptom: Symptom, level: int | None, *, at_cursor: bool, prompt: str, muted: Style) -> Text:
    """``▸ ⚠ Seizure        ●●○○  2 moderate`` — the name, a bar of filled dots and the level's word.

    ``prompt`` (a question or a hint) replaces the level's word; ``muted`` styles "– not rated".
    """
    marker = "▸ " if at_cursor else "  "
    glyph = f"{RED_FLAG_GLYPH} " if symptom.red_flag else ""
    label = f"{marker}{glyph}{terminal_safe(symptom.label)}"
    label = label[: LABEL_WIDTH - 1] + "…" if len(label) > LABEL_WIDTH else label.ljust(LABEL_WIDTH)
    text = Text(label)
    if prompt:
        text.append(" " + prompt, style="bold")
    elif level is None:
        text.append(" ····  ", style="dim")
        text.append("– not rated", style=muted)
    else:
        text.append(" " + "●" * level + "○" * (SYMPTOM.high - level) + "  ")
        text.append(f"{level} {SYMPTOM.label(level)}")
    return text


def confirm_prompt(symptom: Symptom, level: int, how: str) -> str:
    """``Rate Seizure 2? press 2 again``: a red flag above 0 waits for a second, deliberate key."""
    return f"Rate {terminal_safe(symptom.label)} {level}? {how}"


def out_of_scale_prompt() -> str:
    """What 5–9 say in the list: not a rating, and not a view switch from here."""
    return f"ratings are {SYMPTOM.span} (F1–F6 change view)"
