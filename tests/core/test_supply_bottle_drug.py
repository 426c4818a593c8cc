"""A bottle names its drug on a crossover plan (docs/DOMAIN.md §3.12): a diazepam bottle entered in
tablets was taken to be the clonazepam tablets, as bottles were told apart by their form alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.exchange.crossover_plans import CROSSOVER_START, crossover_plan
from tui.core.entry import DayEntry, Intake
from tui.core.supply import Bottle, bottle_form, outlook
from tui.core.validation import ValidationError

USE_BY = CROSSOVER_START + timedelta(days=90)
AS_OF = CROSSOVER_START + timedelta(days=2)


def test_a_diazepam_bottle_counts_the_diazepam_days_not_the_clonazepam_tablets():
    plan = crossover_plan()
    diazepam = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY, drug="diazepam")
    assert bottle_form(plan, diazepam) == plan.params.crossover_formulation
    # Stage 1: the evening's 0.25 mg of clonazepam is diazepam 5 mg, one 5 mg tablet a day.
    assert outlook(plan, diazepam, AS_OF).left_after == Decimal(27)
    clonazepam = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY, drug="clonazepam")
    assert outlook(plan, clonazepam, AS_OF).left_after == Decimal("25.5")  # 0.75 mg = 1 ½ tablets a day


def test_a_diazepam_bottle_counts_the_diazepam_logged():
    plan = crossover_plan()
    day = CROSSOVER_START + timedelta(days=1)
    entry = DayEntry(
        day,
        (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00"), Intake(Decimal(10), "20:00", "diazepam")),
    )
    diazepam = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY, drug="diazepam")
    assert outlook(plan, diazepam, AS_OF, {day: entry}).left_after == Decimal(26)  # 1 + 2 + 1 tablets


def test_the_drug_is_stored_only_when_named_so_older_bottles_are_written_as_before():
    plain = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY)
    assert set(plain.to_record()) == {"size", "unit", "opened", "use_by"}
    assert Bottle.from_record(plain.to_record()) == plain
    named = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY, drug="diazepam")
    assert named.to_record()["drug"] == "diazepam"
    assert Bottle.from_record(named.to_record()) == named


def test_a_stored_brand_finds_its_drug_and_an_unknown_drug_is_named():
    record = Bottle.create("30", "tablets", CROSSOVER_START, USE_BY).to_record()
    assert Bottle.from_record({**record, "drug": "Valium"}).drug == "diazepam"
    with pytest.raises(ValidationError) as raised:
        Bottle.from_record({**record, "drug": "aspirin"})
    assert raised.value.field == "supply.drug" and raised.value.value == "aspirin"


def test_a_bottle_of_a_drug_the_plan_does_not_take_is_refused_by_name():
    plan = crossover_plan()
    with pytest.raises(ValidationError) as raised:
        bottle_form(plan, Bottle.create("30", "tablets", CROSSOVER_START, USE_BY, drug="lorazepam"))
    assert "lorazepam" in str(raised.value.value) and "clonazepam or diazepam" in raised.value.allowed
