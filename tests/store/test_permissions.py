"""Health data stays private: folder 0700, file 0600 (backups and lock too), a warning if it is not."""

from __future__ import annotations

import os

from tests.file_modes import mode
from tui.store.backups import backup_dir, list_backups
from tui.store.journal import open_journal
from tui.store.lock import WriterLock


def test_new_data_folder_file_lock_and_backups_are_private(data_path, today, make_entry, permissive_umask):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(today))
        journal.save_day(make_entry(today, mood=2))
        assert journal.warnings == []
    assert mode(data_path.parent) == 0o700
    assert mode(data_path) == 0o600
    assert mode(WriterLock(data_path).path) == 0o600
    assert mode(backup_dir(data_path)) == 0o700
    assert {mode(b.path) for b in list_backups(data_path)} == {0o600}


def test_group_readable_file_is_warned_about_and_saved_back_as_0600(data_path, today, make_entry):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(today))
    os.chmod(data_path, 0o644)
    with open_journal(data_path, read_only=True) as reader:
        assert any(str(data_path) in w and "644" in w and "chmod 600" in w for w in reader.warnings)
    with open_journal(data_path) as journal:
        assert any("644" in w for w in journal.warnings)
        journal.save_day(make_entry(today, mood=1))
    assert mode(data_path) == 0o600
    with open_journal(data_path) as journal:
        assert journal.warnings == []


def test_existing_folder_keeps_its_mode(tmp_path, make_entry, today):
    """We create the folder 0700 but never chmod a folder the person made (it may be shared)."""
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    with open_journal(folder / "taper.json") as journal:
        journal.save_day(make_entry(today))
    assert mode(folder) == 0o755
    assert mode(folder / "taper.json") == 0o600
