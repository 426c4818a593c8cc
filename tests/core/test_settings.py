"""Typed settings: defaults, checks naming the setting, older and hand-edited files, the store's accessors."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

import pytest

from tui.core.formulations import RawIncrement
from tui.core.plan_changes import creation_event
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.core.settings import Settings, planned_intakes
from tui.core.validation import ValidationError
from tui.store.errors import DataFileUnreadable
from tui.store.journal import open_journal


def test_an_empty_or_older_document_takes_the_defaults():
    settings = Settings.from_record({})
    assert settings == Settings()
    assert settings.region == "US" and settings.custom_symptoms == () and not settings.onboarded
    older = Settings.from_record({"custom_symptoms": ["Jaw clenching"], "region": "UK"})
    assert older.custom_symptoms == ("Jaw clenching",) and older.intake_times == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("custom_symptoms", "abc"),
        ("hidden_symptoms", [1]),
        ("region", 7),
        ("intakes_per_day", 12),
        ("intakes_per_day", True),
        ("intake_times", ["8am"]),
        ("onboarded", "yes"),
        ("drug", 3),
    ],
)
def test_a_bad_value_is_refused_naming_the_setting(name, value):
    with pytest.raises(ValidationError) as caught:
        Settings.from_record({name: value})
    assert caught.value.field == f"settings.{name}"
    assert str(caught.value).startswith(f"settings.{name}: ")


def test_a_string_never_becomes_a_list_of_letters():
    with pytest.raises(
        ValidationError, match=re.escape('settings.custom_symptoms: "abc" is not allowed — use a list of names')
    ):
        Settings.from_record({"custom_symptoms": "abc"})


def test_unknown_keys_are_kept_and_the_record_round_trips():
    record = {"custom_symptoms": ["Jaw clenching"], "theme": "dark"}
    settings = Settings.from_record(record)
    assert settings.extra == {"theme": "dark"}
    assert settings.to_record()["theme"] == "dark"
    assert Settings.from_record(settings.to_record()) == settings


def test_changes_are_checked_and_typed():
    settings = Settings().changed(intakes_per_day=3, intake_times=["08:00", "14:00", "20:00"])
    assert settings.intakes_per_day == 3 and settings.intake_times == ("08:00", "14:00", "20:00")
    with pytest.raises(ValidationError, match=r"settings\.intakes_per_day"):
        Settings().changed(intakes_per_day=7)


def test_it_is_read_by_attribute_and_only_its_record_is_the_stored_document():
    settings = Settings(hidden_symptoms=("tinnitus",))
    assert settings.hidden_symptoms == ("tinnitus",) and settings.region == "US"
    assert settings.to_record()["hidden_symptoms"] == ["tinnitus"] and settings.to_record()["region"] == "US"
    assert not isinstance(settings, Mapping) and settings != settings.to_record()


def test_the_store_returns_typed_settings_and_keeps_older_files(tmp_path):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        assert journal.settings() == Settings()
        stored = journal.update_settings(intakes_per_day=3, onboarded=True)
        assert stored.intakes_per_day == 3
        assert journal.settings().intakes_per_day == 3 and journal.settings().onboarded
        with pytest.raises(ValidationError):
            journal.update_settings(custom_symptoms="abc")
        assert journal.settings().custom_symptoms == ()
    data = json.loads(path.read_text())
    data["settings"]["1"] = {"region": "UK", "theme": "dark"}  # an older file, and a key we do not know
    path.write_text(json.dumps(data))
    with open_journal(path) as journal:
        assert journal.settings().region == "UK" and journal.settings().extra == {"theme": "dark"}
        journal.update_settings(onboarded=True)
    assert json.loads(path.read_text())["settings"]["1"]["theme"] == "dark"


def test_a_hand_edited_bad_setting_stops_the_open_and_leaves_the_file(tmp_path):
    path = tmp_path / "taper.json"
    with open_journal(path) as journal:
        journal.update_settings(onboarded=True)
    data = json.loads(path.read_text())
    data["settings"]["1"]["custom_symptoms"] = "abc"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(DataFileUnreadable, match=r"settings\.custom_symptoms"):
        open_journal(path)
    assert path.read_bytes() == before


def test_the_plan_is_parsed_once_per_stored_version(tmp_path):
    params = PlanParams(
        drug="clonazepam", start=date(2027, 1, 4), dose_mg=Decimal(1), formulation=RawIncrement.create("0.01")
    )
    plan = build_plan(params)
    with open_journal(tmp_path / "taper.json") as journal:
        assert journal.plan() is None
        journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 1, 4, 9, 0)))
        first = journal.plan()
        assert first == plan
        assert journal.plan() is first  # cached
        slower = build_plan(PlanParams(**{**params.__dict__, "cut_pct": Decimal(5)}))
        journal.save_plan(slower.to_record())
        assert journal.plan() == slower


def test_planned_intakes_join_the_step_with_the_usual_times():
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 1, 4),
        dose_mg=Decimal(1),
        formulation=RawIncrement.create("0.01"),
        hold_days=14,
        split=(Decimal("0.33"), Decimal("0.34"), Decimal("0.33")),
    )
    plan = build_plan(params)
    settings = Settings(intake_times=("08:00", "14:00", "20:00"))
    intakes = planned_intakes(plan, settings, date(2027, 1, 5))
    assert [(i.mg, i.time) for i in intakes] == [
        (Decimal("0.33"), "08:00"),
        (Decimal("0.34"), "14:00"),
        (Decimal("0.33"), "20:00"),
    ]
    assert [i.time for i in planned_intakes(plan, Settings(intake_times=("08:00",)), date(2027, 1, 5))] == [
        "08:00",
        None,
        None,
    ]
    assert planned_intakes(plan, settings, date(2027, 1, 3)) == ()
    assert planned_intakes(None, settings, date(2027, 1, 5)) == ()
