"""Drug reference facts: both equivalence sources with their names, half-lives, brand names
(docs/DOMAIN.md §4)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from tui.core.drugs import ASHTON, DRUGS, VA_DOD, diazepam_equivalents, drug_names, find_drug
from tui.core.formulations import RawIncrement
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan


@pytest.mark.parametrize(
    ("drug", "ashton", "va_dod"),
    [
        ("clonazepam", "20", "10"),
        ("alprazolam", "20", "10"),
        ("lorazepam", "10", "5"),
        ("oxazepam", "0.5", "0.3333333333333333333333333333"),
        ("temazepam", "0.5", "0.6666666666666666666666666667"),
    ],
)
def test_both_sources_are_shown_where_both_give_a_figure(drug: str, ashton: str, va_dod: str) -> None:
    figures = {e.source: e.diazepam_mg for e in diazepam_equivalents(drug, Decimal(1))}
    assert figures == {ASHTON: Decimal(ashton), VA_DOD: Decimal(va_dod)}


def test_a_drug_without_a_second_figure_shows_ashton_alone() -> None:
    assert [e.source for e in diazepam_equivalents("chlordiazepoxide", Decimal(25))] == [ASHTON]
    assert diazepam_equivalents("buspirone", Decimal(5)) == []


@pytest.mark.parametrize(
    ("typed", "drug"),
    [
        ("Klonopin", "clonazepam"),
        ("rivotril", "clonazepam"),
        ("XANAX", "alprazolam"),
        ("Ativan", "lorazepam"),
        ("Valium", "diazepam"),
        ("Librium", "chlordiazepoxide"),
    ],
)
def test_brand_names_find_their_drug(typed: str, drug: str) -> None:
    assert drug_names(f" {typed} ") == (drug, typed)
    assert find_drug(typed) is DRUGS[drug]


def test_a_generic_name_in_any_case_has_no_typed_name_beside_it() -> None:
    assert drug_names("Clonazepam") == ("clonazepam", "")
    assert drug_names("My compound ") == ("My compound", "")


def test_every_drug_has_a_half_life_text_naming_its_source() -> None:
    for drug in DRUGS.values():
        assert drug.half_life_text().startswith(f"half-life in hours: {drug.half_life_hours} ({ASHTON}")
    assert DRUGS["diazepam"].half_life_text().endswith("(Ashton Manual (2002); [ ] = active metabolite)")


def test_the_typed_name_survives_the_stored_plan() -> None:
    params = PlanParams(
        drug="clonazepam",
        drug_as_typed="Klonopin",
        start=date(2027, 1, 4),
        dose_mg=Decimal(1),
        formulation=RawIncrement.create("0.01"),
    )
    plan = build_plan(params)
    record = json.loads(json.dumps(plan.to_record()))
    assert record["params"]["drug_as_typed"] == "Klonopin"
    assert Plan.from_record(record) == plan
    del record["params"]["drug_as_typed"]  # an older file: no typed name
    assert Plan.from_record(record).params.drug_as_typed == ""
