"""A file that does not parse, or comes from a newer taper-tui, is never touched — and can be restored.

Each damaged file is checked byte for byte (and by inode and mtime) after every way of opening
it; the error names the file; ``taper-tui restore`` then lists the backups, restores one and
keeps the damaged file aside.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from tests.store.support import age_file, file_state
from tui.store.atomic_storage import parse_data_file
from tui.store.backups import list_backups
from tui.store.errors import DataFileTooNew, DataFileUnreadable, StoreError
from tui.store.journal import open_journal

FIRST_DAY = date(2027, 3, 1)


def write_history(path: Path, make_entry, days: int = 5) -> None:
    """Log ``days`` days, one save each, so the backup folder has something to offer."""
    with open_journal(path) as journal:
        for offset in range(days):
            journal.save_day(make_entry(FIRST_DAY + timedelta(days=offset)))


def newer_schema(valid: bytes) -> bytes:
    data = orjson.loads(valid)
    data["meta"]["1"]["schema_version"] = 99
    return orjson.dumps(data)


DAMAGE = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "garbage": lambda valid: b"\x00\xff\xfe garbage {{{ \x89PNG\r\n" * 20,
    "empty": lambda valid: b"",
    "whitespace": lambda valid: b"  \n\n",
    "not tables": lambda valid: b'["2027-03-01", 0.25]',
    "documents not objects": lambda valid: b'{"entries": {"738945": 5}}',
    "newer schema": newer_schema,
}


@pytest.fixture(params=sorted(DAMAGE))
def damaged(request, data_path, make_entry) -> tuple[str, Path]:
    """A data file with history and backups, then damaged one way; returns (kind, path)."""
    write_history(data_path, make_entry)
    data_path.write_bytes(DAMAGE[request.param](data_path.read_bytes()))
    return request.param, data_path


def expected_error(kind: str) -> type[StoreError]:
    return DataFileTooNew if kind == "newer schema" else DataFileUnreadable


@pytest.mark.parametrize(
    "how",
    [{}, {"read_only": True}, {"fall_back_to_read_only": True}],
    ids=["writer", "read-only", "fallback"],
)
def test_damaged_file_is_reported_and_left_byte_for_byte(damaged, how):
    kind, path = damaged
    before = age_file(path)
    backups_before = list_backups(path)
    with pytest.raises(expected_error(kind)) as refused:
        open_journal(path, **how)
    assert str(path) in str(refused.value)
    assert refused.value.path == path
    hint = "Upgrade taper-tui" if kind == "newer schema" else "restore"
    assert hint in str(refused.value)
    assert file_state(path) == before
    assert list_backups(path) == backups_before  # no save happened, so no backup either


def test_a_failed_open_releases_the_lock(damaged):
    kind, path = damaged
    for _ in range(2):  # the second attempt reports the damage again, not a lock held by the first
        with pytest.raises(expected_error(kind)):
            open_journal(path)


def test_cli_commands_leave_the_damaged_file_alone(damaged):
    _kind, path = damaged
    before = age_file(path)
    for command in (["log", "--date", "2027-03-10", "--anxiety", "3"], ["export"], ["log", "--anxiety", "3"]):
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--data", str(path), "--today", "2027-03-15", *command],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1, result.stderr
        assert str(path) in result.stderr
        assert "Traceback" not in result.stderr
        assert file_state(path) == before


def test_restore_lists_backups_and_restores_one_keeping_the_damaged_file_aside(damaged):
    _kind, path = damaged
    damaged_state = age_file(path)
    command = [sys.executable, "-m", "tui", "--data", str(path), "restore"]

    listing = subprocess.run(command, capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    backups = list_backups(path)
    assert len(backups) == 5  # one per save that replaced the file
    assert f"Backups of {path}" in listing.stdout
    assert "4 days" in listing.stdout.splitlines()[1]  # newest first: the file before the 5th save

    restored = subprocess.run([*command, "1"], capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr
    assert path.read_bytes() == backups[0].path.read_bytes()
    kept = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".replaced-")]
    assert len(kept) == 1 and str(kept[0]) in restored.stdout
    assert file_state(kept[0]).content == damaged_state.content
    assert kept[0].stat().st_mtime_ns == damaged_state.mtime_ns
    with open_journal(path) as journal:
        assert [e.day for e in journal.days()] == [FIRST_DAY + timedelta(days=n) for n in range(4)]


def test_restoring_twice_keeps_every_replaced_file(data_path, make_entry):
    """Two restores in the same second must not overwrite the first kept-aside file."""
    write_history(data_path, make_entry)
    data_path.write_bytes(b"damaged")
    command = [sys.executable, "-m", "tui", "--data", str(data_path), "restore"]
    for number in ("1", "2"):
        result = subprocess.run([*command, number], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    kept = sorted(p for p in data_path.parent.iterdir() if ".replaced-" in p.name)
    assert len(kept) == 2
    assert b"damaged" in [p.read_bytes() for p in kept]


def test_a_damaged_backup_is_not_restored(data_path, make_entry):
    write_history(data_path, make_entry)
    newest = list_backups(data_path)[0]
    newest.path.write_bytes(b"{ half")
    before = age_file(data_path)
    command = [sys.executable, "-m", "tui", "--data", str(data_path), "restore"]
    listing = subprocess.run(command, capture_output=True, text=True)
    assert "unreadable" in listing.stdout.splitlines()[1]
    result = subprocess.run([*command, "1"], capture_output=True, text=True)
    assert result.returncode == 1
    assert str(newest.path) in result.stderr
    assert file_state(data_path) == before


def test_parse_pins_orjson_behaviour_for_nan():
    """orjson reads NaN as invalid JSON: a hand-edited NaN makes the file unreadable, not zero."""
    with pytest.raises(DataFileUnreadable):
        parse_data_file(Path("taper.json"), b'{"entries": {"1": {"mood": NaN}}}')
