"""Published schedules reproduced by the planner (docs/DOMAIN.md §3.9), and per-intake shapes
that save and load unchanged."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import plan_input as pi
from tui.core.formulations import RawIncrement, Tablet
from tui.core.plan_model import IntakeOrder, Method, Plan, PlanParams
from tui.core.planner import build_plan

START = date(2027, 1, 4)


def test_nhs_scotland_morning_dose_first_then_the_night_dose() -> None:
    """NHS Scotland: lorazepam 1 mg bd → diazepam 10 mg bd, then the morning dose 9, 8, … 1,
    stop while the night dose stays 10, then the night dose 9 … stop. Entered as a diazepam
    plan: 1 mg off every 2 weeks, sequential order, morning (intake 1) first."""
    plan = pi.plan_from_text(
        {
            "drug": "diazepam",
            "dose": "20",
            "split": "10+10",
            "order": "sequential",
            "cut_first": "1",
            "method": "linear",
            "linear": "1",
            "cut": "10",
            "every": "14",
            "start": "2027-01-04",
            "tablet": "2",
            "pieces": "2",
        },
        START,
        "tablet",
    )
    intakes = [s.intake_mg for s in plan.steps]
    morning_first = [(Decimal(m), Decimal(10)) for m in range(9, -1, -1)]
    night_next = [(Decimal(0), Decimal(n)) for n in range(9, -1, -1)]
    assert intakes == morning_first + night_next
    assert plan.steps[9].intake_doses == ("0 tab", "5 tab")
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan


def test_the_night_dose_can_go_first() -> None:
    plan = build_plan(
        PlanParams(
            drug="diazepam",
            start=START,
            dose_mg=Decimal(4),
            formulation=RawIncrement.create("1"),
            method=Method.LINEAR,
            linear_mg=Decimal(1),
            split=(Decimal(2), Decimal(2)),
            cut_first=1,
            order=IntakeOrder.SEQUENTIAL,
        )
    )
    assert [tuple(map(int, s.intake_mg)) for s in plan.steps] == [(2, 1), (2, 0), (1, 0), (0, 0)]


def test_custom_doses_per_intake_are_taken_as_typed_and_stored() -> None:
    text = {"drug": "diazepam", "method": "custom", "increment": "1", "cut": "10", "every": "14"}
    text["custom"] = "2027-01-04=9+10, 2027-01-18=8+10, 2027-02-01=8+9, 2027-02-15=0"
    plan = pi.plan_from_text(text, START, "increment")
    assert [s.intake_mg for s in plan.steps] == [(9, 10), (8, 10), (8, 9), (0, 0)]
    record = json.loads(json.dumps(plan.to_record()))
    assert record["params"]["custom"][0] == {"date": "2027-01-04", "dose_mg": "19", "intakes_mg": ["9", "10"]}
    assert Plan.from_record(record) == plan


def test_a_per_intake_custom_date_with_too_few_amounts_names_the_field() -> None:
    text = {"method": "custom", "increment": "1", "cut": "10", "every": "14"}
    text["custom"] = "2027-01-04=9+10, 2027-01-18=18"
    try:
        pi.plan_from_text(text, START, "increment")
    except pi.PlanInputError as error:
        assert error.field is pi.CUSTOM and "2027-01-18 has 1" in error.text(pi.Surface.CLI)
        assert error.text(pi.Surface.CLI).startswith("--custom")
    else:
        raise AssertionError("a date with one amount among per-intake dates was accepted")


@st.composite
def sequential_params(draw) -> PlanParams:
    count = draw(st.integers(2, 4))
    split = tuple(Decimal(draw(st.integers(0, 12))) / 4 for _ in range(count))
    if sum(split) == 0:
        split = (Decimal(1), *split[1:])
    method = draw(st.sampled_from([Method.PROPORTIONAL, Method.LINEAR]))
    return PlanParams(
        drug="diazepam",
        start=START,
        dose_mg=sum(split),
        formulation=Tablet.create("0.5", 2),
        method=method,
        cut_pct=Decimal(draw(st.integers(5, 40))),
        step_days=draw(st.integers(1, 21)),
        split=split,
        cut_first=draw(st.integers(0, count - 1)),
        order=IntakeOrder.SEQUENTIAL,
        lengthen_steps=draw(st.booleans()),
    )


@settings(max_examples=80, deadline=None)
@given(sequential_params())
def test_sequential_order_is_respected(p: PlanParams) -> None:
    plan = build_plan(p)
    order = [(p.cut_first + i) % len(p.split) for i in range(len(p.split))]
    previous = tuple(p.formulation.units_of(mg) for mg in p.split)
    for step in plan.steps:
        assert sum(step.intake_units) == step.units
        assert all(now <= before for now, before in zip(step.intake_units, previous, strict=True))  # never up
        # an intake is only cut once every intake before it in the order is at 0
        for position, index in enumerate(order):
            if step.intake_units[index] < previous[index]:
                assert all(step.intake_units[earlier] == 0 for earlier in order[:position])
        previous = step.intake_units
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan
    assert plan.end_date >= START + timedelta(days=0)


def _shapes() -> list[Plan]:
    base = {"dose": "20", "cut": "10", "every": "14", "start": "2027-01-04", "increment": "1", "drug": "Valium"}
    sequential = {**base, "split": "10+10", "order": "sequential", "method": "linear", "linear": "1"}
    custom = {**base, "method": "custom", "custom": "2027-01-04=9+10, 2027-01-18=8+10, 2027-02-01=0"}
    linear = {**base, "method": "linear", "linear": "3", "increment": "5"}
    return [
        pi.plan_from_text(sequential, START, "increment"),
        pi.plan_from_text(custom, START, "increment"),
        pi.plan_from_text(linear, START, "increment", lengthen=True),
    ]


def test_every_new_shape_saves_exports_and_imports_back_unchanged() -> None:
    from tui.exchange.json_export import dumps_export, export_document
    from tui.exchange.json_import.validate import parse_import_bytes

    for plan in _shapes():
        record = plan.to_record()
        assert Plan.from_record(json.loads(json.dumps(record))) == plan
        document = export_document([], record, [], datetime(2027, 1, 4, 9, 0))
        imported = parse_import_bytes(dumps_export(document))
        assert imported.plan is not None and Plan.from_record(imported.plan) == plan
        assert plan.params.drug == "diazepam" and plan.params.drug_as_typed == "Valium"


def test_cks_diazepam_bands() -> None:
    """NICE CKS (diazepam): 2–4 mg steps to 20 mg, 1–2 mg to 10, 1 mg to 5, 0.5–1 mg to stop,
    here 4, 2, 1 and 0.5 mg every 2 weeks in ¼ of a 2 mg tablet (0.5 mg)."""
    text = {"drug": "diazepam", "dose": "30", "method": "linear", "linear": "4", "cut": "10", "every": "14"}
    text.update(start="2027-01-04", tablet="2", pieces="4", below="20:2mg:14, 10:1mg:14; 5:0.5mg:14")
    plan = pi.plan_from_text(text, START, "tablet")
    doses = [s.dose_mg for s in plan.steps]
    expected = [26, 22, 20, 18, 16, 14, 12, 10, 9, 8, 7, 6, 5] + [Decimal(n) / 2 for n in range(9, -1, -1)]
    assert doses == expected
    assert all(s.days == 14 for s in plan.steps[:-1])
    assert Plan.from_record(json.loads(json.dumps(plan.to_record()))) == plan
    assert pi.bands_text(plan.params) == "20:2mg:14, 10:1mg:14, 5:0.5mg:14"  # the editor shows it back
    assert [b.describe() for b in plan.params.bands] == [
        "≤ 20 mg: 2 mg every 14 days",
        "≤ 10 mg: 1 mg every 14 days",
        "≤ 5 mg: 0.5 mg every 14 days",
    ]


def test_a_band_can_cut_a_percentage_and_slow_the_step() -> None:
    text = {"dose": "1", "cut": "10", "every": "14", "start": "2027-01-04", "increment": "0.01", "below": "0.5:5:28"}
    plan = pi.plan_from_text(text, START, "increment")
    below = [s for s in plan.steps if s.dose_mg < Decimal("0.5") and s.dose_mg > 0]
    assert (
        below
        and all(s.days == 28 for s in below[:-1])
        and all(s.cut_pct <= 5 for s in below if not s.has("one_increment"))
    )
    try:
        pi.plan_from_text({**text, "below": "0.5:5"}, START, "increment")
    except pi.PlanInputError as error:
        assert error.field is pi.BELOW and error.text(pi.Surface.CLI).startswith('--below: "0.5:5" is not allowed')
    else:
        raise AssertionError("a band of two parts was accepted")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(20, 80),
    st.lists(st.tuples(st.integers(1, 19), st.integers(1, 4), st.integers(1, 28)), min_size=1, max_size=3),
)
def test_bands_are_respected(start_half_mg: int, raw_bands: list[tuple[int, int, int]]) -> None:
    bands = ", ".join(
        f"{below}:{Decimal(cut) / 2}mg:{days}" for below, cut, days in {b[0]: b for b in raw_bands}.values()
    )
    text = {"dose": str(Decimal(start_half_mg) / 2), "cut": "10", "every": "14", "start": "2027-01-04"}
    plan = pi.plan_from_text({**text, "increment": "0.5", "below": bands}, START, "increment")
    previous = plan.dose_before_mg
    for step in plan.steps:
        band = min((b for b in plan.params.bands if previous <= b.below_mg), key=lambda b: b.below_mg, default=None)
        if band is not None and step.units > 0:
            assert previous - step.dose_mg <= max(band.cut_mg, Decimal("0.5"))  # never a bigger cut than the band
            assert step.days == band.days
        lower = [b.below_mg for b in plan.params.bands if b.below_mg < previous]
        if lower and step.units > 0:
            assert step.dose_mg >= max(lower)  # a band's threshold is never stepped over
        assert step.dose_mg < previous
        previous = step.dose_mg
