"""What the store writes it reads back exactly: generated day entries survive every round trip.

Property tests (hypothesis) over the record format the data file and the export share, and
over the dose parser that guards what goes into it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.entry import DayEntry, Intake
from tui.core.symptoms import DEFAULT_SYMPTOMS
from tui.core.validation import MAX_DOSE_PLACES, ValidationError, parse_mg
from tui.store.atomic_storage import dump_bytes
from tui.store.journal import open_journal

FOUR_PLACES = Decimal(1).scaleb(-MAX_DOSE_PLACES)

doses = st.decimals(min_value=0, max_value=1000, places=MAX_DOSE_PLACES, allow_nan=False, allow_infinity=False)
clock_times = st.none() | st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
day_entries = st.builds(
    DayEntry,
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    intakes=st.lists(st.builds(Intake, mg=doses, time=clock_times), max_size=6).map(tuple),
    anxiety=st.none() | st.integers(0, 10),
    mood=st.none() | st.integers(0, 10),
    sleep_hours=st.none() | st.decimals(min_value=0, max_value=24, places=2),
    sleep_quality=st.none() | st.integers(1, 5),
    symptoms=st.dictionaries(st.sampled_from([s.key for s in DEFAULT_SYMPTOMS]), st.integers(0, 4), max_size=8),
    phase=st.sampled_from([None, "window", "wave"]),
    # Text a person can type: any character except lone surrogates, which are not text.
    note=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
)


@given(day_entries)
def test_record_round_trip(entry):
    assert DayEntry.from_record(entry.to_record()) == entry


@given(day_entries)
def test_record_round_trip_through_the_file_format(entry):
    record = entry.to_record()
    written = orjson.loads(dump_bytes({"entries": {"1": record}}))["entries"]["1"]
    assert written == record
    assert DayEntry.from_record(written) == entry
    # Doses and hours are exact decimal strings, never floats.
    assert all(isinstance(i["mg"], str) for i in written["intakes"])
    assert written["sleep_hours"] is None or isinstance(written["sleep_hours"], str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(day_entries, min_size=1, max_size=5))
def test_saved_days_read_back_equal_after_reopening(tmp_path_factory, entries):
    path = tmp_path_factory.mktemp("roundtrip") / "taper.json"
    expected = {}
    with open_journal(path) as journal:
        for entry in entries:
            journal.save_day(entry)
            if entry.is_empty():
                expected.pop(entry.day, None)
            else:
                expected[entry.day] = entry
    with open_journal(path, read_only=True) as reader:
        assert reader.days() == [expected[day] for day in sorted(expected)]


@given(doses)
def test_parse_mg_accepts_up_to_four_decimals_exactly(dose):
    assert parse_mg(str(dose)) == dose
    assert parse_mg(format(dose, "f")) == dose


@given(st.decimals(min_value=0, max_value=1000, places=8).filter(lambda d: d != d.quantize(FOUR_PLACES)))
def test_parse_mg_never_accepts_more_than_four_decimals(dose):
    with pytest.raises(ValidationError) as refused:
        parse_mg(str(dose))
    assert refused.value.field == "dose"
    assert "4 decimals" in str(refused.value)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_parse_mg_refuses_floats(number):
    with pytest.raises(ValidationError):
        parse_mg(number)
