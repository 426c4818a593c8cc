"""The symptom catalogue as one focusable list with a row cursor, grouped by domain, red flags last.

One widget draws every row itself (title, hint, domain titles and one line per symptom), so the
Log form does not compose, style and lay out a widget per symptom (it had ~35 of them: a third of
the view's start-up and switching cost). The rules of one rating are those of
:mod:`tui.ui.widgets.symptom_rating`: 0–4 rate and move the cursor on, never onto a red flag;
5–9 are taken here too, so that no digit reaches the app's view keys (F1–F6 switch view from
here); a red flag above 0 waits for the same digit again, or Enter.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.scales import SYMPTOM
from tui.core.symptoms import Symptom
from tui.ui.widgets.symptom_rating import (
    LEVELS,
    RED_FLAG_GLYPH,
    confirm_prompt,
    out_of_scale_prompt,
    rating_line,
)

DOMAIN_TITLES = {"red flag": f"{RED_FLAG_GLYPH} Red flags — any rating shows the crisis lines when you save"}
HINT = (
    f"0–4 rate and move on · {RED_FLAG_GLYPH} needs the digit twice · ← → adjust",
    "backspace: not rated · ctrl+d hides · n: no symptoms today · F1–F6 views",
)
"""The keys, on two lines (each line of the list is drawn as one line, cut at the width)."""
TITLE = f"Symptoms  {SYMPTOM.meaning}"


class SymptomList(Widget, can_focus=True):
    """Every symptom on show as a row, rated from the keyboard at the cursor (module docstring).

    A level of ``None`` means "not rated" and is never stored as 0. The list keeps its ratings
    in a dict of its own, keyed by symptom, so they can be read and set at any time.
    """

    DEFAULT_CSS = """
    SymptomList {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    SymptomList > .symptom-list--title {
        color: $primary;
        text-style: bold;
    }
    SymptomList > .symptom-list--muted {
        color: $text-muted;
    }
    SymptomList > .symptom-list--domain {
        color: $text-muted;
        text-style: italic;
    }
    SymptomList > .symptom-list--red-flag {
        color: $warning;
    }
    SymptomList > .symptom-list--cursor {
        background: $primary 25%;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "symptom-list--title",
        "symptom-list--muted",
        "symptom-list--domain",
        "symptom-list--red-flag",
        "symptom-list--cursor",
    }

    BINDINGS = [
        *(
            Binding(str(level), f"rate({level})", SYMPTOM.label(level), show=False)
            for level in range(SYMPTOM.low, SYMPTOM.high + 1)
        ),
        Binding("5,6,7,8,9", "out_of_scale", "Ratings are 0–4", show=False),
        Binding("enter", "confirm", "Confirm rating", show=False),
        Binding("right,l,plus", "step(1)", "More", show=False),
        Binding("left,h,minus", "step(-1)", "Less", show=False),
        Binding("backspace,delete", "clear", "Not rated", show=False),
        Binding("down,j", "cursor(1)", "Next", show=False),
        Binding("up,k", "cursor(-1)", "Previous", show=False),
        Binding("ctrl+d", "hide", "Hide symptom", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index (in :attr:`symptoms`) of the row the keys act on."""
    pending: reactive[int | None] = reactive(None)
    """A red-flag rating asked for by one key and waiting for its confirming key, or ``None``."""
    prompt: reactive[str] = reactive("")
    """A message shown in the cursor's row instead of its level word (cleared by the next key)."""

    @dataclass
    class Changed(Message):
        """The person changed a rating."""

        symptom_list: SymptomList
        key: str
        level: int | None

    @dataclass
    class HideRequested(Message):
        """The person asked (ctrl+d) to hide the symptom at the cursor from the form."""

        symptom_list: SymptomList
        symptom: Symptom

    def __init__(self, symptoms: list[Symptom], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.symptoms: list[Symptom] = []
        """The symptoms on show, in row order."""
        self._levels: dict[str, int | None] = {}
        self._lines: list[Symptom | str] = []
        self._line_of: list[int] = []
        self._set_catalogue(symptoms)

    # -- the catalogue and its values ------------------------------------------------------------

    def _set_catalogue(self, symptoms: list[Symptom]) -> None:
        """Lay out the lines: title, hint, then each domain's title followed by its symptoms."""
        self.symptoms = list(symptoms)
        self._levels = {s.key: self._levels.get(s.key) for s in self.symptoms}
        self._lines = [TITLE, *HINT]
        self._line_of = []
        domain = None
        for symptom in self.symptoms:
            if symptom.domain != domain:
                domain = symptom.domain
                self._lines.append(DOMAIN_TITLES.get(domain, domain.capitalize()))
            self._line_of.append(len(self._lines))
            self._lines.append(symptom)

    def rebuild(self, symptoms: list[Symptom]) -> None:
        """Show another catalogue (after adding or hiding a symptom); ratings are kept by key."""
        current = self.current
        self._set_catalogue(symptoms)
        self.set_reactive(SymptomList.pending, None)
        self.set_reactive(SymptomList.prompt, "")
        if not (current and self.move_to(current.key)):
            self.cursor = min(self.cursor, max(0, len(self.symptoms) - 1))
        self.refresh(layout=True)

    @property
    def keys(self) -> set[str]:
        """Keys of the symptoms on show."""
        return set(self._levels)

    @property
    def current(self) -> Symptom | None:
        """The symptom at the cursor (``None`` when the list is empty)."""
        return self.symptoms[self.cursor] if 0 <= self.cursor < len(self.symptoms) else None

    def level(self, key: str) -> int | None:
        """The rating of ``key`` (``None``: not rated, or not on show)."""
        return self._levels.get(key)

    def values(self) -> dict[str, int]:
        """The rated symptoms (``not rated`` ones are left out, never stored as 0)."""
        return {key: level for key, level in self._levels.items() if level is not None}

    def set_values(self, levels: dict[str, int]) -> None:
        """Show these ratings quietly (others become "not rated"); keys not on show are ignored."""
        shown = {key: levels.get(key) for key in self._levels}
        if shown == self._levels and self.pending is None and not self.prompt:
            return  # the same ratings (a day re-read after saving it): nothing to redraw
        self._levels = shown
        self.set_reactive(SymptomList.pending, None)
        self.set_reactive(SymptomList.prompt, "")
        self.refresh()

    def rate_unrated(self, level: int) -> list[str]:
        """Give every symptom on show that is not rated ``level`` (rated ones stay); the keys changed."""
        changed = [key for key, value in self._levels.items() if value is None]
        for key in changed:
            self._change(key, level)
        return changed

    def move_to(self, key: str) -> bool:
        """Put the cursor on ``key``'s row; False when it is not on show."""
        index = next((n for n, s in enumerate(self.symptoms) if s.key == key), None)
        if index is None:
            return False
        self.cursor = index
        return True

    def _change(self, key: str, level: int | None) -> None:
        if self._levels.get(key) != level:
            self._levels[key] = level
            self.post_message(self.Changed(self, key, level))
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------------

    def row_text(self, key: str) -> str:
        """The row of ``key`` as drawn (for reading it back)."""
        index = next(n for n, s in enumerate(self.symptoms) if s.key == key)
        return self._row(index).plain

    def _row(self, index: int) -> Text:
        symptom = self.symptoms[index]
        at_cursor = index == self.cursor and self.has_focus
        return rating_line(
            symptom,
            self._levels.get(symptom.key),
            at_cursor=at_cursor,
            prompt=self.prompt if index == self.cursor else "",
            muted=self.get_component_rich_style("symptom-list--muted", partial=True),
        )

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the list: the title, the hint, a domain's title or a symptom's row."""
        width = self.content_size.width
        if not 0 <= y < len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[y]
        if isinstance(line, str):
            kind = "title" if line == TITLE else "muted" if line in HINT else "domain"
            text = Text(line)
            text.stylize(self.get_component_rich_style(f"symptom-list--{kind}", partial=True))
        else:
            index = self._line_of.index(y)
            text = self._row(index)
            if line.red_flag:
                text.stylize(self.get_component_rich_style("symptom-list--red-flag", partial=True))
            if index == self.cursor and self.has_focus:
                text.pad_right(max(0, width - text.cell_len))
                text.stylize(self.get_component_rich_style("symptom-list--cursor", partial=True))
        text.truncate(width, overflow="ellipsis")
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.extend_cell_length(width).apply_style(self.rich_style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per title, hint, domain and symptom (nothing wraps)."""
        return len(self._lines)

    # -- focus and the cursor ----------------------------------------------------------------------

    def watch_cursor(self) -> None:
        self.pending = None
        self.refresh()
        self._scroll_to_cursor()

    @property
    def virtual_region_with_margin(self) -> Region:
        """The cursor's row and the line above it (a domain title): what scrolling to this list shows.

        Textual scrolls a focused widget into view by this region (and only there), so focusing
        the list, or moving its cursor, shows the cursor's row rather than the top of the list.
        """
        region = super().virtual_region_with_margin
        if not self._line_of:
            return region
        line = self._line_of[min(self.cursor, len(self._line_of) - 1)]
        top = self.virtual_region.y + self.styles.padding.top + max(0, line - 1)
        return Region(region.x, top, region.width, 2)

    def _scroll_to_cursor(self) -> None:
        if self.is_mounted:
            self.scroll_visible(animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.set_reactive(SymptomList.pending, None)
        self.set_reactive(SymptomList.prompt, "")
        self.refresh()

    def on_key(self) -> None:
        # Any key ends the previous prompt; a pending red-flag rating survives only until the
        # key that confirms it (handled by the bindings, which run after this).
        self.prompt = ""

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there."""
        offset = event.get_content_offset(self)
        if offset is not None and offset.y in self._line_of:
            self.cursor = self._line_of.index(offset.y)

    def watch_prompt(self) -> None:
        self.refresh()

    # -- actions -----------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        """↓/↑ (j/k): the next or previous row; past the last or first, the next or previous field."""
        target = self.cursor + delta
        if 0 <= target < len(self.symptoms):
            self.cursor = target
        elif delta > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def action_rate(self, level: int) -> None:
        """Set the level and move on; a red flag above 0 waits for the same digit again (or Enter)."""
        symptom = self.current
        if symptom is None:
            return
        if symptom.red_flag and level > 0 and self.pending != level:
            self.pending = level
            self.prompt = confirm_prompt(symptom, level, f"press {level} again")
            return
        self._set(level)

    def action_confirm(self) -> None:
        """Enter: confirm a pending red-flag rating, else the next row (past the last: the next field)."""
        if self.pending is not None:
            self._set(self.pending)
        else:
            self.action_cursor(1)

    def _set(self, level: int) -> None:
        symptom = self.current
        assert symptom is not None
        self.pending = None
        self._change(symptom.key, level)
        following = next((n for n in range(self.cursor + 1, len(self.symptoms)) if not self.symptoms[n].red_flag), None)
        if following is not None:
            self.cursor = following

    def action_out_of_scale(self) -> None:
        """5–9: not a rating, and never a view switch from here."""
        self.pending = None
        self.prompt = out_of_scale_prompt()

    def action_step(self, delta: int) -> None:
        symptom = self.current
        if symptom is None:
            return
        level = self._levels.get(symptom.key)
        index = LEVELS.index(level) + delta
        target = LEVELS[max(0, min(len(LEVELS) - 1, index))]
        if symptom.red_flag and target and target > (level or 0):
            self.action_rate(target)  # up past 0 on a red flag asks too
            if self.pending is not None:
                self.prompt = confirm_prompt(symptom, target, "press Enter")
            return
        self._change(symptom.key, target)

    def action_clear(self) -> None:
        symptom = self.current
        if symptom is not None:
            self.pending = None
            self._change(symptom.key, None)

    def action_hide(self) -> None:
        symptom = self.current
        if symptom is not None:
            self.post_message(self.HideRequested(self, symptom))
