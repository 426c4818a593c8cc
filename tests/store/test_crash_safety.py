"""A writer killed with SIGKILL at any moment never costs a day whose save had returned.

A child process opens the journal and saves days in a loop, printing ``<date> <counter>`` only
after ``save_day`` returned. The test kills it at random moments (during start-up, the lock
take-over, the first write of a new file, and mid-save), then checks that the file parses and
holds, for every date, the last reported save or a later one. The next child takes over the
dead child's lock. ``TAPER_CRASH_KILLS`` sets the number of kills (default 200; soak: 1000).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.core.entry import DayEntry
from tui.store.atomic_storage import parse_data_file
from tui.store.backups import KEEP_DAILY_DAYS, KEEP_LAST_SAVES, backup_dir, list_backups
from tui.store.journal import open_journal

KILLS = int(os.environ.get("TAPER_CRASH_KILLS", "200"))
DAYS_IN_ROTATION = 60
"""The child cycles over this many dates, so the file stays small while every save rewrites it."""

# The child imports only the store and the core model (no Textual), so it starts in ~50 ms.
CHILD_SCRIPT = f"""
import sys
from datetime import date, timedelta
from tui.core.entry import DayEntry
from tui.store.journal import open_journal

path, counter = sys.argv[1], int(sys.argv[2])
first_day = date(2027, 1, 1)
journal = open_journal(path)
while True:
    day = first_day + timedelta(days=counter % {DAYS_IN_ROTATION})
    journal.save_day(DayEntry(day=day, anxiety=counter % 11, note=f"save {{counter}}"))
    sys.stdout.write(f"{{day.isoformat()}} {{counter}}\\n")
    sys.stdout.flush()
    counter += 1
"""


def _kill_at_random_moment(process: subprocess.Popen, rng: random.Random) -> None:
    """SIGKILL the child now-ish: a quarter of the time blindly, else once it is saving."""
    if rng.random() < 0.25:
        time.sleep(rng.uniform(0, 0.08))  # may land in start-up, the lock take-over or the first write
    else:
        ready, _, _ = select.select([process.stdout], [], [], 10)
        assert ready, "the child never reported a save"
        time.sleep(rng.uniform(0, 0.015))
    process.send_signal(signal.SIGKILL)


def _reported_saves(stdout: bytes) -> list[tuple[str, int]]:
    """``(date, counter)`` for each complete line; a torn last line was not reported."""
    lines = stdout.decode("ascii").split("\n")[:-1]
    return [(day, int(counter)) for day, counter in (line.split() for line in lines)]


def _saved_counters(path: Path) -> dict[str, int]:
    """Parse the file as the store would and return the counter of each stored date."""
    data = parse_data_file(path, path.read_bytes())
    counters = {}
    for record in data.get("entries", {}).values():
        entry = DayEntry.from_record(record)
        counters[entry.day.isoformat()] = int(entry.note.removeprefix("save "))
    return counters


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_reported_save(data_path: Path) -> None:
    rng = random.Random(int(os.environ.get("TAPER_CRASH_SEED", "20270315")))
    last_reported: dict[str, int] = {}
    counter = 0
    kills_mid_save = 0
    for kill in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, "-c", CHILD_SCRIPT, str(data_path), str(counter)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            _kill_at_random_moment(process, rng)
            stdout, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.returncode == -signal.SIGKILL, f"kill {kill}: the child died by itself:\n{stderr.decode()}"
        assert not stderr, f"kill {kill}: the child reported an error:\n{stderr.decode()}"
        reported = _reported_saves(stdout)
        for day, saved in reported:
            last_reported[day] = saved
        counter += 10_000  # the next child counts on from a higher number, so "later" is "larger"
        if not last_reported and not data_path.exists():
            continue
        stored = _saved_counters(data_path)
        missing = {day: n for day, n in last_reported.items() if stored.get(day, -1) < n}
        assert not missing, f"kill {kill}: reported saves missing from the file: {missing}"
        kills_mid_save += bool(reported)

    assert kills_mid_save >= KILLS // 2, "too few kills landed while the child was saving"
    with open_journal(data_path) as journal:
        assert journal.warnings and "no longer running" in journal.warnings[0]
        # A save can finish in the instant before its report is printed, so ">=" and not "==".
        assert {entry.day.isoformat() for entry in journal.days()} >= set(last_reported)
    # Backups rotate and temp files of killed writers are cleaned up: nothing grows with the kills.
    assert len(list_backups(data_path)) <= KEEP_LAST_SAVES + KEEP_DAILY_DAYS
    assert len(os.listdir(backup_dir(data_path))) <= KEEP_LAST_SAVES + KEEP_DAILY_DAYS
    leftovers = [name for name in os.listdir(data_path.parent) if name.endswith(".tmp")]
    assert leftovers == []
