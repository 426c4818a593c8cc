"""The hold suggestion: which days it compares, what it watches, and when it goes away."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid
from tui.core.hold_suggestion import answered_dates, evaluate_hold, suggest_hold, suggest_hold_for_plan
from tui.core.plan_changes import hold, return_to_stable, slow_down
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan

CUT = date(2027, 3, 1)


def _days(first: date, totals: list[int | None]) -> list[DayEntry]:
    """Days whose symptom total is each value (``None``: the day is not logged)."""
    return [
        DayEntry(day=first + timedelta(days=i), symptoms={"anxiety_panic": 0, "insomnia": t})
        for i, t in enumerate(totals)
        if t is not None
    ]


def _well_then_worse(cut: date, today: date) -> list[DayEntry]:
    """The finding as reported: well the week before the cut, clearly worse every day since."""
    before = [DayEntry(day=cut - timedelta(days=n), anxiety=2, mood=7, sleep_hours=Decimal("7.5")) for n in range(1, 8)]
    since = [
        DayEntry(day=cut + timedelta(days=n), anxiety=6, symptoms={"insomnia": 3, "anxiety_panic": 3, "tremor": 2})
        for n in range(0, (today - cut).days + 1)
    ]
    return before + since


def test_the_person_who_was_well_before_the_cut_gets_the_suggestion() -> None:
    today = CUT + timedelta(days=6)
    text = suggest_hold(_well_then_worse(CUT, today), [CUT], today)
    assert text is not None
    assert "anxiety" in text and "symptom total" in text
    # says exactly which days it compared: the day after the cut to today, and the week before
    assert "2027-03-02 to 2027-03-07" in text and "2027-02-22 to 2027-02-28" in text


def test_a_rise_in_anxiety_alone_is_enough() -> None:
    today = CUT + timedelta(days=5)
    before = [DayEntry(day=CUT - timedelta(days=n), anxiety=3, symptoms={"insomnia": 1}) for n in range(1, 8)]
    since = [DayEntry(day=CUT + timedelta(days=n), anxiety=6, symptoms={"insomnia": 1}) for n in range(1, 6)]
    found = evaluate_hold(before + since, [CUT], today)
    assert found is not None and [r.metric.value for r in found.rises] == ["anxiety"]
    assert "anxiety (0–10)" in found.reason


def test_days_logged_without_any_rating_count_as_logged_days() -> None:
    """A day with only a dose is a logged day; the means are over the days that hold the value."""
    today = CUT + timedelta(days=4)
    dose = (Intake(Decimal("0.5")),)
    before = [DayEntry(day=CUT - timedelta(days=n), intakes=dose) for n in range(1, 5)]
    before += [DayEntry(day=CUT - timedelta(days=n), intakes=dose, anxiety=2) for n in range(5, 8)]
    since = [DayEntry(day=CUT + timedelta(days=n), intakes=dose, anxiety=7) for n in range(1, 5)]
    found = evaluate_hold(before + since, [CUT], today)
    assert found is not None and found.logged_before == 7 and found.logged_since == 4


def test_the_since_window_starts_the_day_after_the_cut_and_runs_to_today() -> None:
    today = CUT + timedelta(days=12)
    # cut day itself very bad, days since mild: the cut day must not count
    entries = _days(CUT - timedelta(days=7), [2] * 7 + [20] + [3] * 12)
    assert evaluate_hold(entries, [CUT], today) is None
    # all twelve days since are compared, not only the last seven
    entries = _days(CUT - timedelta(days=7), [2] * 7 + [2] + [9] * 5 + [2] * 7)
    found = evaluate_hold(entries, [CUT], today)
    assert found is not None and found.since_first == CUT + timedelta(days=1) and found.since_last == today
    assert found.logged_since == 12


def test_hold_suggested_when_symptoms_rise_clearly() -> None:
    entries = _days(CUT - timedelta(days=7), [2, 2, 3, 2, 2, 2, 2, 4, 5, 5, 6, 5])
    text = suggest_hold(entries, [date(2027, 2, 1), CUT], CUT + timedelta(days=4))
    assert text and "Consider holding" in text and "2027-03-01" in text


def test_no_suggestion_for_a_small_rise_or_too_few_days() -> None:
    today = CUT + timedelta(days=5)
    small = _days(CUT - timedelta(days=7), [2, 2, 2, 2, 2, 2, 2, 3, 4, 3, 3, 3, 3])
    assert suggest_hold(small, [CUT], today) is None  # +1.2 < max(2, 25 %)
    sparse = _days(CUT - timedelta(days=7), [2, None, None, None, None, 2, 2, 9, 9, 9, 9, 9, 9])
    assert suggest_hold(sparse, [CUT], today) is None  # only 3 logged days before
    assert suggest_hold(small, [], today) is None
    assert suggest_hold(small, [CUT + timedelta(days=30)], today) is None


def test_rule_threshold_is_max_of_two_points_and_a_quarter() -> None:
    today = CUT + timedelta(days=4)
    high_before = _days(CUT - timedelta(days=7), [12] * 7 + [12, 14, 14, 15, 14])  # +2.25 < 25 % of 12 = 3
    assert evaluate_hold(high_before, [CUT], today) is None
    at_threshold = _days(CUT - timedelta(days=7), [12] * 7 + [12, 15, 15, 15, 15])  # exactly +3
    found = evaluate_hold(at_threshold, [CUT], today)
    assert found is not None and found.logged_before == 7 and found.logged_since == 4


# ----- it goes away once the person has answered the rise ----------------------------------

AT = datetime(2027, 3, 7, 9, 0)


def _plan():
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 2, 1),
        dose_mg=Decimal(1),
        formulation=Liquid.create("0.1", "0.1"),
        step_days=14,
    )
    return build_plan(params)


def test_the_suggestion_goes_away_after_a_hold_a_slow_down_or_a_return_to_stable() -> None:
    plan = _plan()
    cut = max(d for d in plan.cut_dates() if d <= date(2027, 3, 7))
    today = cut + timedelta(days=6)
    entries = _well_then_worse(cut, today)
    assert suggest_hold_for_plan(entries, plan, [], today) is not None

    held, held_event = hold(plan, 7, today, AT)
    assert suggest_hold_for_plan(entries, held, [], today) is None  # the step carries "held"
    assert suggest_hold_for_plan(entries, plan, [held_event], today) is None

    slowed, slow_event = slow_down(plan, Decimal(5), today, AT)
    assert suggest_hold_for_plan(entries, slowed, [slow_event], today) is None

    back, back_event = return_to_stable(plan, today, AT, "insomnia since the cut")
    assert suggest_hold_for_plan(entries, back, [], today) is None  # the step goes up again
    assert answered_dates(plan, [back_event]) == [today]


def test_a_change_made_before_the_cut_does_not_silence_it() -> None:
    plan = _plan()
    cut = max(d for d in plan.cut_dates() if d <= date(2027, 3, 7))
    today = cut + timedelta(days=6)
    old = {"at": "2027-02-02T09:00:00", "kind": "slow_down", "effective": "2027-02-02", "details": {}, "reason": ""}
    assert suggest_hold_for_plan(_well_then_worse(cut, today), plan, [old], today) is not None
