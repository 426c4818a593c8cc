"""What the log says: daily series, cut dates, cut-by-cut responses, the typical curve.

Pure functions over plain values (a list of :class:`~tui.core.entry.DayEntry`, a list of cut
dates, and where needed a planned-dose lookup ``planned_mg(day) -> Decimal | None``). The
chart, the Today view and the prescriber report all call these, so they agree on every figure.

Conventions shared by every function here:

* **Gaps are gaps.** A day that is not logged — or that is logged without the value asked
  for — has no value (``None``), never zero. Means are taken over logged days only and
  always come with the number of logged days they stand on. (Adherence is in
  :mod:`tui.core.adherence`.)
* **Metrics** are :class:`~tui.core.scales.Metric` names: ``"total"`` (sum of the 0–4 symptom
  ratings), ``"anxiety"``, ``"mood"``, ``"sleep_hours"``, ``"sleep_quality"``, or
  ``"symptom:<key>"`` for one symptom (see :func:`~tui.core.scales.symptom_metric`).
* A **logged day** is a day with anything logged on it (:attr:`DayEntry.is_logged`); every
  count of logged days here and in the hold suggestion uses that one definition.
* **Not rated is not 0.** A single symptom has a value only on a day it was rated (0 is a
  rating: "none"); anxiety, mood and sleep likewise. A day's **symptom total** is the sum of
  the ratings given, and exists only on a day holding at least one rating (a symptom,
  anxiety, mood, sleep or a window/wave tag): a day logged with doses or a note only is a gap,
  since nothing says how it felt.
* **Days since a cut**: the cut date is the first day on the lower dose, offset 0. "Days 1–7
  after" are offsets 1–7 and "days 8–14" offsets 8–14; the cut day itself belongs to neither
  window (with clonazepam's long half-life it still reflects the old dose) but is searched
  for the peak and appears in the aligned curve.
* Symptom values are floats (they are plotted and averaged); doses stay exact ``Decimal``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Generic, TypeVar

from tui.core.entry import DayEntry
from tui.core.intake_drugs import chart_day_dose
from tui.core.plan_model import Plan
from tui.core.scales import CHARTED, Metric, parse_metric
from tui.core.scales import SYMPTOM_PREFIX as SYMPTOM_PREFIX  # re-exported: the chart view names it from here
from tui.core.scales import symptom_metric as symptom_metric  # re-exported likewise

TOTAL = Metric.TOTAL
ANXIETY = Metric.ANXIETY
MOOD = Metric.MOOD
SLEEP_HOURS = Metric.SLEEP_HOURS
SLEEP_QUALITY = Metric.SLEEP_QUALITY
METRICS: tuple[str, ...] = CHARTED
"""The metrics that are not a single symptom, in the order the chart offers them."""

PlannedDose = Callable[[date], "Decimal | None"]
"""Looks up the planned daily dose for a date (``None``: no plan covers that day)."""

V = TypeVar("V")


def has_ratings(entry: DayEntry) -> bool:
    """True when the day holds any rating (symptoms, anxiety, mood, sleep, or a phase tag):
    the day's form was filled in, so its symptom total is the sum of what was rated."""
    return bool(entry.symptoms) or any(
        value is not None for value in (entry.anxiety, entry.mood, entry.sleep_hours, entry.sleep_quality, entry.phase)
    )


def metric_value(entry: DayEntry, metric: str) -> float | None:
    """The value of ``metric`` on the day of ``entry``, or ``None`` when it was not logged.

    Raises ``ValueError`` for an unknown metric name.
    """
    kind, key = parse_metric(metric)
    if kind is Metric.TOTAL:
        return float(entry.symptom_total) if has_ratings(entry) else None
    if kind is Metric.SYMPTOM:
        level = entry.symptoms.get(key or "")
        return None if level is None else float(level)
    value = {
        Metric.ANXIETY: entry.anxiety,
        Metric.MOOD: entry.mood,
        Metric.SLEEP_HOURS: entry.sleep_hours,
        Metric.SLEEP_QUALITY: entry.sleep_quality,
    }[kind]
    return None if value is None else float(value)


def check_metric(metric: str) -> None:
    """Raise ``ValueError`` naming the allowed metrics when ``metric`` is not one of them."""
    parse_metric(metric)


def worst_of(metric: str) -> Callable[..., float]:
    """The reducer that keeps a bad day visible when several days share a plot column:
    ``min`` for metrics where lower is worse (mood, sleep), ``max`` otherwise."""
    return min if parse_metric(metric)[0].lower_is_worse else max


# -- daily series ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DailySeries(Generic[V]):
    """One value per calendar day from ``start``, ``None`` where the day has no value.

    Attributes:
        start: The date of ``values[0]``.
        values: Consecutive days; ``values[i]`` belongs to ``start + i days``.
    """

    start: date
    values: tuple[V | None, ...]

    def __len__(self) -> int:
        return len(self.values)

    @property
    def end(self) -> date:
        """The date of the last value (``start`` itself for an empty series)."""
        return self.start + timedelta(days=max(0, len(self.values) - 1))

    def on(self, day: date) -> V | None:
        """The value on ``day`` (``None`` outside the series or on a gap)."""
        index = (day - self.start).days
        return self.values[index] if 0 <= index < len(self.values) else None


def date_bounds(entries: Sequence[DayEntry], start: date | None, end: date | None) -> tuple[date, date] | None:
    """``start``–``end``, each defaulting to the first/last logged day; ``None`` when there is
    no range (no entries and a bound missing, or ``start`` after ``end``)."""
    if start is None or end is None:
        if not entries:
            return None
        days = [e.day for e in entries]
        start = start or min(days)
        end = end or max(days)
    return (start, end) if start <= end else None


def _fill(
    entries: Sequence[DayEntry], start: date | None, end: date | None, value_of: Callable[[DayEntry], V | None]
) -> DailySeries[V]:
    bounds = date_bounds(entries, start, end)
    if bounds is None:
        return DailySeries(start or end or date.min, ())
    low, high = bounds
    values: list[V | None] = [None] * ((high - low).days + 1)
    for entry in entries:
        index = (entry.day - low).days
        if 0 <= index < len(values):
            values[index] = value_of(entry)
    return DailySeries(low, tuple(values))


def daily_series(
    entries: Sequence[DayEntry], metric: str = TOTAL, start: date | None = None, end: date | None = None
) -> DailySeries[float]:
    """Daily values of ``metric`` from ``start`` to ``end`` inclusive, ``None`` on gaps.

    ``start``/``end`` default to the first/last logged day; with no entries and no bounds the
    series is empty.
    """
    check_metric(metric)  # an unknown metric is an error even when there is nothing to show
    return _fill(entries, start, end, lambda e: metric_value(e, metric))


def daily_dose_series(
    entries: Sequence[DayEntry], start: date | None = None, end: date | None = None, plan: Plan | None = None
) -> DailySeries[Decimal]:
    """The daily total taken (exact mg) from ``start`` to ``end``; ``None`` where no intake is
    logged (an unlogged dose is unknown, not zero). With ``plan``, in the plan's chart unit
    (:func:`~tui.core.intake_drugs.chart_day_dose`: ≈ diazepam for a plan with a crossover)."""
    return _fill(entries, start, end, lambda e: chart_day_dose(plan, e))


def moving_average(series: DailySeries[float], window: int = 7) -> DailySeries[float]:
    """The trailing ``window``-day mean at each day, over the days in the window that have a value.

    The window for day *d* is *d − window + 1 … d*. Gaps are skipped, not counted as zero; a day
    gets an average when at least one day in its window has a value (so one logged day after a
    long gap shows as its own value — the chart should draw the average thinner than the data).
    Runs in O(n).
    """
    if window < 1:
        raise ValueError("window must be at least 1 day")
    averages: list[float | None] = []
    total = 0.0
    count = 0
    values = series.values
    for index, value in enumerate(values):
        if value is not None:
            total += value
            count += 1
        if index >= window:
            leaving = values[index - window]
            if leaving is not None:
                total -= leaving
                count -= 1
        averages.append(total / count if count else None)
    return DailySeries(series.start, tuple(averages))


# -- cut dates ------------------------------------------------------------------------------


def cut_dates(entries: Sequence[DayEntry], plan: Plan | None, until: date | None = None) -> list[date]:
    """The cut dates every view and export uses: the plan's cuts, or (without a plan) the cuts
    read from the doses taken (:func:`cut_dates_from_doses`); up to ``until`` when given."""
    found = plan.cut_dates() if plan is not None else cut_dates_from_doses(entries)
    return found if until is None else [d for d in found if d <= until]


def cut_dates_from_doses(entries: Sequence[DayEntry]) -> list[date]:
    """Cut dates read from the doses actually taken, when there is no plan.

    A cut is a logged day whose daily total is lower than the previous logged dose. A *dip*
    — a day lower than the logged day after it, such as a missed or forgotten intake — is
    skipped first, so it neither counts as a cut nor hides the next one. The price: a cut
    that was reversed the very next logged day is read as a dip. Days without intakes are
    ignored.
    """
    doses = [(e.day, e.total_mg) for e in sorted(entries, key=lambda e: e.day) if e.intakes]
    steady = [doses[i] for i in range(len(doses)) if i + 1 == len(doses) or doses[i][1] >= doses[i + 1][1]]
    return [steady[i][0] for i in range(1, len(steady)) if steady[i][1] < steady[i - 1][1]]


# -- per cut -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowMean:
    """The mean of a metric over a window of days, over the logged days only.

    Attributes:
        first: First day of the window.
        last: Last day of the window (may be earlier than asked when the next cut came first).
        mean: Mean over the logged days, ``None`` when no day in the window is logged.
        logged_days: How many days in the window have a value.
    """

    first: date
    last: date
    mean: float | None
    logged_days: int

    @property
    def days(self) -> int:
        """Calendar days in the window (so "3 of 7 days logged" can be said)."""
        return max(0, (self.last - self.first).days + 1)


@dataclass(frozen=True)
class CutResponse:
    """How one cut went: the week before against the two weeks after, and the worst day.

    Attributes:
        cut: The cut date (first day on the lower dose, offset 0).
        before: Offsets −7…−1.
        days_1_7: Offsets 1…7 (stops before the next cut).
        days_8_14: Offsets 8…14 (stops before the next cut).
        peak_offset: Days since the cut of the worst day in offsets 0…14 (the earliest on a
            tie), ``None`` when none of those days is logged.
        peak_date: The date of that day.
        peak_value: Its value.
    """

    cut: date
    before: WindowMean
    days_1_7: WindowMean
    days_8_14: WindowMean
    peak_offset: int | None
    peak_date: date | None
    peak_value: float | None

    @property
    def change_1_7(self) -> float | None:
        """Mean of days 1–7 minus the mean of the week before (``None`` if either is missing)."""
        return _difference(self.days_1_7.mean, self.before.mean)

    @property
    def change_8_14(self) -> float | None:
        """Mean of days 8–14 minus the mean of the week before (``None`` if either is missing)."""
        return _difference(self.days_8_14.mean, self.before.mean)


def _difference(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


def _window(series: DailySeries[float], first: date, last: date) -> WindowMean:
    total = 0.0
    count = 0
    day = first
    while day <= last:
        value = series.on(day)
        if value is not None:
            total += value
            count += 1
        day += timedelta(days=1)
    return WindowMean(first, last, total / count if count else None, count)


def cut_responses(entries: Sequence[DayEntry], cut_dates: Sequence[date], metric: str = TOTAL) -> list[CutResponse]:
    """For each cut (oldest first): the mean of ``metric`` in the 7 days before, days 1–7 and
    8–14 after, and the peak in days 0–14.

    The windows after a cut and the peak search stop the day before the next cut, so a fast
    schedule does not count the next cut's days twice. For mood and sleep the "peak" is the
    lowest value (the worst day, see :attr:`Metric.lower_is_worse <tui.core.scales.Metric.lower_is_worse>`).
    """
    cuts = sorted(set(cut_dates))
    if not cuts:
        return []
    series = daily_series(entries, metric, cuts[0] - timedelta(days=7), cuts[-1] + timedelta(days=14))
    worse = worst_of(metric)
    responses = []
    for position, cut in enumerate(cuts):
        horizon = cut + timedelta(days=14)
        if position + 1 < len(cuts):
            horizon = min(horizon, cuts[position + 1] - timedelta(days=1))
        peak_offset = peak_value = None
        for offset in range((horizon - cut).days + 1):
            value = series.on(cut + timedelta(days=offset))
            if value is not None and (
                peak_value is None or (value != peak_value and worse(value, peak_value) == value)
            ):
                peak_offset, peak_value = offset, value
        responses.append(
            CutResponse(
                cut=cut,
                before=_window(series, cut - timedelta(days=7), cut - timedelta(days=1)),
                days_1_7=_window(series, cut + timedelta(days=1), min(cut + timedelta(days=7), horizon)),
                days_8_14=_window(series, cut + timedelta(days=8), horizon),
                peak_offset=peak_offset,
                peak_date=None if peak_offset is None else cut + timedelta(days=peak_offset),
                peak_value=peak_value,
            )
        )
    return responses


# -- the typical curve after a cut ----------------------------------------------------------


@dataclass(frozen=True)
class AlignedPoint:
    """The mean of a metric on one "days since the last cut" offset, over all cuts.

    Attributes:
        offset: Days since the last cut (0 = the cut day).
        mean: Mean over the cuts that have this offset logged, ``None`` if none has.
        logged_days: How many cuts contribute (one logged day each).
    """

    offset: int
    mean: float | None
    logged_days: int


def aligned_to_cuts(
    entries: Sequence[DayEntry],
    cut_dates: Sequence[date],
    metric: str = TOTAL,
    max_offset: int | None = None,
) -> list[AlignedPoint]:
    """The person's typical curve after a cut: ``metric`` averaged by days since the last cut.

    Every logged day on or after the first cut is assigned to the most recent cut before it
    (so a long hold contributes long offsets, and days before the first cut none). Returns one
    point per offset from 0 to ``max_offset`` (default: the longest offset seen), with
    ``mean=None`` where no cut has that day logged; empty without cuts or data.
    """
    cuts = sorted(set(cut_dates))
    totals: dict[int, float] = {}
    counts: dict[int, int] = {}
    if not cuts:
        return []
    for entry in entries:
        position = bisect_right(cuts, entry.day) - 1
        if position < 0:
            continue
        offset = (entry.day - cuts[position]).days
        if max_offset is not None and offset > max_offset:
            continue
        value = metric_value(entry, metric)
        if value is None:
            continue
        totals[offset] = totals.get(offset, 0.0) + value
        counts[offset] = counts.get(offset, 0) + 1
    last = max_offset if max_offset is not None else max(counts, default=-1)
    return [
        AlignedPoint(offset, totals[offset] / counts[offset] if offset in counts else None, counts.get(offset, 0))
        for offset in range(last + 1)
    ]
