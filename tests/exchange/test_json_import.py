"""Import: validation of every kind of bad file, the change set, and the lossless round trip."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange.helpers import export_bytes, fill_store, sample_entries, sample_events, sample_plan, store_export
from tui.core.entry import DayEntry, Intake
from tui.core.symptoms import DEFAULT_SYMPTOMS
from tui.exchange.json_import import (
    IMPORT_EVENT_KIND,
    MAX_NAMED_PROBLEMS,
    ImportMode,
    ImportRefused,
    apply_import,
    parse_import_bytes,
    plan_import,
    read_import_file,
)
from tui.store.journal import open_journal

NOW = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)


def document_with(**changes):
    data = orjson.loads(export_bytes(sample_entries(), None, sample_events()))
    data.update(changes)
    return data


def refused(data) -> ImportRefused:
    raw = data if isinstance(data, bytes) else orjson.dumps(data)
    with pytest.raises(ImportRefused) as caught:
        parse_import_bytes(raw)
    return caught.value


# -- refusals ---------------------------------------------------------------------------------


def test_not_json_is_refused_with_the_position():
    message = str(refused(b"date,dose\n2027-03-01,0.5\n"))
    assert "not JSON" in message and "line 1" in message


def test_empty_file_is_refused():
    assert "empty" in str(refused(b"  \n"))


def test_json_that_is_not_an_object_is_refused():
    assert "not a taper-tui export" in str(refused(b"[1, 2]"))


def test_wrong_format_field_is_refused():
    message = str(refused(document_with(format="daylio")))
    assert '"format" field is "daylio"' in message


def test_missing_format_field_is_refused():
    data = document_with()
    del data["format"]
    assert '"format" field is missing' in str(refused(data))


def test_newer_schema_version_is_refused():
    message = str(refused(document_with(schema_version=2)))
    assert "newer taper-tui" in message and "schema version 2" in message


def test_bad_date_names_the_entry_and_field():
    data = document_with()
    data["entries"][1]["date"] = "2027-02-30"
    message = str(refused(data))
    assert "2027-02-30 (entry 2): date" in message


def test_bad_dose_names_the_entry_and_field():
    data = document_with()
    data["entries"][0]["intakes"][1]["mg"] = "0.2.5"
    message = str(refused(data))
    assert "2027-03-01 (entry 1): intakes[2].mg" in message


def test_dose_written_as_a_float_is_refused():
    data = document_with()
    data["entries"][1]["intakes"][0]["mg"] = 0.5
    assert "2027-03-02 (entry 2): intakes[1].mg" in str(refused(data))


def test_dose_the_schema_refuses_though_it_parses_is_refused():
    data = document_with()
    data["entries"][1]["intakes"][0]["mg"] = "5e-1"  # Decimal reads it; the format does not allow it
    assert "2027-03-02 (entry 2): intakes[1].mg" in str(refused(data))


def test_duplicate_dates_are_refused():
    data = document_with()
    data["entries"].append(dict(data["entries"][0], mood=1))
    message = str(refused(data))
    assert "2027-03-01 (entry 4): date: the day appears twice (entries 1 and 4)" in message


def test_missing_top_level_fields_are_named():
    data = document_with()
    del data["entries"]
    del data["events"]
    message = str(refused(data))
    assert "'entries' is a required property" in message and "'events' is a required property" in message


def test_entry_without_a_date_is_named_by_position():
    data = document_with()
    del data["entries"][2]["date"]
    assert "entry 3 (no date): date" in str(refused(data))


def test_event_without_kind_is_refused():
    data = document_with(events=[{"at": "2027-01-01T00:00:00"}])
    assert "events[1]: 'kind' is a required property" in str(refused(data))


def test_broken_plan_is_refused():
    plan = sample_plan()
    plan["steps"][1]["start"] = "2027-02-01"  # leaves a gap after the first step
    assert "plan: plan.steps" in str(refused(document_with(plan=plan)))


def test_bad_setting_is_refused():
    data = document_with(settings={"custom_symptoms": "jaw pain"})
    assert "settings.custom_symptoms" in str(refused(data))


def test_every_bad_entry_is_named_up_to_the_limit():
    entries = [{"date": f"2027-01-{day:02d}", "anxiety": 11} for day in range(1, 31)]
    error = refused(document_with(entries=entries))
    assert len(error.problems) == 30
    message = str(error)
    assert "2027-01-01 (entry 1): anxiety" in message
    assert f"2027-01-{MAX_NAMED_PROBLEMS:02d}" in message
    assert f"2027-01-{MAX_NAMED_PROBLEMS + 1:02d}" not in message
    assert f"and {30 - MAX_NAMED_PROBLEMS} more" in message
    assert "Nothing was imported" in message


def test_huge_file_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(2048)
    with pytest.raises(ImportRefused, match="larger than"):
        read_import_file(big, max_bytes=1024)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ImportRefused, match="no file"):
        read_import_file(tmp_path / "nope.json")
    with pytest.raises(ImportRefused, match="is a folder"):
        read_import_file(tmp_path)


def test_a_valid_export_parses_into_entries():
    document = parse_import_bytes(export_bytes(sample_entries(), None, sample_events()))
    assert list(document.entries) == sample_entries()
    assert list(document.events) == sample_events()


# -- the change set ---------------------------------------------------------------------------


def _day(day: int, **fields) -> DayEntry:
    return DayEntry(date(2027, 3, day), (Intake(Decimal("0.5")),), **fields)


def _document(entries, plan=None, events=()):
    return parse_import_bytes(export_bytes(entries, plan, list(events)))


def test_merge_lets_the_file_win_on_days_it_has():
    stored = [_day(1, mood=5), _day(2, mood=5), _day(3, mood=5)]
    incoming = [_day(2, mood=5), _day(3, mood=1), _day(4, mood=9)]
    plan = plan_import(stored, None, [], _document(incoming))
    assert plan.new_days == (date(2027, 3, 4),)
    assert plan.changed_days == (date(2027, 3, 3),)
    assert plan.unchanged_days == (date(2027, 3, 2),)
    assert [e.mood for e in plan.entries] == [5, 5, 1, 9]
    assert plan.changes_anything


def test_keep_existing_keeps_the_stored_day():
    stored = [_day(3, mood=5)]
    incoming = [_day(3, mood=1), _day(4, mood=9)]
    mine, theirs = sample_plan("1"), sample_plan("2")
    plan = plan_import(stored, mine, [], _document(incoming, theirs), ImportMode.KEEP_EXISTING)
    assert plan.kept_days == (date(2027, 3, 3),) and plan.changed_days == ()
    assert [e.mood for e in plan.entries] == [5, 9]
    assert plan.plan == mine and plan.plan_change == "kept"


def test_replace_removes_days_not_in_the_file():
    stored = [_day(1), _day(2)]
    plan = plan_import(stored, sample_plan(), sample_events(), _document([_day(2)]), ImportMode.REPLACE)
    assert plan.removed_days == (date(2027, 3, 1),)
    assert [e.day for e in plan.entries] == [date(2027, 3, 2)]
    assert plan.plan is None and plan.plan_change == "removed"
    assert plan.events == ()


def test_merge_takes_the_files_plan_and_deduplicates_events():
    events = sample_events()
    extra = {"at": "2027-03-01T08:00:00+00:00", "kind": "hold", "days": 7}
    plan = plan_import([], sample_plan("1"), events, _document([], sample_plan("2"), [*events, extra]))
    assert plan.plan == sample_plan("2") and plan.plan_change == "replaced"
    assert plan.events_added == 1
    assert list(plan.events) == [*events, extra]


def test_events_with_keys_in_another_order_are_the_same_event():
    stored = [{"kind": "hold", "at": "2027-03-01T08:00:00+00:00"}]
    incoming = [{"at": "2027-03-01T08:00:00+00:00", "kind": "hold"}]
    assert plan_import([], None, stored, _document([], None, incoming)).events_added == 0


def test_importing_what_is_stored_changes_nothing():
    entries = sample_entries()
    plan = plan_import(entries, None, sample_events(), _document(entries, None, sample_events()))
    assert not plan.changes_anything
    assert "new days:       0" in plan.summary()


def test_summary_names_the_days():
    plan = plan_import([], None, [], _document([_day(1), _day(2)]))
    assert "new days:       2 (2027-03-01, 2027-03-02)" in plan.summary()


# -- applying and the round trip --------------------------------------------------------------


def test_apply_writes_everything_and_records_an_import_event(data_path):
    fill_store(data_path, [_day(1, mood=2)])
    before = data_path.read_bytes()
    document = _document(sample_entries(), None, sample_events())
    with open_journal(data_path) as journal:
        plan = plan_import(
            journal.days(), journal.get_plan(), journal.events(), document, current_settings=journal.settings()
        )
        event = apply_import(journal, plan, NOW, "backup.json")
    after = store_export(data_path)
    assert [e["date"] for e in after["entries"]] == ["2027-03-01", "2027-03-02", "2027-03-04"]
    assert after["events"][-1] == event
    assert event["kind"] == IMPORT_EVENT_KIND and event["source"] == "backup.json" and event["new_days"] == 2
    from tui.store.backups import list_backups

    assert list_backups(data_path)[0].path.read_bytes() == before


def _without_import_events(events):
    return [e for e in events if e.get("kind") != IMPORT_EVENT_KIND]


def _round_trip(entries, plan, events, settings_record=None) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.json", Path(folder) / "second.json"
        fill_store(first, entries, plan, events)
        if settings_record:
            with open_journal(first) as journal:
                journal.update_settings(**settings_record)
        original = store_export(first)
        document = parse_import_bytes(orjson.dumps(original))
        with open_journal(second) as journal:
            plan_record = plan_import(
                journal.days(), journal.get_plan(), journal.events(), document, current_settings=journal.settings()
            )
            apply_import(journal, plan_record, NOW, "first.json")
        return original, store_export(second)


def test_round_trip_of_the_sample_is_identical():
    original, again = _round_trip(
        sample_entries(), sample_plan(), sample_events(), {"custom_symptoms": ["jaw pain"], "region": "UK"}
    )
    assert original["plan"] is not None
    assert again["entries"] == original["entries"]
    assert again["plan"] == original["plan"]
    assert _without_import_events(again["events"]) == original["events"]
    assert again["settings"] == original["settings"]


SYMPTOM_KEYS = [s.key for s in DEFAULT_SYMPTOMS]


def _decimals(high: int, places: int):
    return st.integers(0, high * 10**places).map(lambda n: Decimal(n).scaleb(-places))


intakes = st.builds(
    Intake,
    mg=_decimals(5, 4),
    time=st.one_of(st.none(), st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))),
)
entries_strategy = st.builds(
    DayEntry,
    day=st.dates(date(2020, 1, 1), date(2027, 3, 15)),
    intakes=st.lists(intakes, max_size=4).map(tuple),
    anxiety=st.one_of(st.none(), st.integers(0, 10)),
    mood=st.one_of(st.none(), st.integers(0, 10)),
    sleep_hours=st.one_of(st.none(), _decimals(24, 2)),
    sleep_quality=st.one_of(st.none(), st.integers(1, 5)),
    symptoms=st.dictionaries(st.sampled_from(SYMPTOM_KEYS), st.integers(0, 4), max_size=6),
    phase=st.sampled_from([None, "window", "wave"]),
    note=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
).filter(lambda e: not e.is_empty())
events_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "at": st.datetimes(datetime(2020, 1, 1), datetime(2027, 3, 15)).map(lambda d: d.isoformat()),
            "kind": st.sampled_from(["plan_saved", "hold", "restore"]),
        },
        optional={"note": st.text(max_size=10), "days": st.integers(0, 90)},
    ),
    max_size=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(entries_strategy, max_size=25, unique_by=lambda e: e.day),
    events=events_strategy,
    plan=st.one_of(st.none(), st.sampled_from(["0.5", "1", "2.5"]).map(sample_plan)),
)
def test_round_trip_over_generated_stores(entries, events, plan):
    original, again = _round_trip(entries, plan, events)
    assert again["entries"] == original["entries"]
    assert again["plan"] == original["plan"]
    assert _without_import_events(again["events"]) == original["events"]


def test_the_import_is_split_along_its_three_steps():
    """Validate, preview and apply are modules of their own, each small enough to read at once."""
    import tui.exchange.json_import as package

    folder = Path(package.__file__).parent
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in folder.glob("*.py")}
    assert {"validate.py", "preview.py", "apply.py"} <= set(sizes)
    assert max(sizes.values()) <= 400, sizes


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_days_near_the_ends_of_the_calendar_are_refused(day):
    data = document_with()
    data["entries"][0]["date"] = day
    message = str(refused(data))
    assert f"{day} (entry 1): date" in message
    assert "1900-01-01 to 2199-12-31" in message


def test_a_date_key_written_twice_in_one_entry_is_refused_naming_both():
    data = document_with()
    raw = orjson.dumps(data).decode()
    first = data["entries"][0]["date"]
    # Same entry, "date" twice: a JSON reader keeps the last silently and a day would move.
    raw = raw.replace(f'"date":"{first}"', f'"date":"{first}","date":"2027-03-09"', 1)
    message = str(refused(raw.encode()))
    assert '"date" appears twice' in message
    assert first in message and "2027-03-09" in message


def test_a_top_level_key_written_twice_is_refused():
    raw = orjson.dumps(document_with()).decode()
    raw = raw.replace('"entries":', '"entries":[],"entries":', 1)
    assert '"entries" appears twice' in str(refused(raw.encode()))


def test_custom_symptoms_as_a_string_is_refused_naming_the_field():
    message = str(refused(document_with(settings={"custom_symptoms": "abc"})))
    assert 'settings.custom_symptoms: "abc" is not allowed' in message
    assert "list" in message


def test_the_schema_states_the_same_date_bounds_as_the_core():
    import re

    from tui.core.validation import EARLIEST_DAY, LATEST_DAY
    from tui.exchange.json_export import export_schema

    rule = export_schema()["$defs"]["date"]
    assert EARLIEST_DAY.isoformat() in rule["description"] and LATEST_DAY.isoformat() in rule["description"]
    pattern = re.compile(rule["pattern"])
    assert pattern.match(EARLIEST_DAY.isoformat()) and pattern.match(LATEST_DAY.isoformat())
    for outside in ("1899-12-31", "2200-01-01", "0001-01-01", "9999-12-31"):
        assert not pattern.match(outside)
