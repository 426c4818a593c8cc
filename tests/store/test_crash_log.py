"""Crash logs: a traceback without local variables, 0600, beside the data file (or in the temp folder)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.file_modes import mode
from tui.store.crash_log import write_crash_log

WHEN = datetime(2027, 3, 15, 21, 4, tzinfo=UTC)
NOTE = "woke at 3, heart racing"


def _failing_save(note: str) -> None:
    dose = "0.125"  # locals like these hold health data
    raise RuntimeError(f"save failed after {len(note) + len(dose)} characters")


def _caught() -> RuntimeError:
    try:
        _failing_save(NOTE)
    except RuntimeError as error:
        return error
    raise AssertionError("expected an error")


def test_crash_log_beside_the_data_file_holds_the_traceback_and_no_locals(data_path: Path) -> None:
    data_path.parent.mkdir()
    log = write_crash_log(data_path, _caught(), WHEN)
    assert log.parent == data_path.parent and log.name.startswith("taper-tui-crash-20270315T210400-")
    assert mode(log) == 0o600
    text = log.read_text()
    assert "2027-03-15 21:04:00 UTC" in text
    assert "_failing_save" in text and "RuntimeError: save failed after 28 characters" in text
    assert "heart racing" not in text and "0.125" not in text


def test_crash_log_falls_back_to_the_temp_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    log = write_crash_log(tmp_path / "missing-folder" / "taper.json", _caught(), WHEN)
    assert log.parent == tmp_path / "tmp" and mode(log) == 0o600
    two = write_crash_log(None, _caught(), WHEN)
    assert two != log and two.parent == tmp_path / "tmp"
