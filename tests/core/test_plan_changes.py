"""Living with the plan: hold, slow down, return to stable, re-plan, events."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.formulations import Liquid, Tablet
from tui.core.plan_changes import (
    PlanChangeError,
    creation_event,
    hold,
    hold_days_left,
    replan,
    return_to_stable,
    slow_down,
)
from tui.core.plan_model import HELD, INCREASE, Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.validation import ValidationError

START = date(2027, 1, 4)
AT = datetime(2027, 2, 3, 9, 30)


def liquid_plan(**changes) -> Plan:
    base = dict(
        drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=Liquid.create("0.1", "0.1"), hold_days=14
    )
    base.update(changes)
    return build_plan(PlanParams(**base))


def assert_event_plain(event: dict) -> None:
    assert list(event) == ["at", "kind", "effective", "details", "reason"]
    assert json.loads(json.dumps(event)) == event


@settings(max_examples=60, deadline=None)
@given(offset=st.integers(0, 500), days=st.integers(1, 60))
def test_hold_moves_only_later_steps(offset: int, days: int) -> None:
    plan = liquid_plan()
    today = START + timedelta(days=offset)
    index = plan.step_index_on(today)
    if index == len(plan.steps) - 1:
        with pytest.raises(PlanChangeError):
            hold(plan, days, today, AT)
        return
    held, event = hold(plan, days, today, AT, "flu")
    assert_event_plain(event)
    assert event["kind"] == "hold" and event["details"]["days"] == days
    for old, new in zip(plan.steps, held.steps, strict=False):
        assert new.dose_exact == old.dose_exact
        if old.end < today:  # past: untouched
            assert new == old
        elif old.start <= today:  # the running step: same start, ends later
            assert (new.start, new.end) == (old.start, old.end + timedelta(days=days)) and new.has(HELD)
        else:  # later: moved
            assert (new.start, new.end) == (old.start + timedelta(days=days), old.end + timedelta(days=days))
    assert held.end_date == plan.end_date + timedelta(days=days)


def test_slow_down_keeps_the_running_step_and_cuts_less_after_it() -> None:
    plan = liquid_plan()
    today = date(2027, 2, 3)  # inside the 0.81 mg step (2027-02-01 … 2027-02-14)
    slower, event = slow_down(plan, Decimal(5), today, AT, "tired")
    assert_event_plain(event)
    assert slower.steps[:3] == plan.steps[:3]
    assert event["effective"] == "2027-02-15" and event["details"]["cut_pct"] == "5"
    assert slower.steps[3].dose_mg == Decimal("0.77") and slower.steps[3].cut_pct <= 5
    assert slower.end_date > plan.end_date and slower.steps[-1].dose_mg == 0


def test_return_to_stable_is_a_recorded_increase() -> None:
    plan = liquid_plan()
    today = date(2027, 2, 3)
    with pytest.raises(PlanChangeError):
        return_to_stable(plan, today, AT, "  ")
    back, event = return_to_stable(plan, today, AT, "insomnia for a week", hold_days=21, cut_pct=Decimal(5))
    assert_event_plain(event)
    assert event["details"]["from_mg"] == "0.81" and event["details"]["to_mg"] == "0.9"
    assert back.steps[:2] == plan.steps[:2]
    assert back.steps[2].end == today - timedelta(days=1) and back.steps[2].dose_mg == Decimal("0.81")
    up = back.steps[3]
    assert up.start == today and up.dose_mg == Decimal("0.9") and up.has(INCREASE) and up.days == 21
    assert up.note == "insomnia for a week"
    # the only increase in the whole plan is the one asked for
    assert [s.has(INCREASE) for s in back.steps].count(True) == 1
    assert all(b.dose_exact < a.dose_exact for a, b in zip(back.steps[4:], back.steps[5:], strict=False))


def test_return_to_stable_needs_a_higher_dose_before() -> None:
    plan = liquid_plan()
    with pytest.raises(PlanChangeError):
        return_to_stable(plan, START + timedelta(days=3), AT, "during the hold")


def test_replan_never_rewrites_the_past() -> None:
    plan = liquid_plan()
    new_params = replace(
        plan.params, start=date(2027, 3, 1), dose_mg=Decimal("0.7"), formulation=Tablet.create("0.5", 4), hold_days=14
    )
    with pytest.raises(PlanChangeError):
        replan(plan, new_params, date(2027, 3, 2), AT)
    with pytest.raises(ValidationError):  # 0.7 mg is not measurable in quarters of 0.5 mg
        replan(plan, new_params, date(2027, 2, 20), AT)
    new_params = replace(new_params, dose_mg=Decimal("0.75"), split=())
    again, event = replan(plan, new_params, date(2027, 2, 20), AT, "switching to tablets")
    assert_event_plain(event)
    kept = [s for s in plan.steps if s.end < date(2027, 3, 1)]
    assert list(again.steps[: len(kept)]) == kept
    assert again.steps[len(kept) - 1].end == date(2027, 2, 28)
    assert again.steps[len(kept)].start == date(2027, 3, 1) and again.steps[len(kept)].unit_dose == "1 ½ tab"
    assert Plan.from_record(json.loads(json.dumps(again.to_record()))) == again


def test_creation_event() -> None:
    plan = liquid_plan()
    event = creation_event(plan, AT, "agreed with Dr K")
    assert_event_plain(event)
    assert event["kind"] == "create" and event["details"]["params"]["dose_mg"] == "1"


def test_slow_down_needs_a_cut_smaller_than_the_current_one() -> None:
    plan = liquid_plan()  # 10 % every 14 days
    today = START + timedelta(days=30)
    for same_or_faster in (Decimal(10), Decimal(15)):
        with pytest.raises(PlanChangeError, match="smaller than the current 10 %"):
            slow_down(plan, same_or_faster, today, AT)
    slower, _ = slow_down(plan, Decimal(5), today, AT)
    assert slower.params.cut_pct == Decimal(5)


def test_hold_days_left_counts_today_and_only_runs_during_a_hold() -> None:
    plan = liquid_plan(hold_days=21)  # the hold runs 2027-01-04 to 2027-01-24
    assert hold_days_left(plan, START) == 21
    assert hold_days_left(plan, START + timedelta(days=10)) == 11
    assert hold_days_left(plan, START + timedelta(days=20)) == 1
    assert hold_days_left(plan, START + timedelta(days=21)) == 0  # the first cut
    assert hold_days_left(plan, START - timedelta(days=1)) == 0  # not started
    held, _ = hold(plan, 7, START + timedelta(days=30), AT)  # a hold asked for later counts too
    assert held.step_on(START + timedelta(days=30)).end == date(2027, 2, 14)  # 2027-01-25 to 02-07, held 7 more
    assert hold_days_left(held, START + timedelta(days=30)) == 12  # 2027-02-03 to 02-14
