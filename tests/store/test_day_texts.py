"""A file laid out as taper-tui writes it is read day by day: its days kept as their text.

The split must give back exactly what parsing the whole file gives, write the same bytes, fall
back to the whole parse for any other layout, and never let a day whose text does not parse be
written over.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store.support import age_file, file_state
from tui.core.entry import DayEntry, Intake
from tui.store.atomic_storage import dump_bytes, parse_data_file
from tui.store.day_texts import split_days
from tui.store.errors import DataFileUnreadable
from tui.store.journal import open_journal
from tui.store.schema import fresh_meta

TODAY = date(2027, 3, 15)
LONG_AGO = date(2019, 6, 1)


def _entry(day: date, **fields) -> DayEntry:
    return DayEntry(day=day, intakes=(Intake(Decimal("0.5"), "08:00"),), anxiety=2, **fields)


def _file(path, *days: date) -> None:
    with open_journal(path) as journal:
        for day in days:
            journal.save_day(_entry(day, note=f"day {day}"))


_NOTES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.dates(date(1900, 1, 1), date(2700, 1, 1)), _NOTES, min_size=1, max_size=5))
def test_the_split_reads_what_the_whole_parse_reads_and_writes_the_same_bytes(tmp_path_factory, notes):
    data = {
        "entries": {str(day.toordinal()): _entry(day, note=note).to_record() for day, note in notes.items()},
        "events": {"1": {"kind": "note", "text": "}\n    }"}},
        "meta": {"1": fresh_meta()},
    }
    raw = dump_bytes(data)
    path = tmp_path_factory.mktemp("split") / "taper.json"
    as_text = parse_data_file(path, raw, days_as_text=True)
    assert all(isinstance(text, bytes) for text in as_text["entries"].values())
    assert {key: orjson.loads(text) for key, text in as_text["entries"].items()} == data["entries"]
    assert {name: table for name, table in as_text.items() if name != "entries"} == {
        name: table for name, table in data.items() if name != "entries"
    }
    assert dump_bytes(as_text) == raw


@pytest.mark.parametrize(
    "layout",
    [
        lambda data: json.dumps(data).encode(),  # one line
        lambda data: json.dumps(data, indent=4).encode(),  # another indent
        lambda data: json.dumps({"meta": data["meta"], "entries": data["entries"]}, indent=2).encode(),  # unsorted
    ],
)
def test_any_other_layout_is_read_whole(tmp_path, layout):
    path = tmp_path / "taper.json"
    _file(path, LONG_AGO, TODAY)
    data = json.loads(path.read_text())
    path.write_bytes(layout(data))
    assert split_days(path.read_bytes()) is None
    with open_journal(path) as journal:
        assert [entry.day for entry in journal.days()] == [LONG_AGO, TODAY]
        journal.save_day(_entry(TODAY, mood=4))
    assert (
        json.loads(path.read_text())["entries"][str(LONG_AGO.toordinal())] == data["entries"][str(LONG_AGO.toordinal())]
    )


def _break_json_of(path, day: date) -> None:
    raw = path.read_bytes()
    line = f'"date": "{day.isoformat()}",'.encode()
    assert raw.count(line) == 1
    path.write_bytes(raw.replace(line, line + b","))  # a doubled comma: not JSON


def test_a_day_whose_text_does_not_parse_is_named_and_the_file_never_written(tmp_path):
    path = tmp_path / "taper.json"
    _file(path, LONG_AGO, TODAY)
    _break_json_of(path, LONG_AGO)
    before = age_file(path)
    with open_journal(path) as journal:
        assert journal.get_day(TODAY) == _entry(TODAY, note=f"day {TODAY}")  # today still reads
        with pytest.raises(DataFileUnreadable, match="not valid JSON in the entry for 2019-06-01"):
            journal.save_day(_entry(TODAY, mood=1))
        with pytest.raises(DataFileUnreadable, match=r"entry for 2019-06-01 is not valid.*valid JSON"):
            journal.get_day(LONG_AGO)
    assert file_state(path) == before


def test_the_app_check_names_a_day_whose_text_does_not_parse(tmp_path):
    path = tmp_path / "taper.json"
    _file(path, LONG_AGO, TODAY)
    _break_json_of(path, LONG_AGO)
    before = age_file(path)
    with open_journal(path) as journal:
        journal.parsed_days.skip_invalid = True
        assert list(journal.check_days()) == [LONG_AGO]
        assert [entry.day for entry in journal.days()] == [TODAY]
        with pytest.raises(DataFileUnreadable):
            journal.save_day(_entry(TODAY, mood=1))
    assert file_state(path) == before


def test_a_key_that_disagrees_with_its_date_is_still_refused_on_opening(tmp_path):
    path = tmp_path / "taper.json"
    _file(path, LONG_AGO, TODAY)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"date": "2019-06-01"', b'"date": "2019-06-02"'))
    before = age_file(path)
    with pytest.raises(DataFileUnreadable, match="make the key and the date agree"):
        open_journal(path)
    assert file_state(path) == before


def _two_days(tmp_path) -> bytes:
    path = tmp_path / "taper.json"
    _file(path, LONG_AGO, TODAY)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # The first day stored again under its key: JSON would keep one copy.
        (lambda raw, old, new: raw.replace(f'"{new}": {{'.encode(), f'"{old}": {{'.encode()), "appears twice"),
        (lambda raw, old, new: raw.replace(f'"{old}": {{'.encode(), f'"0{old}": {{'.encode()), "not a day number"),
        (lambda raw, old, new: raw.replace(b'"2019-06-01"', b'"2019-06-01x"'), "make the key and the date agree"),
    ],
)
def test_what_the_split_cannot_vouch_for_is_judged_by_the_whole_parse(tmp_path, edit, message):
    raw = edit(_two_days(tmp_path), LONG_AGO.toordinal(), TODAY.toordinal())
    assert split_days(raw) is None
    with pytest.raises(DataFileUnreadable, match=message):
        parse_data_file(tmp_path / "taper.json", raw, days_as_text=True)
