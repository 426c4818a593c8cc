"""``log`` and ``status`` check only the days they use: a day they do not touch is left as it is.

A day far in the past that does not validate (a hand-edited ``"anxiety": 12``) or holds a field
this version does not know stops neither command: ``status`` reads today and the plan, ``log``
reads and writes its one day and writes every other day back exactly as the file held it.
(``export`` checks every day and refuses such a file: tests/cli/test_export_cli.py.)
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from tests.cli.conftest import TODAY
from tui.core.entry import DayEntry, Intake
from tui.store.atomic_storage import dump_bytes
from tui.store.journal import open_journal

PAST = date(2019, 6, 1)
ODD = date(2019, 6, 2)


def _file_with_two_odd_days(path) -> dict:
    with open_journal(path) as journal:
        for day in (PAST, ODD, date.fromisoformat(TODAY)):
            journal.save_day(DayEntry(day=day, intakes=(Intake(Decimal("0.5"), "08:00"),), anxiety=2))
    data = json.loads(path.read_text())
    data["entries"][str(PAST.toordinal())]["anxiety"] = 12
    data["entries"][str(ODD.toordinal())]["mood_colour"] = "teal"
    path.write_bytes(dump_bytes(data))
    return data


def test_status_reads_today_past_a_bad_day_long_ago(taper, data_path):
    _file_with_two_odd_days(data_path)
    before = data_path.read_bytes()
    result = taper("status", "--format", "{logged_mg}")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "0.5", "")
    assert data_path.read_bytes() == before


def test_log_writes_its_day_and_every_other_day_back_as_it_was(taper, data_path):
    data = _file_with_two_odd_days(data_path)
    result = taper("log", "--date", "2027-03-14", "--anxiety", "3")
    assert result.returncode == 0, result.stderr
    after = json.loads(data_path.read_text())
    logged = after["entries"].pop(str(date(2027, 3, 14).toordinal()))
    assert logged["anxiety"] == 3
    assert after == data  # the bad day, the unknown field and today, unchanged
