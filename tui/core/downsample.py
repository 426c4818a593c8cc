"""Shrinking a daily series to the width of a plot without hiding a bad day.

A terminal chart is ~70 columns wide; ten years are 3,650 days. Averaging days into columns
would smooth the worst day of a wave away, so each column keeps its *extreme* value instead
(max-pool for symptom scores, min-pool for mood and sleep where low is bad — the reducer is a
parameter). Gaps stay gaps: a column made only of unlogged days has no value, and unlogged
days never pull a column towards zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

V = TypeVar("V")

Reducer = Callable[[Iterable[V]], V]
"""Turns the values of one bucket (gaps already removed, never empty) into one; ``max``, ``min``."""


@dataclass(frozen=True)
class IndexBucket(Generic[V]):
    """Consecutive input positions ``first…last`` (inclusive) pooled into one output value.

    Attributes:
        first: Index of the bucket's first input value.
        last: Index of its last input value.
        value: The reduced value, ``None`` when every value in the bucket is a gap.
        chosen: Index of the first input value equal to ``value`` (where the bad day is), or
            ``first`` when the bucket is a gap or the reducer made a new value (e.g. a mean).
    """

    first: int
    last: int
    value: V | None
    chosen: int


@dataclass(frozen=True)
class DateBucket(Generic[V]):
    """Consecutive days ``start…end`` pooled into one plotted point.

    Attributes:
        start: First day of the bucket — plot here for evenly spaced columns.
        end: Last day of the bucket.
        value: The reduced value, ``None`` for a bucket of gaps only.
        day: The day the value comes from (``start`` for a gap), to label "worst day: …".
    """

    start: date
    end: date
    value: V | None
    day: date


def bucket_bounds(length: int, width: int) -> list[tuple[int, int]]:
    """Split ``length`` positions into ``min(length, width)`` runs of near-equal size.

    Returns inclusive ``(first, last)`` index pairs covering every position exactly once, in
    order; runs differ in size by at most one. ``width`` must be at least 1.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    count = min(length, width)
    return [((i * length) // count, ((i + 1) * length) // count - 1) for i in range(count)]


def downsample_values(values: Sequence[V | None], width: int, reducer: Reducer = max) -> list[IndexBucket[V]]:
    """Pool ``values`` into at most ``width`` buckets with ``reducer``, keeping gaps as gaps.

    With ``width >= len(values)`` every value is its own bucket (nothing is pooled). The
    maximum of the input is always the maximum of the output when ``reducer`` is ``max``
    (and likewise for ``min``): the bucket holding an extreme value carries it.
    """
    buckets: list[IndexBucket] = []
    for first, last in bucket_bounds(len(values), width):
        present = [v for v in values[first : last + 1] if v is not None]
        if not present:
            buckets.append(IndexBucket(first, last, None, first))
            continue
        value = reducer(present)
        chosen = first
        for index in range(first, last + 1):
            if values[index] == value:
                chosen = index
                break
        buckets.append(IndexBucket(first, last, value, chosen))
    return buckets


def downsample_days(start: date, values: Sequence[V | None], width: int, reducer: Reducer = max) -> list[DateBucket[V]]:
    """Like :func:`downsample_values` for a daily series starting on ``start``, with dates.

    Pass a :class:`~tui.core.insights.DailySeries` as ``(series.start, series.values)``.
    """
    return [
        DateBucket(
            start=start + timedelta(days=bucket.first),
            end=start + timedelta(days=bucket.last),
            value=bucket.value,
            day=start + timedelta(days=bucket.chosen),
        )
        for bucket in downsample_values(values, width, reducer)
    ]
