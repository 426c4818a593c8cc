"""The plan's history in words, and the undo of its last change (only while nothing past is rewritten)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.formulations import Liquid
from tui.core.plan_changes import creation_event, hold, replan, return_to_stable, slow_down
from tui.core.plan_history import NotUndoable, history_rows, undo_last_change
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan

START = date(2027, 1, 4)
TODAY = date(2027, 3, 15)
AT = datetime(2027, 3, 15, 9, 30)


def liquid_plan(**changes) -> Plan:
    base = dict(
        drug="clonazepam", start=START, dose_mg=Decimal(1), formulation=Liquid.create("0.1", "0.1"), hold_days=14
    )
    base.update(changes)
    return build_plan(PlanParams(**base))


def trail_of(plan: Plan) -> list[dict]:
    """A trail as the store holds it: JSON in, JSON out (so nothing relies on Python objects)."""
    return [json.loads(json.dumps(creation_event(plan, datetime(2027, 1, 4, 8, 0), "agreed")))]


def stored(event: dict) -> dict:
    return json.loads(json.dumps(event))


# -- rows ------------------------------------------------------------------------------------


def test_every_change_reads_in_words_newest_first_with_end_dates_and_reason() -> None:
    plan = liquid_plan()
    events = trail_of(plan)
    held, event = hold(plan, 7, TODAY, AT, "flu")
    events.append(stored(event))
    slower, event = slow_down(held, Decimal(5), TODAY, AT.replace(minute=31), step_days=14)
    events.append(stored(event))
    back, event = return_to_stable(slower, TODAY, AT.replace(minute=32), "waves [/b] too strong")
    events.append(stored(event))
    _new, event = replan(back, replace(back.params, start=TODAY + timedelta(days=30)), TODAY, AT.replace(minute=33))
    events.append(stored(event))
    events.append({"at": "2027-03-15T10:00:00", "kind": "import", "mode": "replace", "source": "taper.json"})

    rows = history_rows(events)

    assert [r.what for r in rows] == [
        "Imported from taper.json",
        "Re-planned",
        f"Returned to {event_detail(events[3], 'to_mg')} mg (stable)",
        "Slowed to 5 % every 14 days",
        "Held 7 more days",
        "New plan from 1 mg",
    ]
    assert [r.position for r in rows] == [5, 4, 3, 2, 1, 0]
    hold_row = rows[4]
    assert hold_row.when == "2027-03-15 09:30"
    assert hold_row.end_change == f"{plan.end_date.isoformat()} → {held.end_date.isoformat()}"
    assert (held.end_date - plan.end_date).days == 7
    assert hold_row.reason == "flu"
    assert rows[2].reason == "waves [/b] too strong"  # stored text as given; the screen escapes it
    assert rows[5].end_change == f"— → {plan.end_date.isoformat()}"
    assert rows[0].end_change == ""


def event_detail(event: dict, key: str) -> str:
    return event["details"][key]


def test_one_more_day_is_singular() -> None:
    _held, event = hold(liquid_plan(), 1, TODAY, AT)
    assert history_rows([event])[0].what == "Held 1 more day"


def test_events_from_older_versions_and_hand_edits_still_show() -> None:
    events = [
        {"kind": "hold"},
        {"at": "yesterday", "kind": "slow_down", "details": "not an object", "reason": None},
        {"at": 12, "kind": "return_to_stable", "details": {"to_mg": ["0.5"]}},
        {"at": "2027-02-01T08:00:00+01:00", "kind": "rename_all", "details": {"end_date": "2027-09-01"}},
        "not an event",
        {},
    ]
    rows = history_rows(events)
    assert [(r.when, r.what, r.end_change, r.reason) for r in rows] == [
        ("—", "A change (no kind recorded)", "", ""),
        ("—", "A change (no kind recorded)", "", ""),
        ("2027-02-01 08:00", "Rename all", "— → 2027-09-01", ""),
        ("12", "Returned to the last stable dose", "", ""),
        ("yesterday", "Slowed down", "", ""),
        ("—", "Held the dose longer", "", ""),
    ]


# -- undo ------------------------------------------------------------------------------------


def undo_after(change, plan: Plan, today: date = TODAY):
    """Apply ``change`` to ``plan`` today, store it like the journal would, and undo it."""
    events = trail_of(plan)
    changed, event = change(plan)
    events.append(stored(event))
    return changed, events, undo_last_change(events, changed, today, AT + timedelta(minutes=5))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: hold(p, 7, TODAY, AT, "flu"), id="hold"),
        pytest.param(lambda p: slow_down(p, Decimal(5), TODAY, AT, step_days=21), id="slow_down"),
        pytest.param(lambda p: return_to_stable(p, TODAY, AT, "too hard"), id="return_to_stable"),
        pytest.param(
            lambda p: replan(p, replace(p.params, start=TODAY, cut_pct=Decimal(5), hold_days=0), TODAY, AT),
            id="replan",
        ),
    ],
)
def test_the_last_change_is_undone_to_the_plan_before_it_and_recorded(change) -> None:
    plan = liquid_plan()
    changed, events, undo = undo_after(change, plan)
    assert changed.to_record() != plan.to_record()
    assert undo.plan.to_record() == plan.to_record()
    assert undo.undone.position == 1 and undo.undone.what == history_rows(events)[0].what
    event = undo.event
    assert list(event) == ["at", "kind", "effective", "details", "reason"]
    assert json.loads(json.dumps(event)) == event
    assert event["kind"] == "undo" and event["effective"] == TODAY.isoformat()
    assert event["details"]["end_date_before"] == changed.end_date.isoformat()
    assert event["details"]["end_date"] == plan.end_date.isoformat()
    assert event["details"]["undone_at"] == events[-1]["at"]
    row = history_rows([*events, event])[0]
    assert row.what == f"Undid: {undo.undone.what}"


def test_an_undo_is_not_itself_undone() -> None:
    plan = liquid_plan()
    _changed, events, undo = undo_after(lambda p: hold(p, 7, TODAY, AT), plan)
    events.append(stored(undo.event))
    with pytest.raises(NotUndoable, match="itself an undo"):
        undo_last_change(events, undo.plan, TODAY, AT)


def test_only_the_last_change_can_be_undone() -> None:
    plan = liquid_plan()
    events = trail_of(plan)
    held, event = hold(plan, 7, TODAY, AT)
    events.append(stored(event))
    slower, event = slow_down(held, Decimal(5), TODAY, AT)
    events.append(stored(event))
    undo = undo_last_change(events, slower, TODAY, AT)
    assert undo.plan.to_record() == held.to_record()  # the slow-down goes; the hold stays
    events.append(stored(undo.event))
    with pytest.raises(NotUndoable):
        undo_last_change(events, undo.plan, TODAY, AT)  # the hold is no longer the last change


def test_nothing_is_undone_after_an_import_a_new_plan_or_with_no_changes() -> None:
    plan = liquid_plan()
    with pytest.raises(NotUndoable, match="no change"):
        undo_last_change([], plan, TODAY, AT)
    with pytest.raises(NotUndoable, match="new plan"):
        undo_last_change(trail_of(plan), plan, TODAY, AT)
    held, event = hold(plan, 7, TODAY, AT)
    imported = {"at": "2027-03-15T10:00:00", "kind": "import", "source": "taper.json"}
    with pytest.raises(NotUndoable, match="import"):
        undo_last_change([stored(event), imported], held, TODAY, AT)


def test_changes_recorded_by_older_versions_cannot_be_undone() -> None:
    plan = liquid_plan()
    held, event = hold(plan, 7, TODAY, AT)
    older = stored(event)
    del older["details"]["previous_plan"]
    with pytest.raises(NotUndoable, match="older taper-tui"):
        undo_last_change([older], held, TODAY, AT)


def test_nothing_is_undone_when_the_stored_plan_is_not_the_one_the_change_made() -> None:
    plan = liquid_plan()
    held, event = hold(plan, 7, TODAY, AT)
    held_more, _ = hold(held, 3, TODAY, AT)  # saved by something that recorded no event
    with pytest.raises(NotUndoable, match="changed since"):
        undo_last_change([stored(event)], held_more, TODAY, AT)


def test_a_change_already_lived_is_not_undone_because_past_days_are_never_rewritten() -> None:
    plan = liquid_plan()
    back, event = return_to_stable(plan, TODAY, AT, "too hard")
    # The same day: nothing taken yet under the higher dose.
    assert undo_last_change([stored(event)], back, TODAY, AT).plan.to_record() == plan.to_record()
    # The next day: the raised dose was taken yesterday, so putting the old plan back would lie.
    with pytest.raises(NotUndoable, match=f"days from {TODAY.isoformat()}"):
        undo_last_change([stored(event)], back, TODAY + timedelta(days=1), AT)


def test_a_hold_can_be_undone_days_later_while_the_held_step_would_still_run() -> None:
    plan = liquid_plan()
    step = plan.step_on(TODAY)
    assert step is not None and (step.end - TODAY).days >= 2
    held, event = hold(plan, 7, TODAY, AT)
    later = TODAY + timedelta(days=2)
    assert undo_last_change([stored(event)], held, later, AT).plan.to_record() == plan.to_record()
    after_original_cut = step.end + timedelta(days=2)
    with pytest.raises(NotUndoable, match=f"days from {(step.end + timedelta(days=1)).isoformat()}"):
        undo_last_change([stored(event)], held, after_original_cut, AT)


def test_an_unreadable_kept_plan_is_reported_not_raised() -> None:
    plan = liquid_plan()
    held, event = hold(plan, 7, TODAY, AT)
    damaged = stored(event)
    damaged["details"]["previous_plan"]["steps"] = "no steps"
    with pytest.raises(NotUndoable, match="cannot be read"):
        undo_last_change([damaged], held, TODAY, AT)


@settings(max_examples=40, deadline=None)
@given(offset=st.integers(0, 400), days=st.integers(1, 60))
def test_a_hold_undone_the_same_day_gives_back_exactly_the_plan_before(offset: int, days: int) -> None:
    plan = liquid_plan()
    today = START + timedelta(days=offset)
    if plan.step_index_on(today) == len(plan.steps) - 1:
        return  # no hold at the final dose
    held, event = hold(plan, days, today, AT)
    undo = undo_last_change([stored(event)], held, today, AT)
    assert undo.plan.to_record() == plan.to_record()
