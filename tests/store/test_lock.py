"""One writer at a time: a second writer is refused (or read-only); a dead writer's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.store.support import age_file, file_state
from tui.store.errors import StoreLocked, StoreReadOnly
from tui.store.journal import open_journal

HOLDER_SCRIPT = """
import sys
from tui.store.journal import open_journal
journal = open_journal(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()  # hold the lock until told to go
journal.close()
"""


def start_lock_holder(path: Path) -> subprocess.Popen:
    """Another process that opens ``path`` for writing and holds it until its stdin is closed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line == "locked\n", process.stderr.read()
    return process


def test_second_writer_in_the_same_process_is_refused_naming_the_pid(data_path, today, make_entry):
    with open_journal(data_path) as first:
        first.save_day(make_entry(today))
        with pytest.raises(StoreLocked) as refused:
            open_journal(data_path)
        assert refused.value.pid == os.getpid()
        assert f"process {os.getpid()}" in str(refused.value)
        assert str(data_path) in str(refused.value)
        first.save_day(make_entry(today, anxiety=5))  # the first writer is unaffected
    with open_journal(data_path) as again:  # closing released the lock
        assert again.get_day(today).anxiety == 5
        assert again.warnings == []


def test_fall_back_to_read_only_sees_the_data_but_cannot_save(data_path, today, make_entry):
    with open_journal(data_path) as writer:
        writer.save_day(make_entry(today))
        before = age_file(data_path)
        with open_journal(data_path, fall_back_to_read_only=True) as reader:
            assert reader.read_only
            assert reader.locked_by == os.getpid()
            assert reader.get_day(today) == make_entry(today)
            with pytest.raises(StoreReadOnly) as refused:
                reader.save_day(make_entry(today, anxiety=9))
            assert str(data_path) in str(refused.value)
            with pytest.raises(StoreReadOnly):
                reader.delete_day(today)
            with pytest.raises(StoreReadOnly):
                reader.update_settings(region="UK")
            assert file_state(data_path) == before
            # The reader notices the writer's later saves.
            writer.save_day(make_entry(date(2027, 3, 14)))
            assert reader.get_day(date(2027, 3, 14)) == make_entry(date(2027, 3, 14))


def test_a_reader_does_not_block_the_writer(data_path, today, make_entry):
    with open_journal(data_path) as writer:
        writer.save_day(make_entry(today))
    with open_journal(data_path, read_only=True) as reader, open_journal(data_path) as writer:
        writer.save_day(make_entry(today, mood=1))
        assert reader.get_day(today).mood == 1


def test_another_process_holding_the_lock_is_named(data_path, today, make_entry):
    holder = start_lock_holder(data_path)
    try:
        with pytest.raises(StoreLocked) as refused:
            open_journal(data_path)
        assert refused.value.pid == holder.pid
        assert f"process {holder.pid}" in str(refused.value)
        with open_journal(data_path, fall_back_to_read_only=True) as reader:
            assert reader.read_only and reader.locked_by == holder.pid
    finally:
        holder.communicate("", timeout=10)  # closing stdin lets it close the journal
    assert holder.returncode == 0
    with open_journal(data_path) as writer:  # released cleanly: no take-over to report
        assert writer.warnings == []
        writer.save_day(make_entry(today))


def test_lock_of_a_killed_process_is_taken_over_with_a_warning(data_path, today, make_entry):
    holder = start_lock_holder(data_path)
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=10)
    with open_journal(data_path) as writer:
        assert any(f"process {holder.pid}" in w and "no longer running" in w for w in writer.warnings)
        writer.save_day(make_entry(today))
        assert writer.get_day(today) == make_entry(today)
