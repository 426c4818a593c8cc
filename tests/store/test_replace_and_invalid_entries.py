"""Replacing everything at once, and a hand-edited entry that no longer validates."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tui.core.entry import DayEntry, Intake
from tui.store.errors import DataFileUnreadable
from tui.store.journal import open_journal


def sample_days(count: int) -> list[DayEntry]:
    start = date(2026, 1, 1)
    return [
        DayEntry(start + timedelta(days=i), (Intake(Decimal("0.5"), "08:00"),), anxiety=i % 11) for i in range(count)
    ]


def test_replace_all_writes_once_and_matches_day_by_day_saves(tmp_path):
    days = sample_days(400)
    events = [{"at": "2026-01-01T09:00:00", "kind": "create"}]
    with open_journal(tmp_path / "a.json") as bulk:
        bulk.save_day(DayEntry(date(2025, 12, 1), anxiety=1))  # replaced away
        bulk.replace_all(days, {"version": 1}, events)
        assert bulk.days() == days
        assert bulk.events() == events
        assert bulk.get_plan() == {"version": 1}
    with open_journal(tmp_path / "b.json") as one_by_one:
        for day in days:
            one_by_one.save_day(day)
        for event in events:
            one_by_one.add_event(event)
        one_by_one.save_plan({"version": 1})
        assert one_by_one.days() == days
    a = json.loads((tmp_path / "a.json").read_text())
    b = json.loads((tmp_path / "b.json").read_text())
    assert a["entries"] == b["entries"] and a["events"] == b["events"] and a["plan"] == b["plan"]


def test_a_hand_edited_invalid_entry_is_reported_with_its_date_and_kept(tmp_path):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        journal.save_day(DayEntry(date(2026, 5, 4), anxiety=3))
    data = json.loads(path.read_text())
    (record,) = data["entries"].values()
    record["anxiety"] = 42
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with open_journal(path) as journal, pytest.raises(DataFileUnreadable) as caught:
        journal.days()
    message = str(caught.value)
    assert "2026-05-04" in message and "anxiety" in message and str(path) in message
    assert path.read_bytes() == before
