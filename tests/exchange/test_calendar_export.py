"""The .ics parses with icalendar: one all-day event per step, stable UIDs, readable titles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from tests.exchange.helpers import sample_plan
from tui.core.plan_model import Plan
from tui.exchange.calendar_export import schedule_ics

AT = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def events_of(payload: bytes):
    return [c for c in Calendar.from_ical(payload).walk() if c.name == "VEVENT"]


def test_one_all_day_event_per_step():
    plan = Plan.from_record(sample_plan())
    events = events_of(schedule_ics(plan, AT))
    assert len(events) == len(plan.steps)
    for number, (step, event) in enumerate(zip(plan.steps, events), start=1):
        start = event.decoded("dtstart")
        assert type(start) is date and start == step.start
        assert event.decoded("dtend") == step.start + timedelta(days=1)
        assert str(event["summary"]).startswith(f"Step {number}: ")
    assert str(events[1]["summary"]) == "Step 2: 0.81 mg — 8.1 mL"


def test_uids_are_unique_and_stable_across_exports():
    plan = Plan.from_record(sample_plan())
    first = [str(e["uid"]) for e in events_of(schedule_ics(plan, AT))]
    again = [str(e["uid"]) for e in events_of(schedule_ics(plan, AT + timedelta(days=30)))]
    assert first == again and len(set(first)) == len(first)


def test_calendar_has_the_required_properties():
    calendar = Calendar.from_ical(schedule_ics(Plan.from_record(sample_plan()), AT))
    assert str(calendar["version"]) == "2.0" and "taper-tui" in str(calendar["prodid"])
    assert all("dtstamp" in e for e in events_of(calendar.to_ical()))
