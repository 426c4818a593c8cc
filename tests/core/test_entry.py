"""Day entries: exact decimals, the record format and validation messages."""

from datetime import date
from decimal import Decimal

import pytest

from tui.core.entry import DayEntry, Intake, parse_intake
from tui.core.validation import ValidationError, parse_day, parse_mg, parse_time


def test_total_is_exact():
    entry = DayEntry(date(2027, 1, 1), (Intake(Decimal("0.1")), Intake(Decimal("0.2"))))
    assert entry.total_mg == Decimal("0.3")
    assert str(entry.total_mg) == "0.3"


def test_record_round_trip_keeps_decimal_strings():
    entry = DayEntry(
        date(2027, 1, 2),
        (Intake(Decimal("0.125"), "08:00"),),
        anxiety=3,
        mood=6,
        sleep_hours=Decimal("6.5"),
        sleep_quality=3,
        symptoms={"insomnia": 2},
        phase="wave",
        note="rough",
    )
    record = entry.to_record()
    assert record == {
        "date": "2027-01-02",
        "intakes": [{"time": "08:00", "mg": "0.125"}],
        "anxiety": 3,
        "mood": 6,
        "sleep_hours": "6.5",
        "sleep_quality": 3,
        "symptoms": {"insomnia": 2},
        "phase": "wave",
        "note": "rough",
    }
    assert DayEntry.from_record(record) == entry


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"date": "2027-13-01"}, "date"),
        ({"date": "2027-01-01", "anxiety": 11}, "anxiety"),
        ({"date": "2027-01-01", "mood": -1}, "mood"),
        ({"date": "2027-01-01", "sleep_quality": 0}, "sleep_quality"),
        ({"date": "2027-01-01", "sleep_hours": "25"}, "sleep_hours"),
        ({"date": "2027-01-01", "intakes": [{"time": "25:00", "mg": "0.5"}]}, "intakes[1].time"),
        ({"date": "2027-01-01", "intakes": [{"time": None, "mg": 0.5}]}, "intakes[1].mg"),
        ({"date": "2027-01-01", "symptoms": {"insomnia": 5}}, "symptoms.insomnia"),
        ({"date": "2027-01-01", "phase": "storm"}, "phase"),
        ({"date": "2027-01-01", "colour": "blue"}, "entry"),
    ],
)
def test_bad_records_name_the_field(record, field):
    with pytest.raises(ValidationError) as caught:
        DayEntry.from_record(record)
    assert caught.value.field == field
    assert field in str(caught.value)


def test_dose_parsing():
    assert parse_mg("0.125") == Decimal("0.125")
    assert parse_mg("0.25 mg") == Decimal("0.25")
    for bad in ("abc", "-1", "0.00001", "nan", "inf", "2000", "0,25", "1E2", "1_000"):
        with pytest.raises(ValidationError):
            parse_mg(bad)
    assert parse_intake("0.25@8:05") == Intake(Decimal("0.25"), "08:05")
    with pytest.raises(ValidationError):
        parse_time("24:00")


def test_relative_dates(today):
    assert parse_day("today", today) == today
    assert parse_day("yesterday", today) == date(2027, 3, 14)
    assert parse_day("-7", today) == date(2027, 3, 8)
    assert parse_day("2027-01-05", today) == date(2027, 1, 5)
    with pytest.raises(ValidationError):
        parse_day("2027-03-16", today)  # the future
    with pytest.raises(ValidationError):
        parse_day("15/03/2027", today)
