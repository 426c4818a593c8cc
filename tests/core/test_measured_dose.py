"""Doses typed in the measured unit: exact mg, whole increments only, plain numbers only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.formulations import Drops, Liquid, PowderScale, RawIncrement, Tablet
from tui.core.measured_dose import dose_text, other_unit_text, read_dose
from tui.core.validation import ValidationError

FORMS = [
    Liquid.create("0.1", "0.1"),
    Liquid.create("2.5", "0.05"),
    Tablet.create("0.5", 4),
    Tablet.create("2", 2),
    Drops.create("0.1"),
    PowderScale.create("1", "100", "0.5"),
    RawIncrement.create("0.01"),
]


@given(st.sampled_from(FORMS), st.integers(min_value=0, max_value=400))
def test_a_measured_dose_shown_in_the_field_reads_back_as_the_same_exact_mg(form, units):
    mg = form.mg(units)
    read = read_dose(dose_text(mg, form), form)
    assert read.mg == mg and read.units == units


@pytest.mark.parametrize(
    ("text", "mg"),
    [("½", "0.25"), ("1/4", "0.125"), ("0.25 tab", "0.125"), ("1 ¾ tab", "0.875"), ("2", "1"), ("0.375 mg", "0.375")],
)
def test_tablet_pieces_are_read_as_glyphs_fractions_or_decimals(text, mg):
    assert read_dose(text, Tablet.create("0.5", 4)).mg == Decimal(mg)


def test_ml_shows_mg_beside_it_and_mg_shows_ml():
    liquid = Liquid.create("0.1", "0.1")
    assert other_unit_text(read_dose("4.6", liquid), liquid) == "= 0.46 mg"
    assert other_unit_text(read_dose("0.46 mg", liquid), liquid) == "= 4.6 mL"
    assert other_unit_text(read_dose("0.463 mg", liquid), liquid) == "(not a whole 0.1 mL step)"
    assert read_dose("9 drops", Drops.create("0.1")).mg == Decimal("0.9")
    assert read_dose("52 mg powder", PowderScale.create("1", "100", "0.5")).mg == Decimal("0.26")


@pytest.mark.parametrize(
    ("text", "nearest"),
    [("4.65", "4.6 mL (0.46 mg) or 4.7 mL (0.47 mg)"), ("0.05", "0.1 mL (0.01 mg)")],
)
def test_an_amount_between_increments_names_the_nearest_measurable_ones(text, nearest):
    with pytest.raises(ValidationError) as raised:
        read_dose(text, Liquid.create("0.1", "0.1"))
    assert nearest in str(raised.value)


@pytest.mark.parametrize("text", ["1E2", "1_000", "٣", "-1", "1,5", "1/0", ".5", "one"])
def test_only_plain_numbers_are_doses(text):
    for form in (None, Liquid.create("0.1", "0.1"), Tablet.create("0.5", 4)):
        with pytest.raises(ValidationError):
            read_dose(text, form)
