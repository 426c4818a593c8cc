"""What the Chart view draws, worked out without Textual: one :class:`ChartFrame` per redraw.

A frame is the chosen metric and the dose over a window of days, already shrunk to the
plot's width (see :mod:`tui.core.downsample`): each column keeps the *worst* day of the days
it covers (max for symptoms, min for mood and sleep), so a bad day never disappears in a
year or ten-year view. Gaps stay gaps: a column of unlogged days has no value, and the lines
are cut there rather than joined across.

x positions are day offsets from the window's first day (0 … days − 1), shared by the
symptom panel and the dose panel so their dates line up.

The dose, planned and taken, is in the plan's chart unit (:func:`tui.core.intake_drugs.chart_unit`):
≈ diazepam mg on every day of a plan with a crossover, so a stage day of two drugs is never drawn
as the sum of their mg, and the plan line does not leap from 1 mg of one drug to 20 mg of another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tui.core.downsample import downsample_values
from tui.core.entry import DayEntry
from tui.core.insights import cut_dates as cut_dates  # the one cut-dates rule, re-exported for the chart view
from tui.core.insights import daily_dose_series, daily_series, moving_average, worst_of
from tui.core.intake_drugs import chart_step_dose, chart_unit
from tui.core.plan_model import Plan, PlanFlag
from tui.core.scales import CHARTED, Phase, parse_metric
from tui.core.scales import metric_title as scale_metric_title
from tui.core.symptoms import symptom_label

RANGES: tuple[int | None, ...] = (30, 90, 365, None)
"""The ranges ``r`` cycles through, in days; ``None`` is everything logged."""

AVERAGE_DAYS = 7

WAVE = Phase.WAVE
WINDOW = Phase.WINDOW

Point = tuple[float, float]


def metric_title(metric: str, symptom_labels: Mapping[str, str] | None = None) -> str:
    """What the metric is called on screen, with its scale and the direction that is bad
    (:func:`tui.core.scales.metric_title`). A single symptom takes its label from
    ``symptom_labels`` (the person's catalogue), else from :func:`symptom_label`."""
    _kind, key = parse_metric(metric)
    label = None if key is None else (symptom_labels or {}).get(key) or symptom_label(key)
    return scale_metric_title(metric, label)


def next_metric(metric: str, step: int = 1) -> str:
    """The metric after (or before) ``metric`` in :data:`~tui.core.scales.CHARTED`; a single
    symptom goes back to the start of the cycle."""
    if metric not in CHARTED:
        return CHARTED[0] if step > 0 else CHARTED[-1]
    return CHARTED[(CHARTED.index(metric) + step) % len(CHARTED)]


def window_bounds(end: date, range_days: int | None, first_day: date | None) -> tuple[date, date]:
    """The first and last day shown: ``range_days`` ending on ``end``, or everything from
    ``first_day`` (``end`` itself when nothing is logged) for the "all" range."""
    if range_days is None:
        start = min(first_day or end, end)
        return start, end
    return end - timedelta(days=range_days - 1), end


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)


def _usual(values: Iterable[Decimal]) -> Decimal:
    """The dose taken most often in a column (ties: the lower) — not the minimum, so that one
    missed intake in a 50-day column does not pull the whole column below the plan."""
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


def segments(xs: Sequence[float], ys: Sequence[float | None]) -> list[tuple[list[float], list[float]]]:
    """Runs of consecutive points that have a value: a line is drawn per run, never across a gap."""
    runs: list[tuple[list[float], list[float]]] = []
    current: tuple[list[float], list[float]] | None = None
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            current = None
            continue
        if current is None:
            current = ([], [])
            runs.append(current)
        current[0].append(x)
        current[1].append(y)
    return runs


@dataclass(frozen=True)
class ChartFrame:
    """Everything one redraw plots, in plot columns.

    Attributes:
        start: First day shown.
        end: Last day shown.
        metric: The metric of the upper panel.
        xs: Each column's x (day offset of its middle day).
        values: The worst value of each column, ``None`` for a column with nothing logged.
        averages: The 7-day moving average at each column (the mean of its days'), ``None``
            where no day in the trailing week is logged.
        phases: ``"wave"``, ``"window"`` or ``None`` per column (a wave wins over a window).
        taken_mg: The dose usually taken in each column, ``None`` where no intake is logged.
        planned: The planned dose as a step line: ``(x, mg)`` corners, empty without a plan.
        holds: Held stretches of the plan as ``(x_first, x_last, mg)``.
        cuts: Cut dates inside the window, oldest first.
        logged_days: Days in the window with any entry at all.
        dose_unit: What the dose figures are in: ``mg``, or ``≈ diazepam mg`` on a plan with a crossover.
    """

    start: date
    end: date
    metric: str
    xs: tuple[float, ...]
    values: tuple[float | None, ...]
    averages: tuple[float | None, ...]
    phases: tuple[str | None, ...]
    taken_mg: tuple[float | None, ...]
    planned: tuple[Point, ...]
    holds: tuple[tuple[float, float, float], ...]
    cuts: tuple[date, ...]
    logged_days: int
    dose_unit: str = "mg"

    @property
    def days(self) -> int:
        """Calendar days in the window."""
        return (self.end - self.start).days + 1

    def x_of(self, day: date) -> float:
        """The x of a date."""
        return float((day - self.start).days)

    def value_segments(self) -> list[tuple[list[float], list[float]]]:
        """The metric's columns as unbroken runs (a gap splits the line)."""
        return segments(self.xs, self.values)

    def average_segments(self) -> list[tuple[list[float], list[float]]]:
        """The moving average as unbroken runs."""
        return segments(self.xs, self.averages)

    def taken_points(self) -> tuple[list[float], list[float]]:
        """Columns with a logged dose, as x and mg lists (unlogged columns left out)."""
        pairs = [(x, mg) for x, mg in zip(self.xs, self.taken_mg, strict=True) if mg is not None]
        return [p[0] for p in pairs], [p[1] for p in pairs]

    @property
    def has_symptoms(self) -> bool:
        return any(v is not None for v in self.values)

    @property
    def has_doses(self) -> bool:
        return bool(self.planned) or any(mg is not None for mg in self.taken_mg)


def build_frame(
    entries: Sequence[DayEntry],
    plan: Plan | None,
    metric: str,
    start: date,
    end: date,
    columns: int,
    cuts: Sequence[date] | None = None,
) -> ChartFrame:
    """The frame for ``metric`` from ``start`` to ``end`` pooled into at most ``columns`` columns.

    ``entries`` may hold days outside the window (the week before ``start`` feeds the first
    moving averages). ``cuts`` defaults to :func:`cut_dates`.
    """
    columns = max(1, columns)
    lead = start - timedelta(days=AVERAGE_DAYS - 1)
    nearby = [e for e in entries if lead <= e.day <= end]
    inside = [e for e in nearby if e.day >= start]
    series = daily_series(nearby, metric, lead, end)
    average = moving_average(series, AVERAGE_DAYS)
    offset = AVERAGE_DAYS - 1
    values = series.values[offset:]
    averages = average.values[offset:]
    doses = daily_dose_series(inside, start, end, plan).values
    phase_of = {e.day: e.phase for e in inside if e.phase in (WAVE, WINDOW)}

    value_buckets = downsample_values(values, columns, worst_of(metric))
    average_buckets = downsample_values(averages, columns, _mean)
    dose_buckets = downsample_values(doses, columns, _usual)
    xs = tuple((b.first + b.last) / 2 for b in value_buckets)
    phases = []
    for bucket in value_buckets:
        seen = {phase_of.get(start + timedelta(days=i)) for i in range(bucket.first, bucket.last + 1)}
        phases.append(WAVE if WAVE in seen else WINDOW if WINDOW in seen else None)

    planned: list[Point] = []
    holds: list[tuple[float, float, float]] = []
    if plan is not None:
        for step in plan.steps:
            if step.end < start or step.start > end:
                continue
            first = (max(step.start, start) - start).days
            last = (min(step.end, end) - start).days
            dose = chart_step_dose(plan, step)
            if dose is None:
                continue  # a drug without a figure in the plan's table: no line rather than a wrong one
            mg = float(dose)
            # Corners at day edges (x − ½ … x + ½) so a cut is a vertical drop between two days.
            planned += [(first - 0.5, mg), (last + 0.5, mg)]
            if step.has(PlanFlag.HOLD) or step.has(PlanFlag.HELD):
                holds.append((first - 0.5, last + 0.5, mg))

    all_cuts = cut_dates(entries, plan) if cuts is None else cuts
    return ChartFrame(
        start=start,
        end=end,
        metric=metric,
        xs=xs,
        values=tuple(b.value for b in value_buckets),
        averages=tuple(b.value for b in average_buckets),
        phases=tuple(phases),
        taken_mg=tuple(None if b.value is None else float(b.value) for b in dose_buckets),
        planned=tuple(planned),
        holds=tuple(holds),
        cuts=tuple(d for d in all_cuts if start <= d <= end),
        logged_days=len(inside),
        dose_unit=chart_unit(plan),
    )


# -- axes -----------------------------------------------------------------------------------

LABEL_WIDTH = 5
"""Both panels pad their y labels to this width so their plot areas (and dates) line up."""


def y_scale(metric: str, frame_values: Iterable[float | None]) -> tuple[float, float, list[float]]:
    """Lower and upper y limits and the ticks to label, fixed per metric where it has a scale
    (a 0–10 mood always reads the same), from the data for the total score and sleep hours."""
    kind, _key = parse_metric(metric)
    fixed = kind.value_range
    if fixed is not None:
        low, high = fixed
    else:
        top = max((v for v in frame_values if v is not None), default=0.0)
        high = max(kind.range_floor, _nice_ceiling(top))
        low = 0
    middle = (low + high) / 2
    ticks = [float(low), middle, float(high)]
    return float(low), float(high), ticks


def _nice_ceiling(value: float) -> int:
    """The next of 4, 6, 8, 10, 12, 16, 20, 24, 30, 40 … at or above ``value``."""
    for nice in (4, 6, 8, 10, 12, 16, 20, 24, 30, 40, 50, 60, 80, 100):
        if value <= nice:
            return nice
    return int(-(-value // 20) * 20)


def y_label(value: float) -> str:
    """A y tick label right-aligned to :data:`LABEL_WIDTH`: ``   10``, ` 0.25`."""
    text = f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    return text[:LABEL_WIDTH].rjust(LABEL_WIDTH)


def dose_scale(frame: ChartFrame) -> tuple[float, float, list[float]]:
    """y limits zoomed to the planned doses in view (so a 5 % cut is a visible step) and the
    ticks to label; without a plan, to the doses taken. A dose taken outside the planned range
    is drawn on the panel's edge with an arrow marker (see :func:`clamp_taken`)."""
    doses = [mg for _x, mg in frame.planned] or [mg for mg in frame.taken_mg if mg is not None]
    if not doses:
        return 0.0, 1.0, [0.0, 1.0]
    low, high = min(doses), max(doses)
    if high - low < 1e-9:
        low, high = max(0.0, low - max(high * 0.1, 0.01)), high + max(high * 0.1, 0.01)
    pad = (high - low) * 0.08
    return max(0.0, low - pad), high + pad, [low, high]


def clamp_taken(frame: ChartFrame, low: float, high: float) -> tuple[list[Point], list[Point], list[Point]]:
    """The taken doses split into those inside ``low … high`` and those below or above it, the
    latter moved onto the edge (an outlier such as a missed intake must not squash the plan's
    steps into one row, and must not vanish either)."""
    inside: list[Point] = []
    below: list[Point] = []
    above: list[Point] = []
    for x, mg in zip(frame.xs, frame.taken_mg, strict=True):
        if mg is None:
            continue
        if mg < low:
            below.append((x, low))
        elif mg > high:
            above.append((x, high))
        else:
            inside.append((x, mg))
    return inside, below, above


def date_ticks(start: date, end: date, max_ticks: int) -> tuple[list[float], list[str]]:
    """Evenly spaced, round dates to label the x axis, and their labels.

    Weeks for a month or two (``Mar 15``), months up to a couple of years (``Mar 27`` style
    ``2027-03``), years beyond; at most ``max_ticks`` so labels never touch.
    """
    days = (end - start).days + 1
    max_ticks = max(2, max_ticks)
    for step in (7, 14, 28):
        if days / step <= max_ticks:
            ticks = [start + timedelta(days=i) for i in range(0, days, step)]
            return [float((d - start).days) for d in ticks], [f"{d:%b %d}" for d in ticks]
    for months in (1, 2, 3, 6):
        if days / (30.44 * months) <= max_ticks:
            ticks = _month_starts(start, end, months)
            return [float((d - start).days) for d in ticks], [f"{d:%Y-%m}" for d in ticks]
    for years in (1, 2, 5, 10):
        if days / (365.25 * years) <= max_ticks:
            ticks = [date(y, 1, 1) for y in range(start.year + 1, end.year + 1) if (y - start.year - 1) % years == 0]
            return [float((d - start).days) for d in ticks], [str(d.year) for d in ticks]
    return [0.0, float(days - 1)], [str(start.year), str(end.year)]


def _month_starts(start: date, end: date, every: int) -> list[date]:
    year, month = start.year, start.month
    found: list[date] = []
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > end:
            return found
        if (month - 1) % every == 0:
            found.append(day)
