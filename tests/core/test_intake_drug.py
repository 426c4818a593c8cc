"""An intake's drug (docs/DOMAIN.md §3.12): stored only when it is not the plan's own, checked when read."""

from datetime import date
from decimal import Decimal

import pytest

from tui.core.entry import DayEntry, Intake, intake_drug
from tui.core.validation import ValidationError


def test_an_intake_of_the_plans_drug_is_stored_as_before():
    entry = DayEntry(date(2027, 3, 22), (Intake(Decimal("0.5"), "08:00"),))
    assert entry.to_record()["intakes"] == [{"time": "08:00", "mg": "0.5"}]


def test_an_intake_of_another_drug_round_trips_with_its_drug():
    entry = DayEntry(date(2027, 3, 22), (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("5"), "20:00", "diazepam")))
    record = entry.to_record()
    assert record["intakes"] == [{"time": "08:00", "mg": "0.5"}, {"time": "20:00", "mg": "5", "drug": "diazepam"}]
    assert DayEntry.from_record(record) == entry


def test_a_brand_read_from_a_record_is_stored_as_its_drug():
    entry = DayEntry.from_record({"date": "2027-03-22", "intakes": [{"time": None, "mg": "5", "drug": "Valium"}]})
    assert entry.intakes[0].drug == "diazepam"


@pytest.mark.parametrize("drug", ["aspirin", 5, ""])
def test_an_unknown_drug_is_refused_naming_the_field(drug):
    with pytest.raises(ValidationError) as caught:
        DayEntry.from_record({"date": "2027-03-22", "intakes": [{"time": None, "mg": "5", "drug": drug}]})
    assert caught.value.field == "intakes[1].drug"


def test_intake_drug_maps_brands_and_names_known_drugs():
    assert intake_drug("Klonopin") == "clonazepam"
    with pytest.raises(ValidationError, match="diazepam"):
        intake_drug("buspirone", "--dose")


def test_of_plan_drops_the_plans_own_drug():
    assert Intake(Decimal("0.5"), None, "clonazepam").of_plan("clonazepam") == Intake(Decimal("0.5"))
    assert Intake(Decimal(5), None, "diazepam").of_plan("clonazepam").drug == "diazepam"


def test_describe_names_another_drug():
    assert Intake(Decimal(5), "20:00", "diazepam").describe() == "diazepam 5 mg @ 20:00"
