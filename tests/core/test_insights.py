"""Insights on hand-made logs whose answers can be worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tui.core.adherence import adherence
from tui.core.entry import DayEntry, Intake
from tui.core.insights import (
    ANXIETY,
    MOOD,
    SLEEP_HOURS,
    TOTAL,
    DailySeries,
    aligned_to_cuts,
    cut_dates,
    cut_dates_from_doses,
    cut_responses,
    daily_dose_series,
    daily_series,
    metric_value,
    moving_average,
    symptom_metric,
    worst_of,
)

D0 = date(2027, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def scored(n: int, total: int, **fields) -> DayEntry:
    """A rated day whose symptom total is ``total`` (spread over symptoms at most 4 each)."""
    symptoms = {}
    remaining = total
    for key in ("insomnia", "headache", "tremor", "nausea", "tinnitus", "brain_fog", "sweating"):
        if remaining <= 0:
            break
        symptoms[key] = min(4, remaining)
        remaining -= symptoms[key]
    assert remaining == 0, "helper supports totals up to 28"
    return DayEntry(day=day(n), symptoms=symptoms, anxiety=fields.pop("anxiety", 0), **fields)


def dosed(n: int, *intakes: tuple[str, ...], **fields) -> DayEntry:
    """A day with intakes given as ``(mg,)`` or ``(mg, "HH:MM")``."""
    return DayEntry(
        day=day(n), intakes=tuple(Intake(Decimal(i[0]), i[1] if len(i) > 1 else None) for i in intakes), **fields
    )


# -- metric values and series ---------------------------------------------------------------


def test_total_is_a_gap_on_a_day_without_any_rating():
    only_dose = dosed(0, ("0.5", "08:00"))
    rated_fine = DayEntry(day=day(0), anxiety=1)
    assert metric_value(only_dose, TOTAL) is None
    assert metric_value(rated_fine, TOTAL) == 0.0
    assert metric_value(only_dose, symptom_metric("insomnia")) is None


def test_an_unrated_symptom_is_a_gap_and_a_rated_zero_is_zero():
    """Not rated is not 0: on a day with other ratings, a symptom left unrated has no value."""
    rated_fine = DayEntry(day=day(0), anxiety=1, symptoms={"tremor": 2})
    assert metric_value(rated_fine, symptom_metric("insomnia")) is None
    assert metric_value(DayEntry(day=day(0), symptoms={"insomnia": 0}), symptom_metric("insomnia")) == 0.0
    series = daily_series([rated_fine, DayEntry(day=day(1), symptoms={"insomnia": 0})], symptom_metric("insomnia"))
    assert series.values == (None, 0.0)


def test_metric_values_of_each_kind():
    entry = DayEntry(
        day=day(0),
        anxiety=3,
        mood=6,
        sleep_hours=Decimal("6.5"),
        sleep_quality=2,
        symptoms={"tremor": 2, "insomnia": 3},
    )
    assert metric_value(entry, TOTAL) == 5.0
    assert metric_value(entry, ANXIETY) == 3.0
    assert metric_value(entry, MOOD) == 6.0
    assert metric_value(entry, SLEEP_HOURS) == 6.5
    assert metric_value(entry, "sleep_quality") == 2.0
    assert metric_value(entry, symptom_metric("tremor")) == 2.0
    assert metric_value(DayEntry(day=day(0)), MOOD) is None


def test_unknown_metric_is_refused_even_without_data():
    with pytest.raises(ValueError, match="unknown metric"):
        daily_series([], "pain")
    with pytest.raises(ValueError, match="unknown metric"):
        metric_value(scored(0, 1), "symptom:")


def test_daily_series_fills_gaps_with_none():
    series = daily_series([scored(0, 3), scored(3, 5)])
    assert series.start == day(0) and series.end == day(3)
    assert series.values == (3.0, None, None, 5.0)
    assert series.on(day(3)) == 5.0 and series.on(day(9)) is None
    assert [(series.start + timedelta(days=i), v) for i, v in enumerate(series.values) if v is not None] == [
        (day(0), 3.0),
        (day(3), 5.0),
    ]


def test_daily_series_respects_bounds_and_empty_input():
    series = daily_series([scored(0, 3), scored(3, 5)], TOTAL, start=day(2), end=day(5))
    assert series.values == (None, 5.0, None, None)
    assert len(daily_series([])) == 0
    assert daily_series([], TOTAL, day(0), day(2)).values == (None, None, None)


def test_single_day_series_and_average():
    series = daily_series([scored(0, 4)])
    assert series.values == (4.0,)
    assert moving_average(series).values == (4.0,)


def test_dose_series_is_exact_and_gaps_unlogged_doses():
    entries = [dosed(0, ("0.45", "08:00"), ("0.45", "20:00")), scored(1, 2), dosed(2, ("0.1", None), ("0.2", None))]
    series = daily_dose_series(entries)
    assert series.values == (Decimal("0.90"), None, Decimal("0.3"))


def test_moving_average_skips_gaps():
    series = DailySeries(day(0), (2.0, None, 4.0, None, None, None, None, None, None, None, 9.0))
    averages = moving_average(series, window=3).values
    assert averages[:5] == (2.0, 2.0, 3.0, 4.0, 4.0)
    assert averages[5:10] == (None, None, None, None, None)
    assert averages[10] == 9.0


def test_moving_average_of_a_full_week():
    series = DailySeries(day(0), tuple(float(v) for v in range(1, 11)))
    averages = moving_average(series).values
    assert averages[6] == pytest.approx(4.0)  # mean of 1..7
    assert averages[9] == pytest.approx(7.0)  # mean of 4..10
    with pytest.raises(ValueError):
        moving_average(series, window=0)


def test_worst_of_flips_for_mood_and_sleep():
    assert worst_of(TOTAL) is max
    assert worst_of(MOOD) is min and worst_of(SLEEP_HOURS) is min


# -- cut dates ------------------------------------------------------------------------------


def test_cut_dates_from_doses_ignore_a_missed_intake_and_an_increase():
    entries = [
        dosed(0, ("0.5", "08:00"), ("0.5", "20:00")),
        dosed(1, ("0.5", "08:00")),  # evening dose missed: a dip, not a cut
        dosed(2, ("0.5", "08:00"), ("0.5", "20:00")),
        dosed(3, ("0.45", "08:00"), ("0.45", "20:00")),  # cut
        scored(4, 3),  # no intakes logged: ignored
        dosed(6, ("0.45", "08:00"), ("0.45", "20:00")),
        dosed(7, ("0.4", "08:00"), ("0.4", "20:00")),  # cut after a gap
        dosed(8, ("0.45", "08:00"), ("0.45", "20:00")),  # back up: a one-day cut reads as a dip
        dosed(9, ("0.45", "08:00"), ("0.45", "20:00")),
        dosed(10, ("0.4", "08:00"), ("0.4", "20:00")),  # cut
    ]
    assert cut_dates_from_doses(entries) == [day(3), day(10)]


def test_cut_after_a_dip_is_dated_on_the_first_lower_steady_day():
    entries = [
        dosed(0, ("1",)),
        dosed(1, ("0.5",)),  # missed half
        dosed(2, ("0.9",)),  # the real cut
        dosed(3, ("0.9",)),
    ]
    assert cut_dates_from_doses(entries) == [day(2)]


def test_cut_dates_from_doses_with_one_day_or_none():
    assert cut_dates_from_doses([]) == []
    assert cut_dates_from_doses([dosed(0, ("1",))]) == []


def test_one_cut_dates_rule_for_plan_and_doses():
    from tui.core.formulations import Liquid
    from tui.core.plan_model import PlanParams
    from tui.core.planner import build_plan

    plan = build_plan(
        PlanParams(drug="clonazepam", start=day(0), dose_mg=Decimal(1), formulation=Liquid.create("0.1", "0.1"))
    )
    taken = [dosed(0, ("0.5",)), dosed(1, ("0.5",)), dosed(2, ("0.4",)), dosed(3, ("0.4",))]
    assert cut_dates(taken, plan) == plan.cut_dates()
    assert cut_dates(taken, plan, until=day(20)) == [d for d in plan.cut_dates() if d <= day(20)]
    assert cut_dates(taken, None) == [day(2)] == cut_dates_from_doses(taken)


# -- per cut --------------------------------------------------------------------------------


def test_cut_response_windows_means_and_peak():
    cut = day(10)
    entries = [scored(n, 2) for n in range(3, 10)]  # the week before: mean 2, all 7 logged
    entries += [scored(10, 2), scored(11, 3), scored(12, 5), scored(14, 9), scored(15, 6)]  # 13 missing
    entries += [scored(18, 4), scored(19, 2)]  # days 8 and 9; 10–14 missing
    (response,) = cut_responses(entries, [cut])
    assert response.before.mean == 2.0 and response.before.logged_days == 7
    assert response.before.first == day(3) and response.before.last == day(9)
    assert response.days_1_7.mean == pytest.approx((3 + 5 + 9 + 6) / 4)
    assert response.days_1_7.logged_days == 4 and response.days_1_7.days == 7
    assert response.days_8_14.mean == 3.0 and response.days_8_14.logged_days == 2
    assert (response.peak_offset, response.peak_date, response.peak_value) == (4, day(14), 9.0)
    assert response.change_1_7 == pytest.approx(23 / 4 - 2)
    assert response.change_8_14 == pytest.approx(1.0)


def test_cut_response_with_nothing_logged_around_it():
    (response,) = cut_responses([scored(100, 4)], [day(10)])
    assert response.before.mean is None and response.before.logged_days == 0
    assert response.days_1_7.mean is None and response.days_8_14.mean is None
    assert response.peak_offset is None and response.peak_date is None
    assert response.change_1_7 is None


def test_cut_response_windows_stop_before_the_next_cut():
    entries = [scored(n, n % 28) for n in range(0, 28)] + [scored(28, 1), scored(29, 2)]
    first, second = cut_responses(entries, [day(10), day(20)])
    assert first.days_8_14.first == day(18) and first.days_8_14.last == day(19)
    assert first.days_8_14.mean == 18.5
    assert first.peak_offset == 9  # the worst day before the next cut, not the next cut's days
    assert second.days_8_14.last == day(34) and second.days_8_14.logged_days == 2


def test_cut_response_for_mood_finds_the_lowest_day_and_ties_take_the_earliest():
    entries = [DayEntry(day=day(n), mood=m) for n, m in [(0, 7), (1, 4), (2, 3), (3, 3), (4, 6)]]
    (response,) = cut_responses(entries, [day(0)], MOOD)
    assert response.peak_offset == 2 and response.peak_value == 3.0


def test_no_cuts_no_responses():
    assert cut_responses([scored(0, 1)], []) == []


# -- aligned curve --------------------------------------------------------------------------


def test_aligned_to_cuts_averages_each_offset_over_the_cuts():
    entries = [scored(0, 9)]  # before the first cut: left out
    entries += [scored(10, 1), scored(11, 3), scored(12, 5)]
    entries += [scored(20, 3), scored(22, 7), scored(25, 2)]
    curve = aligned_to_cuts(entries, [day(20), day(10)])
    assert [(p.offset, p.mean, p.logged_days) for p in curve] == [
        (0, 2.0, 2),
        (1, 3.0, 1),
        (2, 6.0, 2),
        (3, None, 0),
        (4, None, 0),
        (5, 2.0, 1),
    ]
    assert len(aligned_to_cuts(entries, [day(10)], max_offset=20)) == 21
    assert aligned_to_cuts(entries, []) == []
    assert aligned_to_cuts([], [day(1)]) == []


# -- adherence ------------------------------------------------------------------------------


def test_adherence_against_a_plan():
    plan = {day(i): Decimal("0.9") for i in range(10)}
    entries = [
        dosed(0, ("0.45", "08:00"), ("0.45", "20:00"), anxiety=1),
        dosed(1, ("0.45", "08:00")),  # evening missed
        dosed(2, ("0.45", "08:00"), ("0.5", "20:00")),  # more than planned
        scored(3, 2),  # logged without a dose
        dosed(5, ("0.45", "08:00"), ("0.45", "21:30")),  # late but as planned
        dosed(12, ("0.9", "08:00")),  # no plan that day
    ]
    result = adherence(entries, plan.get, start=day(0), end=day(9), intakes_per_day=2)
    assert result is not None
    assert result.days_in_range == 10 and result.days_logged == 5 and result.days_with_dose == 4
    assert result.days_compared == 4 and result.days_as_planned == 2
    assert [(d.day, d.taken_mg) for d in result.deviations] == [(day(1), Decimal("0.45")), (day(2), Decimal("0.95"))]
    assert result.days_below_plan == 1 and result.days_above_plan == 1
    assert result.intakes_missed == 1


def test_adherence_defaults_and_edges():
    result = adherence([dosed(3, ("1",))])
    assert result is not None
    assert (result.start, result.end, result.days_in_range, result.days_logged) == (day(3), day(3), 1, 1)
    assert result.days_compared == 0 and result.intakes_missed is None
    assert adherence([]) is None


# -- inter-dose -----------------------------------------------------------------------------
