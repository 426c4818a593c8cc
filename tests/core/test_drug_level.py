"""The estimated level against its closed forms: one dose, and steady state of repeated doses."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from tui.core.drug_level import (
    WAKING_DAY,
    DaySwing,
    TimedDose,
    day_swing,
    describe_swing,
    estimate,
    half_lives,
    level_at,
    levels,
    steady_state_peak,
    steady_state_trough,
    timed_doses,
)
from tui.core.drugs import DRUGS
from tui.core.entry import DayEntry, Intake

START = date(2027, 1, 1)


def _days(count: int, *intakes: Intake) -> list[DayEntry]:
    return [DayEntry(day=START + timedelta(days=n), intakes=intakes) for n in range(count)]


@pytest.mark.parametrize("hours", [0, 1, 6, 12, 30, 60, 200])
def test_a_single_dose_decays_as_two_to_the_minus_t_over_the_half_life(hours: int) -> None:
    dose = TimedDose(datetime(2027, 1, 1, 8, 0), Decimal("0.5"))
    at = dose.at + timedelta(hours=hours)
    assert level_at([dose], at, 30.0) == pytest.approx(0.5 * 2 ** (-hours / 30))


def test_nothing_is_in_the_body_before_the_first_dose() -> None:
    dose = TimedDose(datetime(2027, 1, 1, 8, 0), Decimal("1"))
    assert level_at([dose], dose.at - timedelta(minutes=1), 10.0) == 0.0


def test_doses_add_up_by_superposition() -> None:
    first = TimedDose(datetime(2027, 1, 1, 8, 0), Decimal("1"))
    second = TimedDose(datetime(2027, 1, 1, 20, 0), Decimal("0.5"))
    at = datetime(2027, 1, 2, 8, 0)
    assert level_at([first, second], at, 12.0) == pytest.approx(0.25 + 0.5 * 0.5)


@pytest.mark.parametrize("half_life", [6.0, 15.0, 34.0])
def test_equal_doses_every_twelve_hours_reach_the_closed_form_steady_state(half_life: float) -> None:
    # 0.25 mg at 08:00 and 20:00 for long enough that the build-up is complete (> 30 half-lives).
    entries = _days(60, Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.25"), "20:00"))
    doses = timed_doses(entries)
    last = START + timedelta(days=59)
    peak = steady_state_peak(Decimal("0.25"), 12, half_life)
    trough = steady_state_trough(Decimal("0.25"), 12, half_life)
    assert peak == pytest.approx(0.25 / (1 - 2 ** (-12 / half_life)))
    assert trough == pytest.approx(peak * 2 ** (-12 / half_life))
    assert level_at(doses, datetime.combine(last, time(8, 0)), half_life) == pytest.approx(peak, rel=1e-6)
    assert level_at(doses, datetime.combine(last, time(7, 59, 59, 999999)), half_life) == pytest.approx(
        trough, rel=1e-6
    )
    swing = day_swing(doses, last, half_life, {e.day for e in entries})
    assert swing.peak == pytest.approx(peak, rel=1e-6)
    assert swing.trough == pytest.approx(trough, rel=1e-6)
    assert swing.swing_pct == pytest.approx((1 - 2 ** (-12 / half_life)) * 100, rel=1e-6)
    assert swing.unlogged_days_before == 0


def test_once_a_day_steady_state_matches_the_closed_form() -> None:
    entries = _days(40, Intake(Decimal("1"), "09:00"))
    doses = timed_doses(entries)
    last = START + timedelta(days=39)
    swing = day_swing(doses, last, 20.0, {e.day for e in entries})
    assert swing.peak == pytest.approx(steady_state_peak(Decimal("1"), 24, 20.0), rel=1e-6)
    assert swing.trough == pytest.approx(steady_state_trough(Decimal("1"), 24, 20.0), rel=1e-6)


def test_a_short_half_life_swings_more_than_a_long_one() -> None:
    entries = _days(30, Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))
    result = estimate(entries, "alprazolam", [START + timedelta(days=29)])
    assert result is not None
    low, typical, high = (result.swings[name][0].swing_pct for name in ("low", "typical", "high"))
    assert low > typical > high > 0
    assert result.half_lives.low == 6 and result.half_lives.high == 12 and result.half_lives.typical == 9
    assert "Ashton" in result.half_lives.source


def test_days_not_logged_in_the_warm_up_are_counted_not_filled_in() -> None:
    entries = _days(3, Intake(Decimal("0.5"), "08:00"))
    result = estimate(entries, "clonazepam", [START + timedelta(days=2)])
    assert result is not None
    # clonazepam 18–50 h: the high warm-up is ceil(5 × 50 / 24) = 11 days; 2 of them are logged.
    assert result.swings["high"][0].unlogged_days_before == 11 - 2


def test_intakes_without_a_time_are_spread_over_the_waking_day() -> None:
    entries = [DayEntry(day=START, intakes=(Intake(Decimal("0.25")), Intake(Decimal("0.25"))))]
    doses = timed_doses(entries)
    assert [d.at.time() for d in doses] == list(WAKING_DAY)
    assert all(d.time_assumed for d in doses)
    three = timed_doses([DayEntry(day=START, intakes=(Intake(Decimal("0.1")),) * 3)])
    assert [d.at.time() for d in three] == [time(8, 0), time(15, 0), time(22, 0)]


def test_intakes_without_a_time_take_the_usual_times_when_set() -> None:
    entries = [DayEntry(day=START, intakes=(Intake(Decimal("0.25")), Intake(Decimal("0.125"))))]
    doses = timed_doses(entries, usual_times=["07:30", "19:00", "23:00"])
    assert [(d.at.time(), d.mg) for d in doses] == [(time(7, 30), Decimal("0.25")), (time(19, 0), Decimal("0.125"))]


def test_a_day_with_timed_and_untimed_intakes_keeps_the_logged_times() -> None:
    entries = [DayEntry(day=START, intakes=(Intake(Decimal("0.25"), "21:00"), Intake(Decimal("0.5"))))]
    doses = timed_doses(entries, usual_times=["09:00", "21:00"])
    assert [(d.at.time(), d.time_assumed) for d in doses] == [(time(8, 0), True), (time(21, 0), False)]


def test_an_unknown_drug_gives_no_estimate() -> None:
    assert estimate(_days(3, Intake(Decimal("1"), "08:00")), "mystery-pam", [START]) is None
    assert half_lives("mystery-pam") is None


@pytest.mark.parametrize("key", sorted(DRUGS))
def test_every_drug_in_the_table_has_a_half_life_range(key: str) -> None:
    found = half_lives(key)
    assert found is not None
    assert 0 < found.low < found.typical < found.high


def test_a_brand_name_finds_the_half_life() -> None:
    assert half_lives("Klonopin") == half_lives("clonazepam")
    assert half_lives("clonazepam").as_dict() == {"low": 18.0, "typical": 34.0, "high": 50.0}


def test_levels_gives_one_value_per_time() -> None:
    dose = TimedDose(datetime(2027, 1, 1, 0, 0), Decimal("2"))
    hours = [dose.at + timedelta(hours=h) for h in (0, 10, 20)]
    assert levels([dose], hours, 10.0) == pytest.approx([2.0, 1.0, 0.5])


def test_a_day_without_doses_has_no_swing() -> None:
    assert DaySwing(day=START, trough=0.0, peak=0.0, unlogged_days_before=0).swing_pct == 0.0
    assert math.isclose(DaySwing(day=START, trough=0.5, peak=1.0, unlogged_days_before=0).swing_pct, 50.0)


def test_the_swing_is_described_per_half_life_for_the_report() -> None:
    entries = _days(30, Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))
    days = [START + timedelta(days=n) for n in range(25, 30)]
    result = estimate(entries, "alprazolam", days)
    assert result is not None
    # At steady state, doses every 12 h dip by 1 − 2^(−12/t½) of the peak: 75 %, 60 %, 50 %.
    assert describe_swing(result) == (
        "Estimated dip between doses: 75 % (half-life 6 h) · 60 % (9 h) · 50 % (12 h) of the peak"
    )
    assert describe_swing(estimate([], "alprazolam", days)) is None
