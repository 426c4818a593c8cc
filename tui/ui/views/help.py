"""Help: every key grouped by view, what the scales and signs mean, the data file, safety and
the crisis lines for the person's region (``r`` changes the region).

The signs are read from their one definition (:class:`~tui.core.plan_flags.PlanFlag`,
:class:`~tui.core.scales.Phase`), so Help, the Schedule, the Chart and the README agree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.crisis_lines import REGIONS, CrisisLine
from tui.core.drug_level import ESTIMATE_NOTE
from tui.core.plan_flags import PlanFlag
from tui.core.safety import SAFETY_NOTICE
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM, TOTAL_SCALE_TEXT, Phase
from tui.core.terminal_text import terminal_safe
from tui.ui.screens.crisis_panel import crisis_lines_for
from tui.ui.screens.region_dialog import RegionDialog
from tui.ui.session import Change
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.step_table import STEP_MARKS

KEY_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("F1–F6", "Today, Schedule, Log, History, Chart, Help (work inside text fields too)"),
            ("1–6", "the same views, when no text field has focus"),
            ("?", "this help (when no text field has focus)"),
            ("ctrl+p", "command palette: every command by name"),
            ("ctrl+e", "export: JSON, CSV, the prescriber report, a calendar (0600 file)"),
            ("ctrl+o", "import a JSON export (preview first, then confirm)"),
            ("tab / shift+tab", "next / previous field or button"),
            ("q / ctrl+q", "quit (asks first if the Log form has unsaved changes)"),
        ),
    ),
    ("Help", (("r", "choose the region whose crisis lines are shown, or add your own lines"),)),
    (
        "Today",
        (
            ("l / enter", "log today"),
            ("y", "log yesterday"),
        ),
    ),
    (
        "Schedule",
        (
            ("↑↓ / j k", "move between steps"),
            ("h", "hold: stay on the current dose N more days (later steps move)"),
            ("s", "slow down: a smaller cut % from the next step"),
            ("r", "return to the last stable dose (an increase; asks for a reason)"),
            ("p", "re-plan from a date (past steps are kept)"),
            ("n", "new plan"),
            ("H", "plan history: every change, newest first; u undoes the last one"),
            ("w", "a daily micro-taper (steps of 1–3 days): one row per week, or every daily step"),
        ),
    ),
    (
        "Log",
        (
            ("ctrl+← / ctrl+→", "previous / next day, from any field (asks first if unsaved; the note: by word)"),
            ("[ / ]", "the same when no text field has the cursor"),
            ("ctrl+g", "go to a date (YYYY-MM-DD, yesterday, -3)"),
            ("ctrl+s", "save the day"),
            ("ctrl+t", "during a crossover: the dose's drug (each row is read in its drug's own form)"),
            ("enter / tab", "the next field (the Log opens with the cursor in the first dose)"),
            ("0–4", "rate the focused symptom and go on to the next"),
            ("← → / h l", "change the focused symptom's rating; backspace: not rated"),
            ("↑↓ / j k", "previous / next symptom"),
            ("ctrl+n", "add your own symptom"),
            ("ctrl+d", 'hide the focused symptom (not red flags); the list ends in "Show…"'),
        ),
    ),
    (
        "History",
        (
            ("↑↓ / j k", "move between days (g / G: newest / oldest)"),
            ("enter", "open the day in Log"),
            ("d / delete", "delete the day (asks first, showing what it holds)"),
            ("u", "undo the last delete"),
        ),
    ),
    (
        "Chart",
        (
            ("m / M", "next / previous metric: total, anxiety, mood, sleep hours, sleep quality"),
            ("s", "chart one symptom (picked from a list)"),
            ("r / R", "next / previous range: 30 / 90 / 365 days / all"),
            ("← → / h l", "move the window back / forward by half its length"),
            ("e / end", "back to the window ending today"),
            ("t", "before / after each cut: a table in place of the dose panel"),
            ("c", "calendar heat map of the total symptom score"),
            ("a", "days since each cut: recent cuts' curves lined up, their median, the usual peak and settling day"),
            ("r / R in a", "how many recent cuts: 3 / 6 / 12 / all"),
            ("L", f"estimated drug level over the dose panel. {ESTIMATE_NOTE}"),
        ),
    ),
)


KEY_WIDTH = 17
"""Width of the left column (key or term); meanings wrap beside it."""


def _row(term: str, meaning: str, width: int) -> list[str]:
    """``  term   meaning`` with the meaning wrapped under itself, not under the term."""
    indent = " " * (2 + KEY_WIDTH)
    # A long path stays whole (it may be copied from here), even if it overruns the line.
    wrapped = textwrap.wrap(
        meaning, width=max(20, width - len(indent)), break_long_words=False, break_on_hyphens=False
    ) or [""]
    first = f"  {term:<{KEY_WIDTH - 1}} {wrapped[0]}"
    return [first, *(indent + line for line in wrapped[1:])]


def _paragraph(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=max(20, width - 2), initial_indent="  ", subsequent_indent="  ")


def region_name(code: str) -> str:
    """``United Kingdom`` for ``UK``; "your own lines" for the person's own list."""
    region = REGIONS.get(code.upper())
    return region.name if region is not None else "your own lines"


def help_text(data_path: str, crisis: Sequence[CrisisLine], width: int = 78, region: str = "US") -> str:
    """The whole help page as plain text, wrapped to ``width`` columns; ``crisis`` are the crisis
    lines for the person's ``region`` (:func:`~tui.ui.screens.crisis_panel.crisis_lines_for`)."""
    lines: list[str] = ["KEYS", ""]
    for group, keys in KEY_GROUPS:
        lines.append(group)
        for key, meaning in keys:
            lines += _row(key, meaning, width)
        lines.append("")
    lines += ["SCALES", ""]
    for term, meaning in (
        ("anxiety", ANXIETY.meaning),
        ("mood", MOOD.meaning),
        ("each symptom", SYMPTOM.meaning),
        ("sleep", f"hours (e.g. 6.5) and quality {SLEEP_QUALITY.meaning}"),
        ("symptom total", f"the day's {TOTAL_SCALE_TEXT}"),
        *((p.marked, p.meaning) for p in Phase),
        ("doses", "each intake in mg and in what you measure (0.46 mg = 4.6 mL); a daily total is labelled"),
        ("notes", "start a line with Q: to collect it for your prescriber"),
    ):
        lines += _row(term, meaning, width)
    lines += ["", "SIGNS IN THE SCHEDULE AND CHART", ""]
    for glyph, meaning in STEP_MARKS:
        lines += _row(glyph, meaning, width)
    for flag in PlanFlag:
        lines += _row(flag.marked, flag.explanation, width)
    lines += ["", "YOUR DATA", ""]
    for term, meaning in (
        ("data file", data_path),
        ("backups", "beside it, in the .backups folder (restore: taper-tui restore)"),
        ("export", "ctrl+e here, or taper-tui export (JSON, CSV, prescriber report, calendar)"),
    ):
        lines += _row(term, meaning, width)
    lines += ["", "SAFETY", ""]
    lines += _paragraph(SAFETY_NOTICE, width)
    lines.append("")
    lines += _paragraph(
        "If you are in crisis, or you logged a seizure, confusion, hallucinations or "
        f"suicidal thoughts, contact your prescriber now or (lines for {region_name(region)}; r changes it):",
        width,
    )
    for line in lines_shown(crisis):
        lines += textwrap.wrap(line, width=max(20, width - 2), initial_indent="  • ", subsequent_indent="    ")
    return "\n".join(lines)


def lines_shown(crisis: Sequence[CrisisLine]) -> list[str]:
    """Each line as one text (the person's own lines are shown as typed, never obeyed)."""
    return [terminal_safe(line.describe()) for line in crisis]


class HelpView(JournalView):
    """The Help view: scrollable text, focused so arrows and page keys scroll it."""

    BINDINGS = [Binding("r", "choose_region", "Crisis lines region")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll", can_focus=True):
            yield Static(id="help-text", markup=False)

    def concerns(self, change: Change) -> bool:
        return change.settings  # the crisis lines follow the region

    def on_resize(self) -> None:
        self.request_refresh()

    def refresh_data(self) -> None:
        # Wrap to the view (less the scrollbar and a margin) so meanings stay in their column.
        width = max(40, self.size.width - 3) if self.size.width else 78
        settings = self.journal.settings()
        text = help_text(str(self.journal.path), crisis_lines_for(settings), width, settings.region)
        self.query_one("#help-text", Static).update(text)

    def action_choose_region(self) -> None:
        """Pick the region whose crisis lines are shown, or add the person's own lines (the
        dialog stores them through the session)."""

        def chosen(done: str | None) -> None:
            if done is not None:
                self.notify(done, timeout=4)

        self.app.push_screen(RegionDialog(self.session), chosen)

    def focus_content(self) -> None:
        self.query_one("#help-scroll").focus()
