"""Days are keyed by their date: saving a day again replaces it, and TinyDB ids never leave the store."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import orjson

from tui.core.entry import ENTRY_FIELDS, DayEntry
from tui.store.journal import open_journal


def test_saving_the_same_day_twice_keeps_one_record(data_path, today, make_entry):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(today, anxiety=2))
        journal.save_day(make_entry(today, anxiety=7, symptoms={}))
        assert journal.day_count() == 1
        assert journal.get_day(today) == make_entry(today, anxiety=7, symptoms={})
    stored = orjson.loads(data_path.read_bytes())["entries"]
    assert list(stored) == [str(today.toordinal())]
    assert stored[str(today.toordinal())]["symptoms"] == {}  # replaced, not merged


def test_an_empty_entry_removes_the_day_and_its_id_is_not_reused(data_path, today, make_entry):
    yesterday = today - timedelta(days=1)
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(yesterday))
        journal.save_day(make_entry(today))
        assert journal.delete_day(today) == make_entry(today)
        journal.save_day(DayEntry(day=yesterday))  # nothing logged: the day goes
        assert journal.day_count() == 0
        journal.save_day(make_entry(date(2027, 3, 1)))
        assert [e.day for e in journal.days()] == [date(2027, 3, 1)]
        assert journal.delete_day(today) is None


def test_days_in_a_range_come_in_date_order(data_path, make_entry):
    logged = [date(2027, 3, d) for d in (9, 2, 14, 5, 1)]
    with open_journal(data_path) as journal:
        for day in logged:
            journal.save_day(make_entry(day))
        assert [e.day for e in journal.days()] == sorted(logged)
        assert [e.day for e in journal.days(date(2027, 3, 2), date(2027, 3, 9))] == [
            date(2027, 3, d) for d in (2, 5, 9)
        ]


def test_doc_ids_never_appear_in_the_export(data_path, make_entry):
    with open_journal(data_path) as journal:
        for offset in range(3):
            journal.save_day(make_entry(date(2027, 3, 1) + timedelta(days=offset)))
        journal.add_event({"at": "2027-03-01T08:00:00", "kind": "plan_created"})
        journal.add_event({"at": "2027-03-02T08:00:00", "kind": "plan_held"})
        journal.save_plan({"drug": "clonazepam"})
        ordinals = [str(day.toordinal()) for day in (e.day for e in journal.days())]
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(data_path), "export"], capture_output=True, check=True
    )
    for ordinal in ordinals:
        assert ordinal.encode() not in result.stdout
    document = orjson.loads(result.stdout)
    assert all(list(entry) == list(ENTRY_FIELDS) for entry in document["entries"])
    assert document["events"] == [
        {"at": "2027-03-01T08:00:00", "kind": "plan_created"},
        {"at": "2027-03-02T08:00:00", "kind": "plan_held"},
    ]
    assert document["plan"] == {"drug": "clonazepam"}
    assert b"doc_id" not in result.stdout
