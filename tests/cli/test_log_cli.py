"""``taper-tui log``: bad values exit 2 naming the flag and write nothing; good ones update one day."""

from __future__ import annotations

import os
from datetime import date

import orjson
import pytest

from tests.store.support import age_file, file_state
from tui.store.journal import open_journal

BAD_VALUES = [
    ("--date", ["--date", "2027-13-01"]),
    ("--date", ["--date", "tomorrow"]),
    ("--date", ["--date", "2027-03-16"]),  # after --today: the log is for days up to today
    ("--date", ["--date", "15/03/2027"]),
    ("--dose", ["--dose", "abc"]),
    ("--dose", ["--dose", "-0.25"]),
    ("--dose", ["--dose", "0.12345"]),
    ("--dose", ["--dose", "1001"]),
    ("--dose", ["--dose", "0.25", "--dose", "nan"]),
    ("--dose time", ["--dose", "0.25@25:00"]),
    ("--dose time", ["--dose", "0.25@8"]),
    ("--dose time", ["--dose", "0.25@noon"]),
    ("--anxiety", ["--anxiety", "11"]),
    ("--anxiety", ["--anxiety", "-1"]),
    ("--anxiety", ["--anxiety", "high"]),
    ("--mood", ["--mood", "11"]),
    ("--mood", ["--mood", "6.5"]),
    ("--sleep", ["--sleep", "25"]),
    ("--sleep", ["--sleep", "6.555"]),
    ("--sleep", ["--sleep", "lots"]),
    ("--sleep-quality", ["--sleep-quality", "0"]),
    ("--sleep-quality", ["--sleep-quality", "6"]),
    ("--symptom", ["--symptom", "not_a_symptom=2"]),
    ("--symptom", ["--symptom", "insomnia"]),
    ("--symptom insomnia", ["--symptom", "insomnia=5"]),
    ("--symptom insomnia", ["--symptom", "insomnia=bad"]),
    ("--phase", ["--phase", "storm"]),
    ("--note", ["--note", "x" * 20_001]),
]


@pytest.fixture
def logged(taper, data_path):
    """A data file with one day logged through the CLI."""
    result = taper("log", "--date", "2027-03-14", "--dose", "0.5@08:00", "--anxiety", "4", "--note", "first")
    assert result.returncode == 0, result.stderr
    return data_path


@pytest.mark.parametrize("flag,args", BAD_VALUES, ids=[" ".join(a)[:30] for _, a in BAD_VALUES])
def test_bad_value_exits_2_naming_the_flag_and_changes_nothing(taper, logged, flag, args):
    before = age_file(logged)
    result = taper("log", "--date", "2027-03-14", *args) if flag != "--date" else taper("log", *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"taper-tui: {flag}"), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert file_state(logged) == before


@pytest.mark.parametrize("flag,args", BAD_VALUES[::3], ids=[" ".join(a)[:30] for _, a in BAD_VALUES[::3]])
def test_bad_value_on_a_first_run_creates_no_file(taper, data_path, flag, args):
    result = taper("log", *args)
    assert result.returncode == 2
    assert not data_path.exists()


def test_fields_not_given_keep_their_stored_values(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--mood", "7", "--symptom", "insomnia=2", "--symptom", "Tremor=1")
    assert result.returncode == 0, result.stderr
    assert "saved 2027-03-14" in result.stdout
    with open_journal(logged, read_only=True) as journal:
        entry = journal.get_day(date(2027, 3, 14))
    assert entry.to_record() == {
        "date": "2027-03-14",
        "intakes": [{"time": "08:00", "mg": "0.5"}],
        "anxiety": 4,
        "mood": 7,
        "sleep_hours": None,
        "sleep_quality": None,
        "symptoms": {"insomnia": 2, "tremor": 1},
        "phase": None,
        "note": "first",
    }
    # A symptom set to 0 is cleared; --dose replaces the day's intakes; --phase none clears it.
    result = taper("log", "--date", "2027-03-14", "--symptom", "insomnia=0", "--dose", "0.25", "--dose", "0.125@21:00", "--phase", "none")
    assert result.returncode == 0, result.stderr
    with open_journal(logged, read_only=True) as journal:
        entry = journal.get_day(date(2027, 3, 14))
    assert entry.symptoms == {"tremor": 1}
    assert [i.describe() for i in entry.intakes] == ["0.25 mg", "0.125 mg @ 21:00"]
    assert entry.anxiety == 4 and entry.note == "first"


def test_relative_dates_use_today(taper, data_path):
    for given in ("today", "yesterday", "-3"):
        assert taper("log", "--date", given, "--anxiety", "1").returncode == 0
    with open_journal(data_path, read_only=True) as journal:
        assert [e.day for e in journal.days()] == [date(2027, 3, 12), date(2027, 3, 14), date(2027, 3, 15)]


def test_new_file_is_private(taper, data_path):
    assert taper("log", "--anxiety", "2").returncode == 0
    assert os.stat(data_path).st_mode & 0o777 == 0o600
    assert os.stat(data_path.parent).st_mode & 0o777 == 0o700


def test_readable_file_is_warned_about(taper, logged):
    os.chmod(logged, 0o644)
    result = taper("log", "--anxiety", "2")
    assert result.returncode == 0
    assert "can be read by other users" in result.stderr and str(logged) in result.stderr


def test_log_while_another_writer_holds_the_lock(taper, logged):
    before = age_file(logged)
    with open_journal(logged):
        result = taper("log", "--anxiety", "2")
    assert result.returncode == 1
    assert f"process {os.getpid()}" in result.stderr
    assert file_state(logged) == before


def test_red_flag_shows_where_to_get_help(taper):
    result = taper("log", "--symptom", "seizure=1")
    assert result.returncode == 0
    assert "contact your prescriber" in result.stdout


def test_taper_tui_data_is_honoured(taper, tmp_path):
    target = tmp_path / "from-env" / "taper.json"
    env = {**os.environ, "TAPER_TUI_DATA": str(target)}
    result = taper("log", "--anxiety", "5", data=None, env=env)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    assert orjson.loads(target.read_bytes())["entries"]


def test_default_location_is_under_the_redirected_home(taper):
    result = taper("log", "--anxiety", "5", data=None)
    assert result.returncode == 0, result.stderr
    expected = os.path.join(os.environ["XDG_DATA_HOME"], "taper-tui", "taper.json")
    assert expected in result.stdout and os.path.exists(expected)


def test_note_that_is_not_text_is_refused(taper, logged):
    before = age_file(logged)
    result = taper("log", "--note", "caf\udce9")  # how Python passes on a byte that is not UTF-8
    assert result.returncode == 2
    assert result.stderr.startswith("taper-tui: --note")
    assert file_state(logged) == before
