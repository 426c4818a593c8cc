"""Files created safely in folders others may write to: no predictable temp names, no links followed.

Another user who can write to the data or export folder could pre-create the temp file a save
writes (and so own the data file), or plant a link there or at the lock (and make a save or
export write through it). Temp files are created exclusively under random names; links are
refused; folders taper-tui creates are 0700 under any umask; a folder or file others can
change is reported on start and by ``--version``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.file_modes import mode
from tui.core.entry import DayEntry
from tui.exchange.private_file import UnsafeDestination, write_private_file
from tui.store.journal import open_journal
from tui.store.lock import WriterLock

DAY = date(2027, 3, 15)


def test_a_pre_created_temp_file_at_the_old_predictable_name_is_not_used(data_path: Path) -> None:
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=DAY, anxiety=3))
        planted = data_path.with_name(f".{data_path.name}.{os.getpid()}.tmp")  # planted while the app is open
        planted.write_text("planted")
        os.chmod(planted, 0o666)
        planted_inode = os.stat(planted).st_ino
        journal.save_day(DayEntry(day=DAY, anxiety=4))
    assert mode(data_path) == 0o600
    assert os.stat(data_path).st_ino != planted_inode
    assert planted.read_text() == "planted"


def test_a_link_planted_at_the_old_temp_name_is_not_written_through(data_path: Path, tmp_path: Path) -> None:
    precious = tmp_path / "notes.txt"
    precious.write_text("my notes\n")
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=DAY, anxiety=3))
        data_path.with_name(f".{data_path.name}.{os.getpid()}.tmp").symlink_to(precious)
        journal.save_day(DayEntry(day=DAY, anxiety=4))
    assert precious.read_text() == "my notes\n"
    assert not data_path.is_symlink() and mode(data_path) == 0o600


def test_an_export_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    precious = tmp_path / "notes.txt"
    precious.write_text("my notes\n")
    target = tmp_path / "export.json"
    (tmp_path / f".export.json.{os.getpid()}.tmp").symlink_to(precious)
    write_private_file(target, b"{}\n")
    assert precious.read_text() == "my notes\n" and target.read_bytes() == b"{}\n"
    link = tmp_path / "linked-export.json"
    link.symlink_to(precious)
    with pytest.raises(UnsafeDestination):
        write_private_file(link, b"{}\n")
    assert precious.read_text() == "my notes\n" and link.is_symlink()


def test_the_lock_does_not_truncate_a_file_linked_in_its_place(data_path: Path, tmp_path: Path) -> None:
    precious = tmp_path / "notes.txt"
    precious.write_text("my notes\n")
    data_path.parent.mkdir()
    WriterLock(data_path).path.symlink_to(precious)
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=DAY, anxiety=4))
    assert precious.read_text() == "my notes\n"


def test_missing_parents_are_created_0700_under_umask_0(tmp_path: Path, permissive_umask) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = home / ".local" / "share" / "taper-tui" / "taper.json"
    with open_journal(data) as journal:
        journal.save_day(DayEntry(day=DAY, anxiety=4))
    for folder in (home / ".local", home / ".local" / "share", data.parent, data.with_name("taper.json.backups")):
        assert mode(folder) == 0o700, folder
    assert mode(data) == 0o600


def test_cli_under_umask_0_creates_the_default_folders_0700(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0); from tui.cli import main; sys.exit(main(sys.argv[1:]))",
            "--today",
            "2027-03-15",
            "log",
            "--anxiety",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    share = Path(os.environ["XDG_DATA_HOME"])
    assert share.is_relative_to(home)
    for folder in (home / ".local", share, share / "taper-tui"):
        assert mode(folder) == 0o700, folder


def test_a_folder_others_can_write_to_is_reported_on_start_and_by_version(data_path: Path) -> None:
    data_path.parent.mkdir()
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=DAY, anxiety=4))
    os.chmod(data_path.parent, 0o777)
    with open_journal(data_path, read_only=True) as journal:
        assert any("can be changed by other users" in w and str(data_path.parent) in w for w in journal.warnings)
    version = subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(data_path), "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0
    assert "can be changed by other users" in version.stderr and str(data_path.parent) in version.stderr
    os.chmod(data_path.parent, 0o700)
    quiet = subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(data_path), "--version"], capture_output=True, text=True, timeout=60
    )
    assert quiet.stderr == ""
