"""Downsampling to a plot's width keeps every bad day and every gap."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.downsample import bucket_bounds, downsample_days, downsample_values

D0 = date(2027, 1, 1)


def test_bucket_bounds_cover_every_position_once_in_near_equal_runs():
    bounds = bucket_bounds(10, 4)
    assert bounds == [(0, 1), (2, 4), (5, 6), (7, 9)]
    assert bucket_bounds(3, 10) == [(0, 0), (1, 1), (2, 2)]
    assert bucket_bounds(0, 10) == []
    with pytest.raises(ValueError):
        bucket_bounds(5, 0)


def test_max_pool_keeps_the_bad_day_and_gaps_stay_gaps():
    values = [1, 2, None, None, None, None, 3, 9, 4, None]
    buckets = downsample_values(values, 5)
    assert [b.value for b in buckets] == [2, None, None, 9, 4]
    assert [b.chosen for b in buckets] == [1, 2, 4, 7, 8]


def test_a_bucket_with_one_value_among_gaps_is_not_a_gap():
    buckets = downsample_values([None, None, 0, None], 1)
    assert [(b.first, b.last, b.value, b.chosen) for b in buckets] == [(0, 3, 0, 2)]


def test_min_pool_for_mood():
    buckets = downsample_values([7, 2, 8, 8, None, 5], 3, min)
    assert [b.value for b in buckets] == [2, 8, 5]


def test_no_pooling_when_the_plot_is_wide_enough():
    buckets = downsample_values([3, None], 80)
    assert [(b.first, b.last, b.value) for b in buckets] == [(0, 0, 3), (1, 1, None)]


def test_a_reducer_that_makes_a_new_value_dates_the_bucket_at_its_start():
    buckets = downsample_values([1, 2, 3, 6], 2, lambda vs: sum(vs) / len(vs))
    assert [(b.value, b.chosen) for b in buckets] == [(1.5, 0), (4.5, 2)]


def test_dated_buckets_carry_their_span_and_the_day_of_the_value():
    buckets = downsample_days(D0, [1, 5, None, None, 2, 3], 3)
    assert [(b.start, b.end, b.value, b.day) for b in buckets] == [
        (D0, D0 + timedelta(days=1), 5, D0 + timedelta(days=1)),
        (D0 + timedelta(days=2), D0 + timedelta(days=3), None, D0 + timedelta(days=2)),
        (D0 + timedelta(days=4), D0 + timedelta(days=5), 3, D0 + timedelta(days=5)),
    ]


def test_a_single_day():
    (bucket,) = downsample_days(D0, [4], 70)
    assert (bucket.start, bucket.end, bucket.value, bucket.day) == (D0, D0, 4, D0)


series = st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=108)), min_size=1, max_size=4000)


@given(values=series, width=st.integers(min_value=1, max_value=300))
def test_max_pool_keeps_every_maximum(values, width):
    buckets = downsample_values(values, width)
    present = [v for v in values if v is not None]
    outputs = [b.value for b in buckets if b.value is not None]
    assert len(buckets) == min(len(values), width)
    assert max(present, default=None) == max(outputs, default=None)
    for index, value in enumerate(values):
        bucket = next(b for b in buckets if b.first <= index <= b.last)
        if value is not None:
            # every value survives as at most its bucket's value: a bad day is never lowered
            assert bucket.value is not None and bucket.value >= value
        if present and value == max(present):
            assert bucket.value == value
    # a bucket is a gap exactly when all its days are gaps
    for bucket in buckets:
        assert (bucket.value is None) == all(v is None for v in values[bucket.first : bucket.last + 1])


@given(values=series, width=st.integers(min_value=1, max_value=300))
def test_min_pool_keeps_every_minimum(values, width):
    buckets = downsample_values(values, width, min)
    present = [v for v in values if v is not None]
    assert min(present, default=None) == min((b.value for b in buckets if b.value is not None), default=None)
