"""Whatever goes wrong, one message naming the file or value, what is wrong and what to do — never a traceback.

Exit 1 for a problem at run time, 2 for a bad argument; a closed pipe ends quietly; anything
unexpected leaves a 0600 crash log without local variables, whose path is printed.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date

import pytest

from tests.file_modes import mode
from tests.store.support import age_file, file_state
from tui import cli
from tui.commands import export
from tui.core.entry import DayEntry
from tui.store.journal import open_journal


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("taper-tui:") >= 1


def test_data_path_that_is_a_folder(taper, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for args in (("log", "--anxiety", "3"), ("export",), ("restore",)):
        result = taper(*args, data=folder)
        assert result.returncode == 1, args
        _no_traceback(result)
        assert f"{folder} is a folder" in result.stderr and "--data" in result.stderr
    assert os.listdir(folder) == []


def test_a_named_pipe_as_data_file_is_refused_without_hanging(taper, tmp_path):
    fifo = tmp_path / "taper.json"
    os.mkfifo(fifo)
    for args in (("log", "--anxiety", "3"), ("export",), ("restore",)):
        result = taper(*args, data=fifo)  # the fixture's timeout would fail a hang
        assert result.returncode == 1, args
        _no_traceback(result)
        assert "named pipe" in result.stderr and str(fifo) in result.stderr


def test_export_to_a_folder_or_the_stores_own_files_is_a_usage_error(taper, data_path):
    assert taper("log", "--anxiety", "3").returncode == 0
    for target in (
        "/",
        str(data_path),
        f"{data_path}.lock",
        f"{data_path}.backups",
        f"{data_path}.backups/x.json",
        f"{data_path}.draft",
    ):
        result = taper("export", "-o", target)
        assert result.returncode == 2, target
        _no_traceback(result)
        assert "-o" in result.stderr and target in result.stderr


def test_output_to_a_full_disk_is_one_message(taper, data_path):
    assert taper("log", "--anxiety", "3").returncode == 0
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--data", str(data_path), "export"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "No space left on device" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_closed_pipe_ends_quietly(data_path):
    """``taper-tui plan … | head -1``: a long plan whose reader stops after one line."""
    for _ in range(3):  # whether the pipe closes before or after the last write varies: try a few times
        result = subprocess.run(
            [
                "bash",
                "-c",
                f"{sys.executable} -m tui --data {data_path} plan --drug diazepam --dose 40 --cut 1 --every 1 | head -1",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.count("\n") == 1
        assert result.stderr == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"entries": {"abc": {"date": "2026-11-01"}}}', '"abc" is not a day number'),
        ('{"meta": {"1": {"schema_version": -1}}}', 'schema_version "-1"'),
        (f'{{"entries": {{"{date(2026, 11, 1).toordinal()}": {{"date": "2026-11-29"}}}}}}', "2026-11-01"),
    ],
)
def test_hand_edited_files_are_refused_naming_the_entry(taper, data_path, text, expected):
    data_path.parent.mkdir()
    data_path.write_text(text)
    before = age_file(data_path)
    for args in (("log", "--date", "2026-11-29", "--anxiety", "3"), ("export",)):
        result = taper(*args)
        assert result.returncode == 1
        _no_traceback(result)
        assert expected in result.stderr and str(data_path) in result.stderr
    assert file_state(data_path) == before


def test_restore_on_a_read_only_file_system(data_path, monkeypatch, capsys):
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=date(2027, 3, 14), anxiety=2))
        journal.save_day(DayEntry(day=date(2027, 3, 14), anxiety=3))
    before = file_state(data_path)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "link", read_only)
    code = cli.main(["--data", str(data_path), "restore", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "read-only" in err and "Traceback" not in err
    assert file_state(data_path) == before


def test_unexpected_error_writes_a_private_crash_log_without_the_data(data_path, monkeypatch, capsys):
    with open_journal(data_path) as journal:
        journal.save_day(DayEntry(day=date(2027, 3, 14), anxiety=2, note="my private note"))

    def broken(args):
        note = "my private note"  # a local holding health data: must not reach the log
        raise ValueError(f"a bug ({len(note)} characters)")

    monkeypatch.setattr(export, "run", broken)
    code = cli.main(["--data", str(data_path), "export"])
    err = capsys.readouterr().err
    assert code == 1
    assert "unexpected error: ValueError" in err and "Traceback" not in err
    logs = list(data_path.parent.glob("taper-tui-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert mode(logs[0]) == 0o600
    text = logs[0].read_text()
    assert "ValueError: a bug (15 characters)" in text and "broken" in text
    assert "my private note" not in text
