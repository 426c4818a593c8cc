"""The data file changes underneath an open journal: deleted, replaced, damaged, touched, or saved by the writer.

A writer never writes over such a file (nor writes a new one-day file where a journal went
missing); it says so with :class:`DataFileChanged` and can reload. A read-only journal follows
the file and can become the writer when the lock frees.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.store.support import age_file, file_state
from tui.store.atomic_storage import dump_bytes
from tui.store.errors import DataFileChanged, DataFileUnreadable
from tui.store.journal import open_journal

DAY = date(2027, 3, 14)
NEXT = date(2027, 3, 15)


@pytest.fixture
def journal(data_path, make_entry):
    with open_journal(data_path) as journal:
        journal.update_settings(drug="clonazepam")
        journal.save_day(make_entry(DAY))
        yield journal


def _replace_by_another_program(path, data) -> None:
    temp = path.with_name("other.tmp")
    temp.write_bytes(dump_bytes(data))
    os.replace(temp, path)


def test_deleted_file_is_not_replaced_by_a_one_day_file(journal, data_path, make_entry):
    data_path.unlink()
    assert journal.changed_on_disk()
    with pytest.raises(DataFileChanged) as changed:
        journal.save_day(make_entry(NEXT))
    assert "deleted" in str(changed.value) and str(data_path) in str(changed.value)
    assert "restore" in str(changed.value)
    assert not data_path.exists()
    assert journal.get_day(DAY) == make_entry(DAY)  # what was read is still shown, not an empty log
    with pytest.raises(DataFileChanged):
        journal.reload()  # still gone: reloading does not start an empty journal either
    with pytest.raises(DataFileChanged):
        journal.save_day(make_entry(NEXT))
    assert not data_path.exists()


def test_file_replaced_by_another_program_is_not_overwritten(journal, data_path, make_entry):
    theirs = make_entry(NEXT, note="written elsewhere")
    data = {
        "meta": {"1": {"format": "taper-tui", "schema_version": 1}},
        "entries": {str(NEXT.toordinal()): theirs.to_record()},
    }
    _replace_by_another_program(data_path, data)
    their_state = file_state(data_path)
    assert journal.changed_on_disk()
    with pytest.raises(DataFileChanged) as changed:
        journal.save_day(make_entry(DAY, anxiety=9))
    assert "changed by another program" in str(changed.value)
    assert file_state(data_path) == their_state
    journal.reload()
    assert not journal.changed_on_disk()
    assert journal.get_day(NEXT) == theirs and journal.get_day(DAY) is None
    journal.save_day(make_entry(DAY, anxiety=9))  # after the reload, saving works and keeps theirs
    assert journal.get_day(NEXT) == theirs and journal.get_day(DAY).anxiety == 9


def test_damaged_file_is_reported_not_crashed_on_nor_overwritten(journal, data_path, make_entry):
    data_path.write_bytes(b'{"entries": {"7')
    damaged = file_state(data_path)
    assert journal.get_day(DAY) == make_entry(DAY)  # reading keeps the last good reading
    with pytest.raises(DataFileChanged) as changed:
        journal.save_day(make_entry(DAY, anxiety=9))
    assert "damaged" in str(changed.value)
    assert file_state(data_path) == damaged
    with pytest.raises(DataFileUnreadable):
        journal.reload()
    with pytest.raises(DataFileChanged):
        journal.save_day(make_entry(DAY, anxiety=9))
    assert file_state(data_path) == damaged


def test_a_touched_file_is_still_ours(journal, data_path, make_entry):
    age_file(data_path)
    assert not journal.changed_on_disk()
    journal.save_day(make_entry(NEXT))
    assert journal.get_day(NEXT) == make_entry(NEXT)


def test_a_batch_refuses_before_changing_anything(journal, data_path, make_entry):
    data_path.unlink()
    with pytest.raises(DataFileChanged), journal.batch():
        journal.save_day(make_entry(NEXT))
    assert not data_path.exists()


def test_read_only_copy_follows_the_writer_and_becomes_writer_when_it_quits(data_path, make_entry):
    writer = open_journal(data_path)
    writer.save_day(make_entry(DAY))
    reader = open_journal(data_path, fall_back_to_read_only=True)
    assert reader.read_only
    writer.save_day(make_entry(NEXT))
    assert reader.changed_on_disk()
    assert reader.get_day(NEXT) == make_entry(NEXT)  # followed without asking
    assert not reader.changed_on_disk()
    assert reader.try_become_writer() is False and reader.read_only
    writer.close()
    assert reader.try_become_writer() is True
    assert not reader.read_only and reader.locked_by is None
    reader.save_day(make_entry(NEXT, anxiety=8))
    assert [d.day for d in reader.days()] == [DAY, NEXT]
    reader.close()
    with open_journal(data_path) as again:
        assert again.get_day(NEXT).anxiety == 8


def test_read_only_copy_keeps_its_last_good_reading_of_a_damaged_file(data_path, make_entry):
    with open_journal(data_path) as writer:
        writer.save_day(make_entry(DAY))
    with open_journal(data_path, read_only=True) as reader:
        assert reader.get_day(DAY) == make_entry(DAY)
        data_path.write_bytes(b"garbage")
        assert reader.changed_on_disk()
        assert reader.get_day(DAY) == make_entry(DAY)
