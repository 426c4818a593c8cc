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
    ("--date", ["--date", "0001-01-01"]),  # near the calendar's end: the app would crash on it later
    ("--date", ["--date", "1899-12-31"]),
    ("--dose", ["--dose", "1E2"]),  # Python reads 100; a person sees nothing like it
    ("--dose", ["--dose", "1_000"]),
    ("--dose", ["--dose", "0,5"]),
    ("--anxiety", ["--anxiety", "٣"]),  # an Arabic-Indic 3
    ("--mood", ["--mood", "１"]),
    ("--symptom insomnia", ["--symptom", "insomnia=1e0"]),
    ("--clear", ["--clear", "everything"]),
    ("--replace-doses", ["--replace-doses"]),
    ("--replace-note", ["--replace-note"]),
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


def stored(path, day="2027-03-14"):
    with open_journal(path, read_only=True) as journal:
        return journal.get_day(date.fromisoformat(day))


def test_fields_not_given_keep_their_stored_values(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--mood", "7", "--symptom", "insomnia=2", "--symptom", "Tremor=1")
    assert result.returncode == 0, result.stderr
    assert "saved 2027-03-14" in result.stdout
    assert stored(logged).to_record() == {
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


def test_a_second_dose_is_added_not_put_in_place_of_the_first(taper, logged):
    # Seen: `log --dose 0.5@08:00` then `log --dose 0.5@20:00` left only the 20:00 dose.
    result = taper("log", "--date", "2027-03-14", "--dose", "0.5@20:00")
    assert result.returncode == 0, result.stderr
    assert [i.describe() for i in stored(logged).intakes] == ["0.5 mg @ 08:00", "0.5 mg @ 20:00"]


def test_a_dose_at_a_logged_time_replaces_that_intake_only(taper, logged):
    assert taper("log", "--date", "2027-03-14", "--dose", "0.5@20:00").returncode == 0
    result = taper("log", "--date", "2027-03-14", "--dose", "0.45@20:00")
    assert result.returncode == 0, result.stderr
    assert [i.describe() for i in stored(logged).intakes] == ["0.5 mg @ 08:00", "0.45 mg @ 20:00"]


def test_a_dose_without_a_time_is_added(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--dose", "0.125")
    assert result.returncode == 0, result.stderr
    assert [i.describe() for i in stored(logged).intakes] == ["0.5 mg @ 08:00", "0.125 mg"]


def test_replace_doses_sets_exactly_the_given_intakes(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--replace-doses", "--dose", "0.25", "--dose", "0.125@21:00")
    assert result.returncode == 0, result.stderr
    assert [i.describe() for i in stored(logged).intakes] == ["0.25 mg", "0.125 mg @ 21:00"]


def test_the_readme_question_is_added_to_the_note_not_put_in_its_place(taper, logged):
    # README: taper-tui log --note "Q: could I take the evening dose earlier?"
    result = taper("log", "--date", "2027-03-14", "--note", "Q: could I take the evening dose earlier?")
    assert result.returncode == 0, result.stderr
    assert stored(logged).note == "first\nQ: could I take the evening dose earlier?"


def test_replace_note_puts_the_text_in_place_of_the_note(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--replace-note", "--note", "only this")
    assert result.returncode == 0, result.stderr
    assert stored(logged).note == "only this"


def test_each_repeated_note_adds_its_line_in_order(taper, logged):
    # Seen: `log --note "Q: a" --note "b"` stored only "b" (the last value of the flag).
    result = taper("log", "--date", "2027-03-14", "--note", "Q: a", "--note", "b")
    assert result.returncode == 0, result.stderr
    assert stored(logged).note == "first\nQ: a\nb"
    result = taper("log", "--date", "2027-03-14", "--replace-note", "--note", "only", "--note", "these")
    assert result.returncode == 0, result.stderr
    assert stored(logged).note == "only\nthese"


def test_every_repeatable_flag_applies_each_value(taper, logged):
    result = taper(
        "log",
        "--date",
        "2027-03-14",
        *("--dose", "0.25@12:00", "--dose", "0.125@20:00"),
        *("--symptom", "insomnia=1", "--symptom", "tremor=2"),
        *("--clear", "anxiety", "--clear", "note"),
    )
    assert result.returncode == 0, result.stderr
    day = stored(logged)
    assert [i.describe() for i in day.intakes] == ["0.5 mg @ 08:00", "0.25 mg @ 12:00", "0.125 mg @ 20:00"]
    assert day.symptoms == {"insomnia": 1, "tremor": 2}
    assert (day.anxiety, day.note) == (None, "")


CLEARED = {
    "anxiety": ("anxiety", None),
    "mood": ("mood", None),
    "sleep": ("sleep_hours", None),
    "sleep-quality": ("sleep_quality", None),
    "phase": ("phase", None),
    "note": ("note", ""),
    "doses": ("intakes", ()),
    "symptoms": ("symptoms", {}),
}


@pytest.mark.parametrize("field", sorted(CLEARED))
def test_clear_empties_one_field_and_keeps_the_rest(taper, data_path, field):
    full = (
        "--dose",
        "0.5@08:00",
        "--anxiety",
        "4",
        "--mood",
        "6",
        "--sleep",
        "6.5",
        "--sleep-quality",
        "3",
        "--symptom",
        "insomnia=2",
        "--phase",
        "wave",
        "--note",
        "first",
    )
    assert taper("log", "--date", "2027-03-14", *full).returncode == 0
    before = stored(data_path)
    result = taper("log", "--date", "2027-03-14", "--clear", field)
    assert result.returncode == 0, result.stderr
    after = stored(data_path)
    attribute, empty = CLEARED[field]
    assert getattr(after, attribute) == empty
    assert after.merged(**{attribute: getattr(before, attribute)}) == before


def test_symptom_zero_is_stored_as_none_and_dash_clears_it(taper, logged):
    # Seen: `--symptom X=0` cleared the rating, while the app stores 0 as "none".
    assert taper("log", "--date", "2027-03-14", "--symptom", "insomnia=0", "--symptom", "tremor=2").returncode == 0
    assert stored(logged).symptoms == {"insomnia": 0, "tremor": 2}
    result = taper("log", "--date", "2027-03-14", "--symptom", "tremor=-")
    assert result.returncode == 0, result.stderr
    assert stored(logged).symptoms == {"insomnia": 0}


def test_every_run_prints_what_the_day_now_holds(taper, logged):
    result = taper(
        "log",
        "--date",
        "2027-03-14",
        "--dose",
        "0.5@20:00",
        "--sleep",
        "6.5",
        "--sleep-quality",
        "3",
        "--symptom",
        "insomnia=0",
        "--phase",
        "window",
        "--note",
        "Q: earlier?",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "08:00 0.5 mg · 20:00 0.5 mg (daily total 1 mg)" in out
    assert "anxiety 4 /10" in out and "mood not logged" in out
    assert "6.5 h" in out and "quality 3 fair" in out
    assert "Insomnia 0 none" in out
    assert "window" in out
    assert "first" in out and "Q: earlier?" in out


def test_text_printed_back_cannot_drive_the_terminal(taper, logged):
    result = taper("log", "--date", "2027-03-14", "--note", "\x1b]52;c;aGk=\x07 hi")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert stored(logged).note.endswith("\x1b]52;c;aGk=\x07 hi")  # stored exactly as given


def test_an_implausible_dose_needs_yes(taper, logged):
    # Seen: `taper-tui log --dose 60` was saved without a word.
    before = age_file(logged)
    result = taper("log", "--date", "2027-03-15", "--dose", "60")
    assert result.returncode == 2
    assert "the day's total 60 mg is 120× the day before (0.5 mg)" in result.stderr
    assert "--yes" in result.stderr
    assert file_state(logged) == before
    result = taper("log", "--date", "2027-03-15", "--dose", "60", "--yes")
    assert result.returncode == 0, result.stderr
    assert stored(logged, "2027-03-15").total_mg == 60


def test_an_intake_far_above_the_plan_is_named(taper, data_path):
    plan = taper(
        "plan",
        "--dose",
        "1",
        "--split-doses",
        "0.5,0.5",
        "--increment",
        "0.01",
        "--start",
        "2027-03-01",
        "--hold",
        "30",
        "--save",
        "--yes",
    )
    assert plan.returncode == 0, plan.stderr
    result = taper("log", "--dose", "0.5@08:00", "--dose", "6@20:00")
    assert result.returncode == 2
    assert "20:00 intake 6 mg is 12× the planned 0.5 mg" in result.stderr
    result = taper("log", "--dose", "0.5@08:00", "--dose", "0.5@20:00")
    assert result.returncode == 0, result.stderr


def test_a_typo_on_a_day_before_the_plan_starts_needs_yes(taper, data_path):
    # Seen: the plan starts today at 1.5 mg a day; `--date yesterday --dose 5@20:00` was saved
    # as "daily total 6 mg" without a word (no plan step covers yesterday, nothing logged before).
    plan = taper(
        "plan", "--dose", "1.5", "--increment", "0.01", "--start", "2027-03-15", "--hold", "14", "--save", "--yes"
    )
    assert plan.returncode == 0, plan.stderr
    assert taper("log", "--date", "yesterday", "--dose", "1@08:00").returncode == 0
    before = age_file(data_path)
    result = taper("log", "--date", "yesterday", "--dose", "5@20:00")
    assert result.returncode == 2, result.stdout
    assert "the day's total 6 mg is 4× the 1.5 mg planned for the plan's first day (2027-03-15)" in result.stderr
    assert file_state(data_path) == before
    assert taper("log", "--date", "yesterday", "--dose", "0.5@20:00").returncode == 0


def test_a_note_only_change_to_a_confirmed_day_does_not_ask_again(taper, logged):
    assert taper("log", "--date", "2027-03-15", "--dose", "60", "--yes").returncode == 0
    result = taper("log", "--date", "2027-03-15", "--note", "it was 0.6, fix later")
    assert result.returncode == 0, result.stderr


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
