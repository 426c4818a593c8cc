"""A file from before schema versions (days in TinyDB's ``_default`` table) is brought forward safely."""

from __future__ import annotations

from datetime import date

import orjson

from tests.store.support import age_file, file_state
from tui.store.atomic_storage import parse_data_file
from tui.store.backups import list_backups
from tui.store.journal import open_journal
from tui.store.schema import SCHEMA_VERSION, file_schema_version

DAYS = [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 5)]


def schema_zero_file(path, make_entry) -> dict:
    """Write a version-0 file: days under reusable auto ids, one odd document, one duplicate day."""
    default = {str(n): make_entry(day).to_record() for n, day in enumerate(DAYS, start=1)}
    default["4"] = {"kind": "reminder", "text": "not a day"}
    default["5"] = make_entry(DAYS[0], anxiety=9, note="logged twice").to_record()
    data = {"_default": default, "settings": {"1": {"region": "UK"}}}
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data))
    return data


def test_schema_zero_file_is_migrated_after_a_backup_and_nothing_is_dropped(data_path, make_entry):
    original = schema_zero_file(data_path, make_entry)
    before = age_file(data_path)
    with open_journal(data_path) as journal:
        assert [e.day for e in journal.days()] == DAYS
        assert journal.settings().region == "UK"
    # The old file was backed up byte for byte before being rewritten.
    backups = list_backups(data_path)
    assert len(backups) == 1 and backups[0].path.read_bytes() == before.content
    migrated = parse_data_file(data_path, data_path.read_bytes())
    assert file_schema_version(migrated) == SCHEMA_VERSION
    # Every document of the old file is still somewhere in the new one.
    kept_documents = [doc for table in migrated.values() for doc in table.values()]
    for doc in original["_default"].values():
        assert doc in kept_documents, f"dropped by the migration: {doc}"
    assert migrated["settings"] == original["settings"]


def test_migrated_days_are_keyed_by_date(data_path, make_entry):
    schema_zero_file(data_path, make_entry)
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAYS[1], mood=1))
        assert journal.get_day(DAYS[1]).mood == 1
        assert journal.day_count() == len(DAYS)


def test_read_only_open_migrates_in_memory_only(data_path, make_entry):
    schema_zero_file(data_path, make_entry)
    before = age_file(data_path)
    with open_journal(data_path, read_only=True) as reader:
        assert [e.day for e in reader.days()] == DAYS
    assert file_state(data_path) == before
    assert list_backups(data_path) == []


def test_current_file_is_not_rewritten_on_open(data_path, today, make_entry):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(today))
    before = age_file(data_path)
    with open_journal(data_path) as journal:
        assert journal.get_day(today) == make_entry(today)
    assert file_state(data_path) == before
