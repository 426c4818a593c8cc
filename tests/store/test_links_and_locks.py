"""A linked data file stays a link; one lock per real file; a lock no deleted or overwritten file takes away."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest

from tui.store.backups import backup_dir, list_backups
from tui.store.errors import BackupFolderUnusable, StoreLocked
from tui.store.journal import open_journal
from tui.store.lock import WriterLock
from tui.store.restore import restore_backup

DAY = date(2027, 3, 14)


@pytest.fixture
def linked(tmp_path, data_path, make_entry):
    """``synced/taper.json`` holds the data; ``data/taper.json`` is a link to it."""
    target = tmp_path / "synced" / "taper.json"
    with open_journal(target) as journal:
        journal.save_day(make_entry(DAY))
    data_path.parent.mkdir()
    data_path.symlink_to(target)
    return target


def test_saving_through_a_link_keeps_the_link_and_backs_up_the_target(linked, data_path, make_entry):
    before = linked.read_bytes()
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAY, anxiety=8))
    assert data_path.is_symlink() and data_path.resolve() == linked
    assert b'"anxiety": 8' in linked.read_bytes()
    assert backup_dir(data_path) == backup_dir(linked) == linked.with_name("taper.json.backups")
    assert list_backups(data_path)[0].path.read_bytes() == before


def test_restore_through_a_link_keeps_the_link(linked, data_path, make_entry):
    before = linked.read_bytes()
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAY, anxiety=8))
    kept = restore_backup(data_path, list_backups(data_path)[0], datetime(2027, 3, 15, 9, 0))
    assert data_path.is_symlink() and linked.read_bytes() == before
    assert kept is not None and kept.parent == linked.parent and b'"anxiety": 8' in kept.read_bytes()


@pytest.mark.parametrize("spelling", ["link", "dotdot", "dot"])
def test_one_lock_per_real_file_whatever_the_spelling(linked, data_path, spelling):
    other = {
        "link": data_path,
        "dotdot": linked.parent / ".." / linked.parent.name / "taper.json",
        "dot": linked.parent / "." / "taper.json",
    }[spelling]
    with open_journal(linked), pytest.raises(StoreLocked):
        open_journal(other)


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(data_path, make_entry):
    with open_journal(data_path) as first:
        first.save_day(make_entry(DAY))
        WriterLock(data_path).path.unlink()
        with pytest.raises(StoreLocked):
            open_journal(data_path)


def test_overwriting_the_lock_file_does_not_let_a_second_writer_in(data_path, tmp_path, make_entry):
    with open_journal(data_path) as first:
        first.save_day(make_entry(DAY))
        replacement = tmp_path / "export.json"
        replacement.write_text("{}")
        os.replace(replacement, WriterLock(data_path).path)
        with pytest.raises(StoreLocked):
            open_journal(data_path)


def test_a_link_planted_as_the_lock_file_is_not_followed_nor_emptied(data_path, tmp_path):
    precious = tmp_path / "notes.txt"
    precious.write_text("my notes\n")
    data_path.parent.mkdir()
    WriterLock(data_path).path.symlink_to(precious)
    with open_journal(data_path):
        pass
    assert precious.read_text() == "my notes\n"


def test_a_link_planted_as_the_backups_folder_is_refused(data_path, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data_path.parent.mkdir()
    backup_dir(data_path).symlink_to(elsewhere)
    with pytest.raises(BackupFolderUnusable) as refused:
        open_journal(data_path)
    assert str(backup_dir(data_path)) in str(refused.value)
    assert os.listdir(elsewhere) == []
