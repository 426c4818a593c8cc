"""Supply: exact amounts in mL, tablets (with pieces), drops and powder; runs out vs expires first."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from tui.core.formulations import Drops, Formulation, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.settings import Settings
from tui.core.supply import SUPPLY_SETTING, Bottle, need_between, outlook, read_bottle, stock_unit
from tui.core.supply_need import FormNeed
from tui.core.validation import ValidationError

START = date(2027, 1, 1)


def custom_plan(formulation: Formulation, *doses: tuple[int, str], split: tuple[str, ...] = ()) -> Plan:
    """A plan of dated doses: ``(day offset, mg)``; the last one holds from then on."""
    return build_plan(
        PlanParams(
            drug="clonazepam",
            start=START,
            dose_mg=Decimal(doses[0][1]),
            formulation=formulation,
            method=Method.CUSTOM,
            custom=tuple((START + timedelta(days=offset), Decimal(mg)) for offset, mg in doses),
            split=tuple(Decimal(mg) for mg in split),
        )
    )


def test_a_liquid_needs_its_millilitres_exactly() -> None:
    # 0.45 mg for 10 days, then 0.41 mg: 0.1 mg/mL → 4.5 mL and 4.1 mL a day.
    plan = build_plan(
        PlanParams(
            drug="clonazepam",
            start=START,
            dose_mg=Decimal("0.5"),
            formulation=Liquid.create("0.1", "0.1"),
            step_days=10,
        )
    )
    need = need_between(plan, START, START + timedelta(days=12))
    assert need.parts[0].amount == Decimal("4.5") * 10 + Decimal("4.1") * 3
    assert need.parts[0].unit == "mL"
    assert need.drug_mg == Decimal("5.73")
    assert need.parts[0].whole_tablets is None
    assert need.describe() == "57.3 mL (5.73 mg)"
    assert need.days == 13


def test_tablets_are_rounded_up_to_whole_tablets_with_the_pieces_shown() -> None:
    # ½ + ½ tab (0.5 mg) for 10 days, then ¼ + ½ (0.375 mg): quarters of a 0.5 mg tablet.
    plan = custom_plan(Tablet.create("0.5", 4), (0, "0.5"), (10, "0.375"), (20, "0"), split=("0.25", "0.25"))
    need = need_between(plan, START + timedelta(days=8), START + timedelta(days=10))
    # 2 days × 4 quarters + 1 day × 3 quarters = 11 quarters = 2 ¾ tablets → 3 tablets.
    assert (need.parts[0].pieces, need.parts[0].piece_name, need.parts[0].amount, need.parts[0].whole_tablets) == (
        11,
        "quarters",
        Decimal("2.75"),
        3,
    )
    assert need.describe() == "3 tablets (11 quarters = 2.75 tablets; 1.375 mg)"


def test_halves_and_whole_tablets() -> None:
    halves = custom_plan(Tablet.create("1", 2), (0, "1.5"))
    need = need_between(halves, START, START + timedelta(days=2))
    assert (need.parts[0].pieces, need.parts[0].piece_name, need.parts[0].whole_tablets) == (9, "halves", 5)
    whole = custom_plan(Tablet.create("2", 1), (0, "2"))
    assert need_between(whole, START, START + timedelta(days=6)).describe() == "7 tablets (14 mg)"


def test_drops_are_counted() -> None:
    plan = custom_plan(Drops.create("0.1"), (0, "0.3"), (5, "0.2"))
    need = need_between(plan, START, START + timedelta(days=6))
    assert (need.parts[0].amount, need.parts[0].unit) == (Decimal(3 * 5 + 2 * 2), "drops")


def test_powder_and_a_stated_increment() -> None:
    scale = custom_plan(PowderScale.create("1", "100", "0.5"), (0, "0.25"))
    need = need_between(scale, START, START + timedelta(days=3))
    assert (need.parts[0].amount, need.parts[0].unit) == (
        Decimal(200),
        "mg of powder",
    )  # 0.25 mg drug = 50 mg powder a day
    raw = custom_plan(RawIncrement.create("0.01"), (0, "0.33"))
    assert need_between(raw, START, START).parts[0].amount == Decimal("0.33")
    assert stock_unit(RawIncrement.create("0.01")) == "mg"


def test_logged_days_count_what_was_logged_and_days_before_the_plan_its_starting_dose() -> None:
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.5"))
    need = need_between(plan, START - timedelta(days=2), START + timedelta(days=1), {START: Decimal("0.7")})
    # 2 days before the plan at its own first dose (custom: dose_before is the start dose), 0.7 logged, 0.5.
    assert need.days_before_plan == 2
    assert need.drug_mg == plan.dose_before_mg * 2 + Decimal("0.7") + Decimal("0.5")


def test_an_end_before_the_start_is_refused_naming_until() -> None:
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.5"))
    with pytest.raises(ValidationError) as raised:
        need_between(plan, START, START - timedelta(days=1))
    assert raised.value.field == "--until"


def test_a_bottle_that_runs_out_before_its_use_by_date() -> None:
    # 5 mL a day from a 30 mL bottle opened on day 0: days 0–5 covered, day 6 is not.
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.5"))
    bottle = Bottle.create("30", "mL", START, START + timedelta(days=59))
    seen = outlook(plan, bottle, START + timedelta(days=2))
    assert seen.runs_out_on == START + timedelta(days=6)
    assert seen.reason == "runs out"
    assert seen.ends_on == START + timedelta(days=6)
    assert seen.left_after == Decimal(15)
    assert seen.days_left(START + timedelta(days=2)) == 4
    assert seen.is_soon(START + timedelta(days=2))
    assert seen.describe(START + timedelta(days=2)).startswith("runs out on Thu 7 Jan 2027 (in 4 d)")


def test_a_bottle_that_expires_before_it_runs_out() -> None:
    # A 60-day use-by on a 100 mL bottle at 1 mL a day: it expires with 40 mL left.
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.1"))
    bottle = Bottle.create("100", "mL", START, START + timedelta(days=59))
    seen = outlook(plan, bottle, START)
    assert seen.runs_out_on is None
    assert seen.reason == "expires"
    assert seen.ends_on == START + timedelta(days=60)
    assert seen.days_left(START) == 60
    assert not seen.is_soon(START)
    assert seen.is_soon(START + timedelta(days=50))
    assert seen.describe(START) == "expires after Mon 1 Mar 2027 (in 60 d), before it runs out"


def test_a_taper_to_zero_never_empties_a_pack_and_it_expires() -> None:
    plan = custom_plan(Tablet.create("0.5", 2), (0, "0.5"), (3, "0"))
    bottle = Bottle.create("30", "tablets", START, START + timedelta(days=365))
    seen = outlook(plan, bottle, START + timedelta(days=10))
    assert seen.runs_out_on is None and seen.reason == "expires"
    assert seen.left_after == Decimal(27)


def test_logged_doses_empty_the_bottle_as_taken() -> None:
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.5"))
    bottle = Bottle.create("30", "mL", START, START + timedelta(days=59))
    seen = outlook(
        plan, bottle, START + timedelta(days=1), {START: Decimal("1"), START + timedelta(days=1): Decimal("1")}
    )
    assert seen.left_after == Decimal(10)
    assert seen.runs_out_on == START + timedelta(days=4)


def test_a_bottle_in_another_unit_than_the_plan_must_be_entered_again() -> None:
    plan = custom_plan(Liquid.create("0.1", "0.1"), (0, "0.5"))
    with pytest.raises(ValidationError) as raised:
        outlook(plan, Bottle.create("30", "tablets", START, START), START)
    assert raised.value.field == SUPPLY_SETTING


@pytest.mark.parametrize(
    ("size", "field"), [("0", "--set-bottle"), ("abc", "--set-bottle"), ("-3", "--set-bottle"), ("1e3", "--set-bottle")]
)
def test_a_bottle_size_that_is_not_an_amount_is_named(size: str, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Bottle.create(size, "mL", START, START)
    assert raised.value.field == field


def test_a_use_by_date_before_opening_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        Bottle.create("30", "mL", START, START - timedelta(days=1))
    assert raised.value.field == "--use-by"


def test_the_stored_bottle_reads_back_and_a_malformed_one_is_named() -> None:
    bottle = Bottle.create("30.5", "mL", START, START + timedelta(days=59))
    assert read_bottle(Settings.from_record({SUPPLY_SETTING: bottle.to_record()})) == bottle
    assert bottle.to_record() == {"size": "30.5", "unit": "mL", "opened": "2027-01-01", "use_by": "2027-03-01"}
    assert read_bottle(Settings()) is None
    for bad in (
        {"size": 30, "unit": "mL", "opened": "2027-01-01", "use_by": "2027-03-01"},
        {"size": "30", "unit": "mL", "opened": "soon", "use_by": "2027-03-01"},
        {"size": "30"},
        "30 mL",
    ):
        with pytest.raises(ValidationError) as raised:
            read_bottle(Settings.from_record({SUPPLY_SETTING: bad}))
        assert raised.value.field.startswith(SUPPLY_SETTING)


def test_one_tablet_and_one_piece_read_in_the_singular():
    """'1 tablets (1 halves …)' read wrongly: a count of one names one."""
    half = FormNeed.of(Tablet.create("1", "2"), date(2027, 1, 1), date(2027, 1, 1), Fraction(1, 2))
    assert half.describe() == "1 tablet (1 half = 0.5 tablets; 0.5 mg)"
    whole = FormNeed.of(Tablet.create("1", "1"), date(2027, 1, 1), date(2027, 1, 1), Fraction(1))
    assert whole.describe() == "1 tablet (1 mg)"
    two = FormNeed.of(Tablet.create("1", "2"), date(2027, 1, 1), date(2027, 1, 1), Fraction(1))
    assert two.describe() == "1 tablet (2 halves = 1 tablet; 1 mg)"
