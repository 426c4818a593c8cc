"""Chart: a symptom measure against the dose over time, cut by cut — and the calendar heat map.

The upper panel shows the chosen metric (``m`` cycles total / anxiety / mood / sleep hours /
sleep quality, ``s`` picks one symptom) with its 7-day average, the cuts, and wave/window
days; the lower panel the dose planned and taken on the same date axis (``t`` swaps it for
the "before / after each cut" table; ``L`` lays the estimated drug level over it). ``r``
changes the range (30 / 90 / 365 days / all), ← → (or h l) move it through time, ``c`` shows
the calendar heat map instead, ``a`` every cut's curve by day since the cut (where ``r`` then
chooses how many recent cuts), with what they have in common in one sentence under it.

State drives the drawing. The view's ``var``s (metric, range, window end, panels, the plot's
width, the version of the data read) combine into one :class:`~tui.ui.chart.state.ChartState`;
its watcher draws when it changes. So a key press only changes state, a Resize to the same
size draws nothing, and a new version of the journal draws once (once shown: a hidden Chart
only notes that it is stale). The journal is read once per change
(:meth:`ChartView.refresh_data`); drawing re-cuts that data, and stays fast by pooling days
into plot columns first. The panels plot at their next repaint, when their size is final.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import Static

from tui.core.cut_response_curve import sentence, summarise
from tui.core.entry import DayEntry
from tui.core.insights import SYMPTOM_PREFIX, TOTAL, CutResponse, cut_responses, symptom_metric
from tui.core.plan_model import Plan
from tui.core.symptoms import catalogue
from tui.ui.chart import words
from tui.ui.chart.aligned_chart import AlignedChart
from tui.ui.chart.chart_panel import ChartPanel
from tui.ui.chart.cut_table import CutRow, CutTable, cut_rows
from tui.ui.chart.dose_chart import DoseChart
from tui.ui.chart.frame import RANGES, ChartFrame, build_frame, cut_dates, next_metric, window_bounds
from tui.ui.chart.heat_map import HeatMap
from tui.ui.chart.level_frame import LevelFrame, build_level_frame
from tui.ui.chart.state import ChartState, Mode
from tui.ui.chart.symptom_chart import SymptomChart
from tui.ui.screens.symptom_picker import SymptomPicker
from tui.ui.session import Session
from tui.ui.views.journal_view import JournalView

DEFAULT_RANGE = 90
"""Three months: about six cuts of a two-week taper, enough to compare the latest ones."""

CUT_COUNTS: tuple[int | None, ...] = (3, 6, 12, None)
"""How many recent cuts ``r`` cycles through in the days-since-cut mode; ``None`` is every cut."""
DEFAULT_CUT_COUNT = 6
"""About three months of a two-week taper: recent enough to be today's pattern."""

_PART_NAMES = ("empty", "symptoms", "aligned", "dose", "note", "cuts", "calendar", "legend", "sentence")
PARTS = tuple(f"chart-{part}" for part in _PART_NAMES)
"""The ids of what the view shows or hides under the status line, depending on its state."""


class ChartView(JournalView):
    """The Chart view: symptom and dose panels, the cut table, the calendar heat map."""

    DEFAULT_CSS = """
    ChartView {
        padding: 0 0;
    }
    ChartView #chart-status, ChartView #chart-legend, ChartView #chart-note, ChartView #chart-sentence {
        height: auto;
        padding: 0 1;
    }
    ChartView #chart-status {
        text-style: bold;
        color: $primary;
    }
    ChartView #chart-legend, ChartView #chart-note {
        color: $text-muted;
    }
    ChartView #chart-empty {
        height: 1fr;
        padding: 1 2;
        color: $text-muted;
    }
    ChartView .-hidden {
        display: none;
    }
    """

    can_focus = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "next_metric", "Metric"),
        Binding("M", "previous_metric", "Previous metric", show=False),
        Binding("s", "pick_symptom", "Symptom", show=False),
        Binding("r", "next_range", "Range"),
        Binding("R", "previous_range", "Previous range", show=False),
        # ← → share one short entry, read "← →" (Help says what they do): with "← Earlier → Later"
        # in the key bar, a and L (the Chart's two other modes) did not fit at 80 columns.
        Binding("left,h", "earlier", "→", key_display="←"),
        Binding("right,l", "later", "Later", show=False),
        Binding("end,e", "latest", "Latest", show=False),
        Binding("t", "toggle_cut_table", "Cuts"),
        Binding("c", "toggle_calendar", "Calendar"),
        Binding("a", "toggle_aligned", "Since cut"),
        Binding("L", "toggle_level", "Level"),
    ]

    metric: var[str] = var(TOTAL)
    """What the upper panel shows: a name from :data:`~tui.core.insights.METRICS` or ``symptom:<key>``."""
    range_days: var[int | None] = var(DEFAULT_RANGE)
    """Days in the window; ``None`` shows everything logged."""
    end: var[date | None] = var(None)
    """The window's last day as moved to with ← →; ``None`` follows today."""
    show_cut_table: var[bool] = var(False)
    """The "before / after each cut" table in place of the dose panel (kept under the calendar)."""
    show_calendar: var[bool] = var(False)
    """The calendar heat map in place of both panels."""
    show_aligned: var[bool] = var(False)
    """Every recent cut's curve by day since the cut, in place of both panels."""
    cut_count: var[int | None] = var(DEFAULT_CUT_COUNT)
    """How many recent cuts the days-since-cut mode lines up (``None``: all)."""
    show_level: var[bool] = var(False)
    """The estimated drug level over the dose panel."""
    plot_columns: var[int] = var(0)
    """The upper panel's plot width in columns as last laid out (0 before its first layout).
    Only the width counts: a panel fits its plot to its height itself when it repaints."""
    data_version: var[int] = var(0)
    """How many times the journal has been read (0: not yet); a new read is new data to draw."""
    state: var[ChartState | None] = var(None)
    """All of the above as one value (computed): the view draws when it changes."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self._entries: list[DayEntry] = []
        self._plan: Plan | None = None
        self._cuts: list[date] = []
        self._responses: list[CutResponse] = []
        self._drawn: ChartState | None = None
        """The state drawn last: reading ``state`` runs its watcher again, and equal states
        must not draw twice."""
        self.frame: ChartFrame | None = None
        """The frame drawn last (``None`` while the empty message or the calendar is shown)."""

    def compose(self) -> ComposeResult:
        yield Static(id="chart-status", markup=False)
        yield Static(id="chart-legend", markup=False)
        yield Static(words.NO_DATA, id="chart-empty", markup=False, classes="-hidden")
        yield SymptomChart(id="chart-symptoms")
        yield AlignedChart(id="chart-aligned")
        yield DoseChart(id="chart-dose")
        yield Static(id="chart-note", markup=False)
        yield CutTable(id="chart-cuts")
        yield HeatMap(id="chart-calendar")
        yield Static(id="chart-sentence", markup=False)

    def on_mount(self) -> None:
        self.request_refresh()

    def focus_content(self) -> None:
        self.focus()

    # -- data -----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read the log and the plan again; the new version draws once."""
        self._entries = self.journal.days()  # already in date order
        self._plan = self.session.plan
        self._cuts = cut_dates(self._entries, self._plan)
        self._responses = cut_responses(self._entries, [c for c in self._cuts if c <= self.today], TOTAL)
        self.data_version += 1

    @property
    def window(self) -> tuple[date, date]:
        """The first and last day in view."""
        first = self._entries[0].day if self._entries else None
        return window_bounds(self.window_end, self.range_days, first)

    @property
    def window_end(self) -> date:
        """The last day in view (today unless moved back)."""
        return min(self.end or self.today, self.today)

    def cut_rows(self, start: date, end: date) -> list[CutRow]:
        """The table rows for the cuts from ``start`` to ``end``."""
        return cut_rows(self._responses, self._entries, self._plan, start, end)

    # -- state ----------------------------------------------------------------------------------

    def compute_state(self) -> ChartState:
        """The state to draw, from the vars above (Textual recomputes it when any of them changes)."""
        start, end = self.window
        mode: Mode = "plot"
        if self.show_calendar:
            mode = "calendar"
        elif self.show_aligned:
            mode = "aligned"
        elif self.show_cut_table:
            mode = "table"
        return ChartState(
            self.metric, start, end, mode, self.plot_columns, self.data_version, self.cut_count, self.show_level
        )

    def watch_state(self, state: ChartState | None) -> None:
        """Draw a state not drawn yet (the one place a change of state turns into drawing)."""
        if state is not None and state != self._drawn:
            self._draw(state)

    @on(ChartPanel.Resized, "#chart-symptoms, #chart-aligned")
    def _plot_laid_out(self, event: ChartPanel.Resized) -> None:
        # Every Resize arrives here, also those to the same size (a panel shown again); the var
        # keeps only a new width, and only a new width changes the pooling of days.
        if event.panel.size.width:
            self.plot_columns = event.panel.plot_columns

    def redraw(self) -> None:
        """Draw the present state again, even if it was drawn already (for timing a redraw)."""
        self._draw(self.compute_state())

    # -- drawing --------------------------------------------------------------------------------

    def _show(self, *shown: str) -> None:
        """Show the parts with these ids and hide the others."""
        for widget_id in PARTS:
            self.query_one(f"#{widget_id}").set_class(widget_id not in shown, "-hidden")

    def _draw(self, state: ChartState) -> None:
        """Show the panels ``state`` asks for and hand them what to draw."""
        self._drawn = state
        self.frame = None
        status = self.query_one("#chart-status", Static)
        empty = self.query_one("#chart-empty", Static)
        if not state.data_version:
            self._show()  # not read yet: "nothing to chart" would not be true
            return
        status.update(self._status(state))
        if not self._entries:
            empty.update(words.NO_DATA)
            self._show("chart-empty")
            return
        if state.mode == "calendar":
            self._show("chart-calendar")
            self.query_one(HeatMap).show(self._entries, state.end)
            return
        if state.mode == "aligned":
            self._draw_aligned(state)
            return
        lower = (
            ("chart-cuts",)
            if state.mode == "table"
            else ("chart-dose", "chart-note")
            if state.level
            else ("chart-dose",)
        )
        self._show("chart-legend", "chart-symptoms", *lower)
        if not state.plot_columns:
            # Not laid out yet: the layout that follows gives the plot its width, a new state.
            return
        frame = build_frame(
            self._entries, self._plan, state.metric, state.start, state.end, state.plot_columns, self._cuts
        )
        if not frame.has_symptoms and not frame.has_doses:
            empty.update(
                f"Nothing logged from {state.start:%d %b %Y} to {state.end:%d %b %Y}.\n\n"
                "← / h and → / l move through time, r shows a longer range, e jumps back to today."
            )
            self._show("chart-empty")
            return
        self.frame = frame
        self.query_one("#chart-legend", Static).update(words.legend(state, frame))
        self.query_one(SymptomChart).show(frame)
        if state.mode == "table":
            self.query_one(CutTable).show(self.cut_rows(state.start, state.end), frame.dose_unit)
            return
        dose = self.query_one(DoseChart)
        level = self._level(frame, state.plot_columns) if state.level else None
        dose.show_level(level if isinstance(level, LevelFrame) else None)
        if level is not None:
            note = level.note if isinstance(level, LevelFrame) else level
            self.query_one("#chart-note", Static).update(note)
        dose.show(frame)

    def _level(self, frame: ChartFrame, columns: int) -> LevelFrame | str:
        """The estimated level over ``frame``, or why there is none."""
        settings = self.session.settings
        drug = self._plan.params.drug if self._plan is not None else settings.drug
        return build_level_frame(self._entries, frame, columns, drug, settings.intake_times)

    def _draw_aligned(self, state: ChartState) -> None:
        """Every recent cut's curve by day since the cut, and the sentence under it."""
        self._show("chart-legend", "chart-aligned", "chart-sentence")
        cuts = [c for c in self._cuts if c <= state.end]
        summary = summarise(self._entries, cuts, state.metric, state.cut_count)
        custom = self._custom_symptoms()
        self.query_one("#chart-legend", Static).update(words.legend(state, None))
        self.query_one("#chart-sentence", Static).update(sentence(summary, words.metric_name(state.metric, custom)))
        self.query_one(AlignedChart).show_summary(summary)

    def _status(self, state: ChartState) -> Text:
        return Text(words.status(state, self._custom_symptoms()), no_wrap=True, overflow="ellipsis")

    def _custom_symptoms(self) -> tuple[str, ...]:
        return self.session.settings.custom_symptoms

    # -- actions: each changes state, the state's watcher draws ----------------------------------

    def action_next_metric(self) -> None:
        """Total → anxiety → mood → sleep hours → sleep quality → total."""
        self.metric = next_metric(self.metric, 1)

    def action_previous_metric(self) -> None:
        """The metric before this one (a single symptom goes to sleep quality)."""
        self.metric = next_metric(self.metric, -1)

    def action_pick_symptom(self) -> None:
        """Choose one symptom from a list (the ones rated most often first)."""
        settings = self.session.settings
        offered = catalogue(settings.custom_symptoms, frozenset(settings.hidden_symptoms))
        choices = words.symptom_choices(self._entries, offered, self._custom_symptoms())
        current = self.metric[len(SYMPTOM_PREFIX) :] if self.metric.startswith(SYMPTOM_PREFIX) else None

        def picked(key: str | None) -> None:
            if key:
                self.metric = symptom_metric(key)

        self.app.push_screen(SymptomPicker(choices, current), picked)

    def _set_range(self, step: int) -> None:
        if self.show_aligned and not self.show_calendar:
            # Lined up by day since the cut, the range is how many recent cuts.
            self.cut_count = CUT_COUNTS[(CUT_COUNTS.index(self.cut_count) + step) % len(CUT_COUNTS)]
            return
        range_days = RANGES[(RANGES.index(self.range_days) + step) % len(RANGES)]
        end = self._clamped(self.window_end, range_days)
        # The end first, without its watchers: the range then changes the state once, with both.
        self.set_reactive(ChartView.end, None if end == self.today else end)
        self.range_days = range_days

    def action_next_range(self) -> None:
        """30 → 90 → 365 days → all → 30 (since each cut: the last 3 → 6 → 12 → every cut)."""
        self._set_range(1)

    def action_previous_range(self) -> None:
        """All → 365 → 90 → 30 days → all."""
        self._set_range(-1)

    def _clamped(self, end: date, range_days: int | None) -> date:
        """``end`` kept between the first logged day's window and today."""
        if self._entries and range_days is not None:
            earliest = min(self.today, self._entries[0].day + timedelta(days=range_days - 1))
            end = max(end, earliest)
        return min(end, self.today)

    def _move(self, direction: int) -> None:
        if self.range_days is None:
            self.app.bell()  # everything is already in view
            return
        step = max(7, self.range_days // 2)
        moved = self._clamped(self.window_end + timedelta(days=direction * step), self.range_days)
        if moved == self.window_end:
            self.app.bell()
            return
        self.end = None if moved == self.today else moved

    def action_earlier(self) -> None:
        """Move the window back by half its length."""
        self._move(-1)

    def action_later(self) -> None:
        """Move the window forward by half its length (not past today)."""
        self._move(1)

    def action_latest(self) -> None:
        """Back to the window ending today."""
        self.end = None

    def action_toggle_cut_table(self) -> None:
        """The "before / after each cut" table in place of the dose panel, or back."""
        # Out of the calendar without its watchers: the table then changes the state once, with both.
        self.set_reactive(ChartView.show_calendar, False)
        self.show_cut_table = not self.show_cut_table

    def action_toggle_calendar(self) -> None:
        """The calendar heat map in place of the chart, or back."""
        self.show_calendar = not self.show_calendar

    def action_toggle_aligned(self) -> None:
        """Every recent cut's curve by day since the cut in place of the chart, or back."""
        self.set_reactive(ChartView.show_calendar, False)
        self.show_aligned = not self.show_aligned

    def action_toggle_level(self) -> None:
        """The estimated drug level over the dose panel, or not."""
        self.show_level = not self.show_level
