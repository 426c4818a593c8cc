"""``taper-tui restore``: lists backups newest first, restores one, refuses while a writer is open."""

from __future__ import annotations

import os
from datetime import date

from tests.store.support import age_file, file_state
from tui.store.backups import list_backups
from tui.store.journal import open_journal


def log_three_versions(taper) -> None:
    for anxiety in ("1", "2", "3"):
        assert taper("log", "--date", "2027-03-14", "--anxiety", anxiety).returncode == 0


def test_no_backups_yet(taper, data_path):
    result = taper("restore")
    assert result.returncode == 1
    assert "no backups" in result.stderr and str(data_path) in result.stderr


def test_restore_puts_back_an_older_version_and_keeps_the_current_one(taper, data_path):
    log_three_versions(taper)
    current = data_path.read_bytes()
    listing = taper("restore")
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == f"Backups of {data_path}, newest first:"
    assert lines[1].strip().startswith("1 ") and lines[2].strip().startswith("2 ")

    result = taper("restore", "1")
    assert result.returncode == 0, result.stderr
    with open_journal(data_path, read_only=True) as journal:
        assert journal.get_day(date(2027, 3, 14)).anxiety == 2
    kept = [p for p in data_path.parent.iterdir() if ".replaced-" in p.name]
    assert [p.read_bytes() for p in kept] == [current]
    assert os.stat(data_path).st_mode & 0o777 == 0o600


def test_bad_number_is_a_usage_error(taper, data_path):
    log_three_versions(taper)
    before = age_file(data_path)
    for number in ("0", str(len(list_backups(data_path)) + 1)):
        result = taper("restore", number)
        assert result.returncode == 2
        assert result.stderr.startswith("taper-tui: number")
    assert file_state(data_path) == before


def test_restore_while_the_app_is_open_fails_clearly(taper, data_path):
    log_three_versions(taper)
    before = age_file(data_path)
    with open_journal(data_path):
        result = taper("restore", "1")
    assert result.returncode == 1
    assert f"process {os.getpid()}" in result.stderr and "Close it first" in result.stderr
    assert file_state(data_path) == before
    assert not [p for p in data_path.parent.iterdir() if ".replaced-" in p.name]


def test_after_the_time_zone_moves_west_import_names_the_backup_that_undoes_it(taper, data_path, tmp_path):
    """Travel from UTC+14 to UTC-12 between two runs: `restore N` as advised gives back the pre-import file."""
    east = {**os.environ, "TZ": "Etc/GMT-14"}
    west = {**os.environ, "TZ": "Etc/GMT+12"}
    for anxiety in ("1", "2"):
        assert taper("log", "--date", "2027-03-14", "--anxiety", anxiety, env=east).returncode == 0
    export = tmp_path / "other.json"
    other = tmp_path / "other" / "taper.json"
    assert taper("log", "--date", "2027-03-10", "--anxiety", "9", data=other).returncode == 0
    assert taper("export", "-o", str(export), data=other).returncode == 0
    before_import = data_path.read_bytes()
    imported = taper("import", "--replace", str(export), env=west)
    assert imported.returncode == 0, imported.stderr
    advice = [line for line in imported.stderr.splitlines() if "undo with" in line]
    assert len(advice) == 1
    number = advice[0].split("restore ")[1].rstrip("`)")
    restored = taper("restore", number, env=west)
    assert restored.returncode == 0, restored.stderr
    assert data_path.read_bytes() == before_import


def test_backups_folder_that_is_a_file_is_named_and_nothing_crashes(taper, data_path):
    assert taper("log", "--anxiety", "3").returncode == 0
    folder = data_path.with_name("taper.json.backups")
    for backup in folder.iterdir():
        backup.unlink()
    folder.rmdir()
    folder.write_text("not a folder")
    before = file_state(data_path)
    for args in (("log", "--anxiety", "4"), ("restore",), ("restore", "1")):
        result = taper(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert str(folder) in result.stderr and "Traceback" not in result.stderr
    assert file_state(data_path) == before
