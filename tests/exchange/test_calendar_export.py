"""The .ics parses with icalendar: one all-day event per step, stable UIDs, each intake in the
measured unit in the title, the daily total labelled, no raw control character."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from icalendar import Calendar

from tests.exchange.crossover_plans import crossover_plan
from tests.exchange.helpers import lorazepam_tablet_plan, sample_plan, switching_plan
from tests.security.hostile_corpus import ALL_IN_ONE, raw_controls
from tui.core.formulations import Liquid
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan
from tui.exchange.calendar_export import schedule_ics

AT = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def events_of(payload: bytes):
    return [c for c in Calendar.from_ical(payload).walk() if c.name == "VEVENT"]


def test_one_all_day_event_per_step():
    plan = Plan.from_record(sample_plan())
    events = events_of(schedule_ics(plan, AT))
    assert len(events) == len(plan.steps)
    for number, (step, event) in enumerate(zip(plan.steps, events, strict=True), start=1):
        start = event.decoded("dtstart")
        assert type(start) is date and start == step.start
        assert event.decoded("dtend") == step.start + timedelta(days=1)
        assert str(event["summary"]).startswith(f"Step {number}: ")
    assert str(events[1]["summary"]) == "Step 2: 0.4 mg = 4 mL · 0.41 mg = 4.1 mL"


def test_uids_are_unique_and_stable_across_exports():
    plan = Plan.from_record(sample_plan())
    first = [str(e["uid"]) for e in events_of(schedule_ics(plan, AT))]
    again = [str(e["uid"]) for e in events_of(schedule_ics(plan, AT + timedelta(days=30)))]
    assert first == again and len(set(first)) == len(first)


def test_calendar_has_the_required_properties():
    calendar = Calendar.from_ical(schedule_ics(Plan.from_record(sample_plan()), AT))
    assert str(calendar["version"]) == "2.0" and "taper-tui" in str(calendar["prodid"])
    assert all("dtstamp" in e for e in events_of(calendar.to_ical()))


def test_a_liquid_plan_gives_each_intake_in_ml_with_its_time():
    """The title is what goes in the syringe at each time; the day's 0.81 mg = 8.1 mL is labelled."""
    plan = Plan.from_record(sample_plan())
    event = events_of(schedule_ics(plan, AT, ("08:00", "20:00")))[1]
    assert str(event["summary"]) == "Step 2: 08:00 0.4 mg = 4 mL · 20:00 0.41 mg = 4.1 mL"
    description = str(event["description"])
    assert "Each intake: 08:00 0.4 mg = 4 mL · 20:00 0.41 mg = 4.1 mL" in description
    assert "daily total 0.81 mg = 8.1 mL" in description
    assert "8.1 mL" not in str(event["summary"])


def test_a_tablet_plan_gives_each_intake_in_tablet_pieces():
    plan = lorazepam_tablet_plan()
    events = events_of(schedule_ics(plan, AT, ("08:00", "20:00")))
    assert str(events[0]["summary"]) == "Step 1: 08:00 0.625 mg = 1 ¼ tab · 20:00 0.75 mg = 1 ½ tab"
    assert "daily total 1.375 mg = 2 ¾ tab" in str(events[0]["description"])


def test_times_are_left_out_unless_there_is_one_per_intake():
    """Three times for two intakes would pin an amount to the wrong time: no times at all then."""
    plan = Plan.from_record(sample_plan())
    event = events_of(schedule_ics(plan, AT, ("08:00", "14:00", "20:00")))[1]
    assert str(event["summary"]) == "Step 2: 0.4 mg = 4 mL · 0.41 mg = 4.1 mL"


def test_hostile_drug_note_and_times_reach_no_calendar_as_controls():
    params = PlanParams(
        drug=ALL_IN_ONE,
        start=date(2027, 1, 4),
        dose_mg=Decimal(1),
        formulation=Liquid.create("0.1", "0.1"),
        split=(Decimal("0.5"), Decimal("0.5")),
    )
    record = build_plan(params).to_record()
    record["steps"][0]["note"] = ALL_IN_ONE
    payload = schedule_ics(Plan.from_record(record), AT, (ALL_IN_ONE, "20:00"))
    assert raw_controls(payload.replace(b"\r\n", b"\n")) == []  # CRLF ends every line, as iCalendar requires
    events = events_of(payload)
    assert "\\x1b]0;pwned title" in str(events[0]["description"])
    assert "\\x1b" in str(events[0]["summary"])


def test_after_a_switch_of_form_each_step_is_in_its_own_form_and_the_switch_step_says_so():
    """Tablets until 1.25 mg, then a 0.1 mg/mL liquid (docs/DOMAIN.md §3.11)."""
    plan = Plan.from_record(switching_plan())
    events = events_of(schedule_ics(plan, AT, ("08:00", "20:00")))
    assert str(events[5]["summary"]) == "Step 6: 08:00 0.625 mg = 1 ¼ tab · 20:00 0.625 mg = 1 ¼ tab"
    assert str(events[6]["summary"]) == "Step 7: 08:00 0.56 mg = 5.6 mL · 20:00 0.57 mg = 5.7 mL"
    assert "daily total 1.13 mg = 11.3 mL" in str(events[6]["description"])
    changes = [n for n, e in enumerate(events) if "(a change of form)" in str(e["description"])]
    assert changes == [6]
    assert "From this step measured as liquid 0.1 mg/mL measured to 0.1 mL" in str(events[6]["description"])
    assert not any("tab" in str(e["summary"]) for e in events[6:])


def test_a_crossover_step_names_each_drug_in_its_title_and_totals():
    """A stage's 20:00 intake is ½ tab of clonazepam and 1 tab of diazepam: both named, never one
    mg figure for two drugs (docs/DOMAIN.md §3.12)."""
    plan = crossover_plan()
    events = events_of(schedule_ics(plan, AT, ("08:00", "20:00")))
    assert str(events[0]["summary"]) == (
        "Step 1: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab"
    )
    description = str(events[0]["description"])
    assert "daily total clonazepam 0.75 mg + diazepam 5 mg" in description
    assert "≈ 20 mg diazepam (Ashton Manual" in description
    assert str(events[4]["description"]).startswith(f"diazepam from {plan.steps[4].start.isoformat()}")
    after = str(events[4]["summary"])
    assert after.startswith("Step 5: 08:00 diazepam ") and " · 20:00 diazepam " in after
