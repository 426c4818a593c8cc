"""How each cut lands: every cut's curve by day since the cut, their median, and one sentence.

A person's waves tend to follow each cut on a rhythm of their own ("my symptoms peak about a
week after a cut and settle by day 12"). This lines the cuts up on **days since the cut**
(day −7 … +28) and says what they have in common, in plain words, for the Chart and the
prescriber report alike.

The rules, and why:

* A day *after* a cut belongs to the most recent cut on or before it — the alignment of
  :func:`tui.core.insights.aligned_to_cuts`, used here per cut — so with cuts every two weeks a
  curve stops the day before the next cut instead of counting that cut's days twice. The week
  *before* a cut (days −7 … −1) is its baseline: the "week-before level".
* A cut's **peak day** is its worst day in days 0 … +28 (the highest value, or the lowest for
  mood and sleep; the earliest on a tie). Its **settling day** is the first day from the peak on
  whose value is no worse than the week-before mean; a cut that never gets there in its days
  has none.
* Only cuts with at least :data:`MIN_DAYS_AFTER` logged days after them count, and nothing is
  said with fewer than :data:`MIN_CUTS` of them: two cuts make an anecdote, not a pattern.
* "Peaked on day 5–9" is the middle half of the cuts' peak days (lower to upper quartile), so
  one odd cut does not stretch the range; "back … by day 13 (median)" is the median settling
  day of the cuts that settled. Gaps stay gaps: an unlogged day has no value, and the median
  curve is drawn only where at least two cuts have the day logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from tui.core.entry import DayEntry
from tui.core.insights import aligned_to_cuts, daily_series
from tui.core.scales import Metric, parse_metric

BEFORE_DAYS = 7
"""Days before a cut shown and averaged as its baseline (days −7 … −1)."""
AFTER_DAYS = 28
"""Days after a cut shown and searched for the peak and the settling day (days 0 … +28)."""
MIN_DAYS_AFTER = 5
"""Logged days after a cut (days 1 … +28) for the cut to count."""
MIN_CUTS = 3
"""Cuts that count needed before anything is said."""
MIN_FOR_MEDIAN = 2
"""Cuts with a day logged needed for the median curve to have a point on that day."""

OFFSETS: tuple[int, ...] = tuple(range(-BEFORE_DAYS, AFTER_DAYS + 1))
"""The days since the cut on the x axis, −7 … +28."""


@dataclass(frozen=True)
class CutCurve:
    """One cut's values by day since the cut."""

    cut: date
    """The cut date (day 0: the first day on the lower dose)."""
    values: tuple[float | None, ...]
    """One value per :data:`OFFSETS` entry, ``None`` where the day is not logged (or belongs to a later cut)."""
    baseline: float | None
    """The mean of days −7 … −1 over their logged days (``None``: none logged)."""
    logged_after: int
    """Logged days among days 1 … +28."""
    peak_day: int | None
    """Days since the cut of the worst day in days 0 … +28 (``None``: none logged)."""
    settling_day: int | None
    """The first day from the peak on that is no worse than the baseline (``None``: not yet)."""

    def at(self, offset: int) -> float | None:
        """The value ``offset`` days after the cut (negative: before it)."""
        return self.values[offset + BEFORE_DAYS]

    @property
    def counts(self) -> bool:
        """Enough logged days after the cut to say something about it."""
        return self.logged_after >= MIN_DAYS_AFTER


@dataclass(frozen=True)
class CurveSummary:
    """The recent cuts lined up, their median curve and what they have in common."""

    metric: str
    """The metric the curves follow."""
    curves: tuple[CutCurve, ...]
    """The cuts asked about (the most recent ones), oldest first."""
    median: tuple[float | None, ...]
    """Per :data:`OFFSETS` entry, the median over the cuts that count (``None`` with fewer than two)."""
    peak_days: tuple[int, int] | None
    """The middle half of the peak days (``None`` with too few cuts)."""
    settling_day: int | None
    """The median settling day of the cuts that settled (``None``: too few cuts, or most never settled)."""
    settled: int
    """How many of the cuts that count settled within their days."""

    @property
    def counted(self) -> tuple[CutCurve, ...]:
        """The cuts with enough logged days after them."""
        return tuple(c for c in self.curves if c.counts)

    @property
    def enough(self) -> bool:
        """Whether there is anything to say (at least :data:`MIN_CUTS` cuts count)."""
        return len(self.counted) >= MIN_CUTS


def _no_better(value: float, baseline: float, lower_is_worse: bool) -> bool:
    """True when ``value`` is back at the baseline or better."""
    return value >= baseline if lower_is_worse else value <= baseline


def cut_curve(entries: Sequence[DayEntry], cut: date, next_cut: date | None, metric: str) -> CutCurve:
    """``cut``'s values on days −7 … +28; days from ``next_cut`` on belong to that cut, not this one."""
    kind, _key = parse_metric(metric)
    before = daily_series(entries, metric, cut - timedelta(days=BEFORE_DAYS), cut - timedelta(days=1)).values
    own = [e for e in entries if cut <= e.day and (next_cut is None or e.day < next_cut)]
    after = [point.mean for point in aligned_to_cuts(own, [cut], metric, max_offset=AFTER_DAYS)]
    after += [None] * (AFTER_DAYS + 1 - len(after))
    logged_before = [v for v in before if v is not None]
    baseline = sum(logged_before) / len(logged_before) if logged_before else None
    peak_day: int | None = None
    for offset, value in enumerate(after):
        peak = None if peak_day is None else after[peak_day]
        if value is not None and (peak is None or (value < peak if kind.lower_is_worse else value > peak)):
            peak_day = offset
    settling_day = None
    if peak_day is not None and baseline is not None:
        settling_day = next(
            (
                offset
                for offset in range(peak_day, AFTER_DAYS + 1)
                if (value := after[offset]) is not None and _no_better(value, baseline, kind.lower_is_worse)
            ),
            None,
        )
    return CutCurve(
        cut=cut,
        values=tuple(before) + tuple(after),
        baseline=baseline,
        logged_after=sum(1 for v in after[1:] if v is not None),
        peak_day=peak_day,
        settling_day=settling_day,
    )


def _middle_half(values: Sequence[int]) -> tuple[int, int]:
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(last * 0.25)], ordered[round(last * 0.75)]


def summarise(
    entries: Sequence[DayEntry], cuts: Sequence[date], metric: str = Metric.TOTAL, count: int | None = 6
) -> CurveSummary:
    """The last ``count`` of ``cuts`` (all with ``None``) lined up by day since the cut.

    ``cuts`` should stop at today: a planned cut still ahead has nothing logged after it.
    """
    ordered = sorted(set(cuts))
    curves = [
        cut_curve(entries, cut, ordered[i + 1] if i + 1 < len(ordered) else None, metric)
        for i, cut in enumerate(ordered)
    ]
    recent = tuple(curves if count is None else curves[-count:])
    counted = [c for c in recent if c.counts]
    middle: list[float | None] = []
    for index in range(len(OFFSETS)):
        values = [v for c in counted if (v := c.values[index]) is not None]
        middle.append(median(values) if len(values) >= MIN_FOR_MEDIAN else None)
    enough = len(counted) >= MIN_CUTS
    peaks = [c.peak_day for c in counted if c.peak_day is not None]
    settled = [c.settling_day for c in counted if c.settling_day is not None]
    settling = round(median(settled)) if enough and settled and 2 * len(settled) >= len(counted) else None
    return CurveSummary(
        metric=metric,
        curves=recent,
        median=tuple(middle),
        peak_days=_middle_half(peaks) if enough and peaks else None,
        settling_day=settling,
        settled=len(settled),
    )


def _days(first: int, last: int) -> str:
    # A range is the middle half of the cuts' peak days, not every cut: said so, since the settling
    # day after it is a median and may fall inside the range ("day 6–24 … by day 14" read as a contradiction).
    return f"day {first}" if first == last else f"day {first}–{last} (the middle half of the cuts)"


def sentence(summary: CurveSummary, label: str | None = None, whose: str = "your") -> str:
    """What the cuts have in common, in plain words, e.g. "After your last 6 cuts, symptoms
    peaked on day 5–9 and were back to the week-before level by day 13 (median)."

    ``label`` names a single symptom (see :func:`tui.core.symptoms.symptom_label`); ``whose`` is
    ``"your"`` on screen and ``"my"`` in the report the person hands over.
    """
    counted = summary.counted
    if not summary.enough:
        cuts = "no cut" if not counted else f"{len(counted)} cut{'s' if len(counted) != 1 else ''}"
        return (
            f"Not enough yet: {cuts} with at least {MIN_DAYS_AFTER} logged days after "
            f"{'them' if len(counted) > 1 else 'it'}; {MIN_CUTS} are needed."
        )
    kind, _key = parse_metric(summary.metric)
    if kind is Metric.TOTAL:
        subject, plural = "symptoms", True
    else:
        subject = label if kind is Metric.SYMPTOM and label else kind.name_text
        plural = kind is Metric.SLEEP_HOURS
    was = "were" if plural else "was"
    asked = len(summary.curves)
    head = f"After {whose} last {asked} cuts"
    if len(counted) < asked:
        head = f"After {len(counted)} of {whose} last {asked} cuts"
    peak_days = summary.peak_days
    assert peak_days is not None  # enough cuts, each with a logged day after it
    if kind.lower_is_worse:
        worst = f"{subject} {was} at {'their' if plural else 'its'} lowest on {_days(*peak_days)}"
    else:
        worst = f"{subject} peaked on {_days(*peak_days)}"
    if summary.settling_day is None:
        return (
            f"{head}, {worst}; in {len(counted) - summary.settled} of {len(counted)} {'they' if plural else 'it'} "
            f"{was} not back to the week-before level within {AFTER_DAYS} days or before the next cut."
        )
    return f"{head}, {worst} and {was} back to the week-before level by day {summary.settling_day} (median)."
