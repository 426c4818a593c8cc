"""Chart: a symptom measure against the dose over time, cut by cut — and the calendar heat map.

The upper panel shows the chosen metric (``m`` cycles total / anxiety / mood / sleep hours /
sleep quality, ``s`` picks one symptom) with its 7-day average, the cuts, and wave/window
days; the lower panel the dose planned and taken on the same date axis (``t`` swaps it for
the "before / after each cut" table). ``r`` changes the range (30 / 90 / 365 days / all),
← → (or h l) move it through time, ``c`` shows the calendar heat map instead.

The journal is read once per change (:meth:`ChartView.refresh_data`); keys only re-cut that
data (:meth:`ChartView.redraw`), which stays fast by pooling days into plot columns first.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.widgets import Static

from tui.core.entry import DayEntry
from tui.core.insights import SYMPTOM_PREFIX, TOTAL, CutResponse, cut_responses, symptom_metric
from tui.core.plan_model import Plan
from tui.core.symptoms import catalogue
from tui.ui.chart_frame import RANGES, ChartFrame, build_frame, cut_dates, metric_title, next_metric, window_bounds
from tui.ui.screens.symptom_picker import SymptomPicker
from tui.ui.session import Session
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.cut_table import CutRow, CutTable
from tui.ui.widgets.dose_chart import DoseChart
from tui.ui.widgets.heat_map import HeatMap
from tui.ui.widgets.symptom_chart import SymptomChart

DEFAULT_RANGE = 90
"""Three months: about six cuts of a two-week taper, enough to compare the latest ones."""

NO_DATA = (
    "Nothing to chart yet.\n\n"
    "Log a few days (F3 or 3 opens the Log: doses, symptoms, sleep, mood) and this view will\n"
    "show your symptoms against the dose, each cut marked, with a calendar of good and bad days.\n\n"
    "To see what it looks like first: taper-tui demo --data /tmp/demo.json, then\n"
    "taper-tui --data /tmp/demo.json"
)


class ChartView(JournalView):
    """The Chart view: symptom and dose panels, the cut table, the calendar heat map."""

    DEFAULT_CSS = """
    ChartView {
        padding: 0 0;
    }
    ChartView #chart-status {
        height: 1;
        padding: 0 1;
        text-style: bold;
        color: $primary;
    }
    ChartView #chart-legend {
        height: 1;
        padding: 0 1;
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

    BINDINGS = [
        Binding("m", "next_metric", "Metric"),
        Binding("M", "previous_metric", "Previous metric", show=False),
        Binding("s", "pick_symptom", "Symptom", show=False),
        Binding("r", "next_range", "Range"),
        Binding("R", "previous_range", "Previous range", show=False),
        Binding("left,h", "earlier", "Earlier"),
        Binding("right,l", "later", "Later"),
        Binding("end,e", "latest", "Latest", show=False),
        Binding("t", "toggle_cut_table", "Cuts"),
        Binding("c", "toggle_calendar", "Calendar"),
    ]

    metric: var[str] = var(TOTAL)
    """What the upper panel shows: a name from :data:`~tui.core.insights.METRICS` or ``symptom:<key>``."""
    range_days: var[int | None] = var(DEFAULT_RANGE)
    """Days in the window; ``None`` shows everything logged."""
    end: var[date | None] = var(None)
    """The window's last day; ``None`` follows today."""
    show_cut_table: var[bool] = var(False)
    """The "before / after each cut" table in place of the dose panel."""
    show_calendar: var[bool] = var(False)
    """The calendar heat map in place of both panels."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self._entries: list[DayEntry] = []
        self._plan: Plan | None = None
        self._cuts: list[date] = []
        self._responses: list[CutResponse] = []
        self.frame: ChartFrame | None = None
        """The frame drawn last (``None`` while the empty message is shown)."""

    def compose(self) -> ComposeResult:
        yield Static(id="chart-status", markup=False)
        yield Static(id="chart-legend", markup=False)
        yield Static(NO_DATA, id="chart-empty", markup=False, classes="-hidden")
        yield SymptomChart(id="chart-symptoms")
        yield DoseChart(id="chart-dose")
        yield CutTable(id="chart-cuts")
        yield HeatMap(id="chart-calendar")

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)

    def focus_content(self) -> None:
        self.focus()

    # -- data -----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read the log and the plan again, then redraw."""
        self._entries = self.journal.days()  # already in date order
        self._plan = self.session.plan
        self._cuts = cut_dates(self._entries, self._plan)
        self._responses = cut_responses(self._entries, [c for c in self._cuts if c <= self.today], TOTAL)
        self.redraw()

    @property
    def window(self) -> tuple[date, date]:
        """The first and last day in view."""
        first = self._entries[0].day if self._entries else None
        return window_bounds(self.window_end, self.range_days, first)

    @property
    def window_end(self) -> date:
        """The last day in view (today unless moved back)."""
        return min(self.end or self.today, self.today)

    def _dose_on(self, day: date) -> Decimal | None:
        if self._plan is not None:
            step = self._plan.step_on(day)
            return None if step is None else step.dose_mg
        logged = [e for e in self._entries if e.day <= day and e.intakes]
        return logged[-1].total_mg if logged else None

    def cut_rows(self, start: date, end: date) -> list[CutRow]:
        """The table rows for the cuts from ``start`` to ``end``."""
        return [
            CutRow(r, self._dose_on(r.cut - timedelta(days=1)), self._dose_on(r.cut))
            for r in self._responses
            if start <= r.cut <= end
        ]

    # -- drawing --------------------------------------------------------------------------------

    def _show(self, *shown: str) -> None:
        for widget_id in ("chart-empty", "chart-symptoms", "chart-dose", "chart-cuts", "chart-calendar", "chart-legend"):
            self.query_one(f"#{widget_id}").set_class(widget_id not in shown, "-hidden")

    def redraw(self) -> None:
        """Draw the window with the current metric, range and panels from the data read last."""
        start, end = self.window
        self.query_one("#chart-status", Static).update(self._status(start, end))
        if not self._entries:
            self.frame = None
            self._show("chart-empty")
            return
        if self.show_calendar:
            self.frame = None
            self._show("chart-calendar")
            self.query_one(HeatMap).show(self._entries, end)
            return
        lower = "chart-cuts" if self.show_cut_table else "chart-dose"
        self._show("chart-legend", "chart-symptoms", lower)
        symptoms = self.query_one(SymptomChart)
        if symptoms.size.width == 0:
            # Not laid out yet. While another tab shows, the view's own resize redraws it later;
            # a panel just un-hidden gets its size on the next refresh.
            if self.size.width:
                self.call_after_refresh(self.redraw)
            return
        frame = build_frame(self._entries, self._plan, self.metric, start, end, symptoms.plot_columns, self._cuts)
        self.frame = frame
        if not frame.has_symptoms and not frame.has_doses:
            self.frame = None
            empty = self.query_one("#chart-empty", Static)
            empty.update(
                f"Nothing logged from {start:%d %b %Y} to {end:%d %b %Y}.\n\n"
                "← / h and → / l move through time, r shows a longer range, e jumps back to today."
            )
            self._show("chart-empty")
            return
        self.query_one("#chart-empty", Static).update(NO_DATA)
        self.query_one("#chart-status", Static).update(self._status(start, end, frame))
        self.query_one("#chart-legend", Static).update(self._legend(frame))
        symptoms.show(frame)
        if self.show_cut_table:
            self.query_one(CutTable).show(self.cut_rows(start, end))
        else:
            self.query_one(DoseChart).show(frame)

    def _status(self, start: date, end: date, frame: ChartFrame | None = None) -> Text:
        labels = {s.key: s.label for s in self._symptoms_offered()} if self.metric.startswith(SYMPTOM_PREFIX) else None
        title = "Calendar: total symptom score" if self.show_calendar else metric_title(self.metric, labels)
        first = f"{start:%d %b}" if start.year == end.year else f"{start:%d %b %Y}"
        status = f"{title} · {first} – {end:%d %b %Y}"
        if frame is not None and frame.days >= 1.5 * len(frame.xs):
            # Pooled: say so, or a reader takes each dot for one day.
            status += f" · • worst of {frame.days / len(frame.xs):.0f} d"
        return Text(status, no_wrap=True, overflow="ellipsis")

    def _legend(self, frame: ChartFrame) -> str:
        symptoms = "• day ⠒ 7-d avg │ cut ≈ wave ○ window"
        if self.show_cut_table:
            return symptoms
        dose = "mg: ⠒ plan • taken ▼ less ‖ hold" if frame.planned else "mg: • taken"
        return f"{symptoms} · {dose}"

    def _symptoms_offered(self) -> list:
        settings = self.session.settings
        return catalogue(list(settings.get("custom_symptoms") or []), set(settings.get("hidden_symptoms") or []))

    # -- actions --------------------------------------------------------------------------------

    def _redraw_soon(self) -> None:
        # After the next refresh, so panels just shown or hidden have their new sizes.
        self.call_after_refresh(self.redraw)

    def action_next_metric(self) -> None:
        """Total → anxiety → mood → sleep hours → sleep quality → total."""
        self.metric = next_metric(self.metric, 1)
        self._redraw_soon()

    def action_previous_metric(self) -> None:
        self.metric = next_metric(self.metric, -1)
        self._redraw_soon()

    def action_pick_symptom(self) -> None:
        """Choose one symptom from a list (the ones rated most often first)."""
        counts: dict[str, int] = {}
        for entry in self._entries:
            for key, level in entry.symptoms.items():
                if level > 0:
                    counts[key] = counts.get(key, 0) + 1
        offered = {s.key: s.label for s in self._symptoms_offered()}
        for key in counts:  # rated once, hidden since: still worth charting
            offered.setdefault(key, key.replace("_", " ").capitalize())
        choices = sorted(((key, label, counts.get(key, 0)) for key, label in offered.items()), key=lambda c: -c[2])
        current = self.metric[len(SYMPTOM_PREFIX):] if self.metric.startswith(SYMPTOM_PREFIX) else None

        def picked(key: str | None) -> None:
            if key:
                self.metric = symptom_metric(key)
                self._redraw_soon()

        self.app.push_screen(SymptomPicker(choices, current), picked)

    def _set_range(self, step: int) -> None:
        self.range_days = RANGES[(RANGES.index(self.range_days) + step) % len(RANGES)]
        self.end = self._clamped(self.window_end)
        self._redraw_soon()

    def action_next_range(self) -> None:
        """30 → 90 → 365 days → all → 30."""
        self._set_range(1)

    def action_previous_range(self) -> None:
        self._set_range(-1)

    def _clamped(self, end: date) -> date:
        """``end`` kept between the first logged day's window and today."""
        if self._entries and self.range_days is not None:
            earliest = min(self.today, self._entries[0].day + timedelta(days=self.range_days - 1))
            end = max(end, earliest)
        return min(end, self.today)

    def _move(self, direction: int) -> None:
        if self.range_days is None:
            self.app.bell()  # everything is already in view
            return
        step = max(7, self.range_days // 2)
        moved = self._clamped(self.window_end + timedelta(days=direction * step))
        if moved == self.window_end:
            self.app.bell()
            return
        self.end = None if moved == self.today else moved
        self._redraw_soon()

    def action_earlier(self) -> None:
        """Move the window back by half its length."""
        self._move(-1)

    def action_later(self) -> None:
        """Move the window forward by half its length (not past today)."""
        self._move(1)

    def action_latest(self) -> None:
        """Back to the window ending today."""
        self.end = None
        self._redraw_soon()

    def action_toggle_cut_table(self) -> None:
        """The "before / after each cut" table in place of the dose panel, or back."""
        self.show_cut_table = not self.show_cut_table
        self.show_calendar = False
        self._redraw_soon()

    def action_toggle_calendar(self) -> None:
        """The calendar heat map in place of the chart, or back."""

        self.show_calendar = not self.show_calendar
        self._redraw_soon()

