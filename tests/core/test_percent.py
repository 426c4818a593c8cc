"""One rounding for every percentage shown: half-up to one decimal, as the Schedule's cut %."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tui.core.doses import percent
from tui.core.plan_model import ratio_percent


def test_a_half_rounds_up_as_the_schedule_does():
    # 2 → 1.875 mg is 6.25 % lower: Today said 6.2 (the decimal context's half-even), the Schedule 6.3
    assert percent(Decimal("0.125"), Decimal(2)) == Decimal("6.3")


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percent_and_the_schedule_s_ratio_agree(part, whole):
    assert percent(Decimal(part), Decimal(whole)) == ratio_percent(part, whole)
