"""Export → import of intakes naming their drug (a crossover, docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange.helpers import export_bytes
from tests.exchange.test_json_import import _round_trip
from tui.core.drugs import DRUGS
from tui.core.entry import DayEntry, Intake
from tui.exchange.json_import import ImportRefused, parse_import_bytes


def _stage_day(day: date) -> DayEntry:
    return DayEntry(day, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")), anxiety=3)


def test_an_export_carries_the_drug_of_another_drugs_intake_only():
    data = orjson.loads(export_bytes([_stage_day(date(2027, 3, 22))], None, []))
    assert data["entries"][0]["intakes"] == [
        {"time": "08:00", "mg": "0.5"},
        {"time": "20:00", "mg": "5", "drug": "diazepam"},
    ]
    document = parse_import_bytes(orjson.dumps(data))
    assert document.entries == (_stage_day(date(2027, 3, 22)),)


def test_an_unknown_drug_is_refused_naming_date_field_and_value():
    data = orjson.loads(export_bytes([_stage_day(date(2027, 3, 22))], None, []))
    data["entries"][0]["intakes"][1]["drug"] = "aspirin"
    with pytest.raises(ImportRefused) as caught:
        parse_import_bytes(orjson.dumps(data))
    message = str(caught.value)
    assert "2027-03-22 (entry 1): intakes[2].drug" in message
    assert "aspirin" in message


intakes = st.builds(
    Intake,
    mg=st.integers(0, 50_000).map(lambda n: Decimal(n).scaleb(-4)),
    time=st.one_of(st.none(), st.sampled_from(["08:00", "14:30", "20:00"])),
    drug=st.one_of(st.none(), st.sampled_from(sorted(DRUGS))),
)
entries = st.builds(
    DayEntry,
    day=st.dates(date(2026, 1, 1), date(2027, 3, 15)),
    intakes=st.lists(intakes, min_size=1, max_size=4).map(tuple),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries, max_size=12, unique_by=lambda e: e.day))
def test_round_trip_keeps_each_intakes_drug(days):
    original, again = _round_trip(days, None, [])
    assert again["entries"] == original["entries"]
    assert [DayEntry.from_record(r) for r in again["entries"]] == sorted(days, key=lambda e: e.day)
