"""Formulations: the measurable increment, rounding up, and the dose in the unit measured."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.formulations import (
    Drops,
    Formulation,
    Liquid,
    PowderScale,
    RawIncrement,
    Tablet,
    fraction_to_decimal,
)
from tui.core.validation import ValidationError


def test_quarter_tablet_increment_and_text() -> None:
    tablet = Tablet.create("0.5", 4)
    assert tablet.increment_mg == Decimal("0.125")
    assert tablet.unit_text(3) == "¾ tab"
    assert tablet.unit_text(6) == "1 ½ tab"
    assert tablet.unit_text(8) == "2 tab"
    assert tablet.unit_text(1) == "¼ tab"
    assert tablet.round_up(Decimal("0.9")) == Decimal("1")
    assert tablet.round_up(Decimal("0.7875")) == Decimal("0.875")


def test_liquid_drops_scale_and_raw_texts() -> None:
    liquid = Liquid.create("0.1", "0.1")
    assert liquid.increment_mg == Decimal("0.01")
    assert liquid.unit_text(45) == "4.5 mL"
    assert liquid.unit_text(90) == "9 mL"
    drops = Drops.create("0.1")
    assert drops.unit_text(9) == "9 drops" and drops.unit_text(1) == "1 drop"
    scale = PowderScale.create("1", "100", "0.5")
    assert scale.increment_mg == Decimal("0.005")
    assert scale.unit_text(52) == "52 mg powder"
    assert scale.mg(52) == Decimal("0.26")
    raw = RawIncrement.create("0.01")
    assert raw.unit_text(53) == "0.53 mg"


def test_scale_without_finite_decimal_stays_exact_in_units() -> None:
    scale = PowderScale.create("1", "120", "0.5")
    assert scale.increment == Fraction(1, 240)
    assert scale.mg(240) == Decimal("1")
    assert scale.mg(1) == Decimal("0.004167")  # shown rounded; the step keeps 1 unit exactly


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (lambda: Tablet.create("0.5", 3), "split"),
        (lambda: Tablet.create("0", 2), "tablet strength"),
        (lambda: Liquid.create("abc", "0.1"), "liquid"),
        (lambda: Liquid.create("0.1", "-1"), "resolution"),
        (lambda: Drops.create("0"), "drops"),
        (lambda: RawIncrement.create(0.01), "increment"),
    ],
)
def test_bad_values_name_the_field(factory, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        factory()
    assert raised.value.field == field


@pytest.mark.parametrize(
    "form",
    [
        Tablet.create("0.5", 4),
        Liquid.create("2.5", "0.05"),
        Drops.create("0.1"),
        PowderScale.create("1", "120", "0.5"),
        RawIncrement.create("0.001"),
    ],
)
def test_record_round_trip(form: Formulation) -> None:
    assert Formulation.from_record(form.to_record()) == form


def test_fraction_to_decimal_is_exact_when_finite() -> None:
    assert fraction_to_decimal(Fraction(1, 8)) == Decimal("0.125")
    assert str(fraction_to_decimal(Fraction(3, 10))) == "0.3"


@settings(max_examples=200, deadline=None)
@given(
    strength=st.sampled_from(["0.5", "1", "2", "0.25"]),
    split=st.sampled_from([1, 2, 4]),
    target=st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=4),
)
def test_round_up_is_measurable_and_never_below_target(strength: str, split: int, target: Decimal) -> None:
    tablet = Tablet.create(strength, split)
    rounded = tablet.round_up(target)
    assert tablet.is_measurable(rounded)
    assert rounded >= target
    assert rounded - target < tablet.increment_mg
