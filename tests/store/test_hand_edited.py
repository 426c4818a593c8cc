"""A hand-edited file that is valid JSON but inconsistent is refused naming the entry, and never written."""

from __future__ import annotations

from datetime import date

import pytest

from tests.store.support import age_file, file_state
from tui.store.errors import DataFileUnreadable
from tui.store.journal import open_journal

NOV_1 = date(2026, 11, 1)
NOV_29 = date(2026, 11, 29)
META = '"meta": {"1": {"format": "taper-tui", "schema_version": 1}}'


def _record(day: date, anxiety: int = 3) -> str:
    return (
        f'{{"date": "{day.isoformat()}", "intakes": [], "anxiety": {anxiety}, "mood": null, "sleep_hours": null, '
        '"sleep_quality": null, "symptoms": {}, "phase": null, "note": ""}'
    )


CASES = {
    "non-numeric key": (f'{{{META}, "entries": {{"abc": {_record(NOV_1)}}}}}', '"abc" is not a day number'),
    "negative schema version": ('{"meta": {"1": {"schema_version": -1}}, "entries": {}}', 'schema_version "-1"'),
    "key and date disagree": (
        f'{{{META}, "entries": {{"{NOV_1.toordinal()}": {_record(NOV_29)}}}}}',
        f'stored under 2026-11-01 (key "{NOV_1.toordinal()}") says its date is "2026-11-29"',
    ),
    "same day twice": (
        f'{{{META}, "entries": {{"{NOV_1.toordinal()}": {_record(NOV_1, 3)}, "{NOV_1.toordinal()}": {_record(NOV_1, 7)}}}}}',
        "the entry for 2026-11-01",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_inconsistent_file_is_refused_naming_the_entry_and_left_alone(case, data_path):
    text, expected = CASES[case]
    data_path.parent.mkdir()
    data_path.write_text(text)
    before = age_file(data_path)
    for read_only in (False, True):
        with pytest.raises(DataFileUnreadable) as refused:
            open_journal(data_path, read_only=read_only)
        assert expected in str(refused.value) and str(data_path) in str(refused.value)
    assert file_state(data_path) == before


def test_duplicate_keys_in_our_own_layout_are_found(data_path, make_entry):
    """The file as taper-tui writes it, with a day pasted in twice by hand."""
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(NOV_1))
    text = data_path.read_text()
    key = f'"{NOV_1.toordinal()}": {{'
    start = text.index(key)
    end = text.index("\n    }", start) + len("\n    }")
    block = text[start:end]
    data_path.write_text(text[:start] + block + ",\n    " + block.replace('"anxiety": 3', '"anxiety": 9') + text[end:])
    with pytest.raises(DataFileUnreadable) as refused:
        open_journal(data_path)
    assert "2026-11-01" in str(refused.value) and "twice" in str(refused.value)
