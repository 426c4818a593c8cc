"""Days held parsed in one form: what a save writes back for the days it did not change.

Once read, a day's raw record is swapped for its text; these tests hold that swap to writing
back the same bytes, unknown and hand-written fields included, and to the deferred check.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.entry import DayEntry, Intake
from tui.store.atomic_storage import dump_bytes
from tui.store.day_texts import day_text
from tui.store.errors import DataFileChanged
from tui.store.journal import open_journal

DAY = date(2027, 3, 10)


def _write_file(path, entries: dict[str, dict]) -> None:
    path.write_bytes(dump_bytes({"entries": entries, "meta": {"1": {"schema_version": 1}}}))


def _record(day: date, **fields) -> dict:
    record = DayEntry(day=day, intakes=(Intake(Decimal("0.25"), "08:00"),), anxiety=2).to_record()
    record.update(fields)
    return record


def test_a_saved_day_leaves_every_other_day_byte_for_byte(tmp_path, make_entry):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        for offset in range(5):
            journal.save_day(make_entry(date(2027, 3, 1 + offset)))
    # Hand-written forms a parse would not write back the same way: a dose with a trailing zero,
    # a missing field.
    data = json.loads(path.read_text())
    data["entries"][str(date(2027, 3, 2).toordinal())]["intakes"][0]["mg"] = "0.250"
    del data["entries"][str(date(2027, 3, 3).toordinal())]["phase"]
    path.write_bytes(dump_bytes(data))
    with open_journal(path) as journal:
        journal.days()  # every day parsed, its record swapped for its text
        assert journal.get_day(date(2027, 3, 2)).intakes[0].mg == Decimal("0.25")
        journal.save_day(make_entry(date(2027, 3, 5), anxiety=9))
    after = json.loads(path.read_text())
    data["entries"][str(date(2027, 3, 5).toordinal())]["anxiety"] = 9
    assert after == data
    assert path.read_bytes() == dump_bytes(data)


def test_a_day_with_an_unknown_field_survives_a_save_of_another_day_unchanged(tmp_path, make_entry):
    path = tmp_path / "taper.json"
    odd = _record(date(2020, 1, 5), mood_colour="teal")
    _write_file(path, {str(date(2020, 1, 5).toordinal()): odd})
    with open_journal(path) as journal:
        journal.parsed_days.skip_invalid = True
        assert journal.get_day(date(2020, 1, 5)) is None  # not valid: left out of the views
        assert date(2020, 1, 5) in journal.check_days()
        journal.save_day(make_entry(DAY))
    stored = json.loads(path.read_text())["entries"]
    assert stored[str(date(2020, 1, 5).toordinal())] == odd
    assert DayEntry.from_record(stored[str(DAY.toordinal())]) == make_entry(DAY)


def test_days_read_before_and_after_the_check_are_the_same(tmp_path, make_entry):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        saved = [make_entry(date(2027, 1, n), anxiety=n % 11) for n in range(1, 29)]
        for entry in saved:
            journal.save_day(entry)
    with open_journal(path) as journal:
        first = journal.get_day(date(2027, 1, 3))
        assert journal.check_days() == {}
        assert journal.get_day(date(2027, 1, 3)) is first  # parsed once, held
        assert journal.days() == saved
        assert journal.day_count() == len(saved)
        # Every record is now its text: a batch, a delete and a save all still work on them.
        journal.delete_day(date(2027, 1, 4))
        journal.save_day(make_entry(date(2027, 1, 5), mood=1))
    with open_journal(path) as journal:
        days = {entry.day: entry for entry in journal.days()}
    assert date(2027, 1, 4) not in days
    assert days[date(2027, 1, 5)].mood == 1
    assert days[date(2027, 1, 6)] == saved[5]


def test_a_save_that_fails_leaves_the_held_days_readable(tmp_path, make_entry):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        journal.save_day(make_entry(date(2027, 2, 1)))
        journal.save_day(make_entry(date(2027, 2, 2)))
    with open_journal(path) as journal:
        assert len(journal.days()) == 2
        path.write_bytes(path.read_bytes().replace(b'"anxiety": 3', b'"anxiety": 4', 1))
        with pytest.raises(DataFileChanged):
            journal.save_day(make_entry(date(2027, 2, 3)))
        journal.reload()
        assert [entry.anxiety for entry in journal.days()] == [4, 3]


_RECORDS = st.fixed_dictionaries(
    {
        "date": st.dates().map(date.isoformat),
        "note": st.text(max_size=30),
        "symptoms": st.dictionaries(st.sampled_from(["insomnia", "tremor", "a_b"]), st.integers(0, 4)),
        "intakes": st.lists(st.fixed_dictionaries({"mg": st.sampled_from(["0.5", "0.250"]), "time": st.none()})),
    },
    optional={
        "extra": st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.lists(st.text(max_size=3)), st.just({}))
    },
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(700_000, 740_000).map(str), _RECORDS, max_size=4))
def test_the_text_of_a_record_writes_the_same_bytes_as_the_record(entries):
    whole = {"entries": entries, "meta": {"1": {"schema_version": 1}}}
    as_text = {"entries": {key: day_text(record) for key, record in entries.items()}, "meta": whole["meta"]}
    assert dump_bytes(as_text) == dump_bytes(whole)
    assert orjson.loads(dump_bytes(as_text)) == whole
