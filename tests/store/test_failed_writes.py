"""A save that fails (disk full, read-only folder) says so clearly and leaves the file as it was.

The failure is simulated by making one system call raise, at each step of the atomic write.
Afterwards the journal must not remember the failed change, and must save again once the
cause is gone.
"""

from __future__ import annotations

import errno
import os
from datetime import date

import pytest

from tests.store.support import age_file, file_state
from tui.store.backups import list_backups
from tui.store.errors import StoreError, StoreWriteFailed
from tui.store.journal import open_journal

DAY = date(2027, 3, 14)
NEW_DAY = date(2027, 3, 15)


def failing(real, error_number: int, only_when=lambda *args: True):
    """Wrap an ``os`` function so it raises ``OSError(error_number)`` (when ``only_when`` says so)."""

    def fake(*args, **kwargs):
        if only_when(*args):
            raise OSError(error_number, os.strerror(error_number))
        return real(*args, **kwargs)

    return fake


def creating(path, flags, *rest) -> bool:
    return bool(flags & os.O_CREAT)


FAILURES = {
    "disk full on write": ("write", errno.ENOSPC, lambda *a: True),
    "disk full on fsync": ("fsync", errno.ENOSPC, lambda *a: True),
    "I/O error on rename": ("replace", errno.EIO, lambda *a: True),
    "read-only folder": ("open", errno.EACCES, creating),
    "read-only file system": ("open", errno.EROFS, creating),
}


@pytest.fixture
def journal(data_path, make_entry):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAY))
        yield journal


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_failed_save_is_reported_and_changes_nothing(failure, journal, data_path, make_entry, monkeypatch):
    name, error_number, only_when = FAILURES[failure]
    before = age_file(data_path)
    with monkeypatch.context() as patched:
        patched.setattr(os, name, failing(getattr(os, name), error_number, only_when))
        with pytest.raises(StoreWriteFailed) as failed:
            journal.save_day(make_entry(DAY, anxiety=9, note="changed"))
        with pytest.raises(StoreWriteFailed):
            journal.save_day(make_entry(NEW_DAY))
        with pytest.raises(StoreWriteFailed):
            journal.delete_day(DAY)

    message = str(failed.value)
    assert str(data_path) in message
    assert os.strerror(error_number) in message
    assert "unchanged" in message
    assert file_state(data_path) == before
    assert [n for n in os.listdir(data_path.parent) if n.endswith(".tmp")] == []
    # The journal forgot the failed changes: it shows what is on disk.
    assert journal.get_day(DAY) == make_entry(DAY)
    assert journal.get_day(NEW_DAY) is None
    assert journal.day_count() == 1

    # Space is back: the next save works and holds only what was saved since.
    journal.save_day(make_entry(NEW_DAY))
    assert journal.get_day(DAY) == make_entry(DAY)
    with open_journal(data_path, read_only=True) as reader:
        assert reader.days() == [make_entry(DAY), make_entry(NEW_DAY)]
    # The caller kept the entry: saving it again now succeeds.
    journal.save_day(make_entry(DAY, anxiety=9, note="changed"))
    assert journal.get_day(DAY).anxiety == 9


def test_failed_batch_writes_nothing(journal, data_path, make_entry, monkeypatch):
    before = age_file(data_path)
    with monkeypatch.context() as patched:
        patched.setattr(os, "write", failing(os.write, errno.ENOSPC))
        with pytest.raises(StoreWriteFailed):
            journal.save_plan({"drug": "clonazepam"}, {"at": "2027-03-15T08:00:00", "kind": "plan_created"})
        with pytest.raises(StoreWriteFailed):
            journal.replace_all([make_entry(NEW_DAY)], None, [])
    assert file_state(data_path) == before
    assert journal.get_plan() is None and journal.events() == []
    assert journal.days() == [make_entry(DAY)]
    journal.save_plan({"drug": "clonazepam"})
    assert journal.get_plan() == {"drug": "clonazepam"}


def test_failed_settings_change_is_forgotten(journal, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(os, "write", failing(os.write, errno.ENOSPC))
        with pytest.raises(StoreWriteFailed):
            journal.update_settings(region="UK")
    assert journal.settings().region == "US"


def test_new_file_in_a_full_disk_is_a_clear_error(data_path, monkeypatch):
    monkeypatch.setattr(os, "write", failing(os.write, errno.ENOSPC))
    with pytest.raises(StoreWriteFailed) as failed:
        open_journal(data_path)
    assert str(data_path) in str(failed.value)
    assert not data_path.exists()
    monkeypatch.undo()
    with open_journal(data_path) as journal:  # the failed open released the lock
        assert journal.is_new


def test_opening_in_a_read_only_folder_is_a_store_error(data_path, monkeypatch):
    """Even the lock file cannot be created: say so as a store error, not a traceback."""
    data_path.parent.mkdir(mode=0o700)
    monkeypatch.setattr(os, "open", failing(os.open, errno.EACCES, creating))
    with pytest.raises(StoreError) as failed:
        open_journal(data_path)
    assert str(data_path.parent) in str(failed.value)
    assert os.strerror(errno.EACCES) in str(failed.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0500 folder anyway (the simulated cases cover it)")
def test_really_read_only_folder(journal, data_path, make_entry):
    before = age_file(data_path)
    os.chmod(data_path.parent, 0o500)
    try:
        with pytest.raises(StoreWriteFailed) as failed:
            journal.save_day(make_entry(NEW_DAY))
        assert os.strerror(errno.EACCES) in str(failed.value)
        assert file_state(data_path) == before
    finally:
        os.chmod(data_path.parent, 0o700)
    journal.save_day(make_entry(NEW_DAY))
    assert journal.day_count() == 2


def test_failed_write_keeps_backups_bounded(journal, data_path, make_entry, monkeypatch):
    """A rename failing after the backup link must not make the backups grow on each retry."""
    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", failing(os.replace, errno.EIO))
        for _ in range(30):
            with pytest.raises(StoreWriteFailed):
                journal.save_day(make_entry(NEW_DAY))
    assert len(list_backups(data_path)) <= 10
