"""A banded plan in words: its summary names every band's pace, and the too-coarse sentence names
the cut that applies at the dose the form cannot cut (the band's, not the main pace's)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.plan_builders import CKS, START
from tui.core import plan_input as pi
from tui.core.plan_flags import PlanFlag


def test_the_pace_names_every_band() -> None:
    params = pi.plan_from_text(CKS, START, "tablet").params
    assert params.pace_text() == (
        "10 % of the current dose every 14 days; ≤ 20 mg: 2 mg every 14 days; "
        "≤ 10 mg: 1 mg every 14 days; ≤ 5 mg: 0.5 mg every 14 days"
    )
    plain = pi.plan_from_text({**CKS, "below": ""}, START, "tablet").params
    assert plain.pace_text() == "10 % of the current dose every 14 days"


def test_too_coarse_names_the_cut_of_the_band_in_effect() -> None:
    plan = pi.plan_from_text(CKS, START, "tablet")
    coarse = [s for s in plan.steps if s.has(PlanFlag.TOO_COARSE)]
    # A 2 mg or 1 mg cut is whole half tablets: only the 0.5 mg band is too coarse.
    assert coarse and all(s.dose_mg < 5 for s in coarse)
    texts = {f.text for s in coarse for f in s.flags if f.code == PlanFlag.TOO_COARSE}
    assert texts == {
        "This form is too coarse from 5 mg down for a 0.5 mg cut — a liquid or a compounded form "
        "(e.g. capsules in smaller steps), or lengthen the steps."
    }
    assert not any("10 % cut" in w for w in plan.warnings())


def test_a_percentage_band_names_its_own_percentage() -> None:
    text = {"dose": "1", "cut": "10", "every": "14", "start": "2027-01-04", "increment": "0.01", "below": "0.5:5:28"}
    warnings = pi.plan_from_text(text, START, "increment").warnings()
    assert any("too coarse below 0.2 mg for a 5 % cut" in w for w in warnings)
    assert not any("10 % cut" in w for w in warnings)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(10, 40),
    st.sampled_from(["0.5", "1"]),
    st.lists(st.tuples(st.integers(1, 19), st.integers(1, 4), st.integers(1, 28)), min_size=1, max_size=3),
)
def test_a_step_is_too_coarse_only_for_the_cut_in_effect_and_says_that_cut(
    start_mg: int, increment: str, raw_bands: list[tuple[int, int, int]]
) -> None:
    bands = ", ".join(
        f"{below}:{Decimal(cut) / 4}mg:{days}" for below, cut, days in {b[0]: b for b in raw_bands}.values()
    )
    text = {"dose": str(start_mg), "cut": "10", "every": "14", "start": "2027-01-04"}
    plan = pi.plan_from_text({**text, "increment": increment, "below": bands}, START, "increment")
    inc = Decimal(increment)
    before = plan.params.dose_mg
    for step in plan.steps:
        band = plan.params.band_at(before)
        coarse = [f.text for f in step.flags if f.code == PlanFlag.TOO_COARSE]
        if band is not None and step.cut_pct > 0:
            assert bool(coarse) == (band.cut_mg is not None and band.cut_mg < inc)
            assert all(f"for a {band.cut_text} cut" in t for t in coarse)
        elif coarse:
            assert all("for a 10 % cut" in t for t in coarse)
        before = step.dose_mg


def test_the_pace_names_a_sequential_order_and_the_intake_cut_first() -> None:
    """NHS Scotland's morning-first sequence: the header says which intake is cut to 0 first."""
    fields = {"drug": "diazepam", "dose": "20", "split": "10+10", "cut": "10", "every": "14", "start": "2027-01-04"}
    fields |= {"tablet": "1", "order": "sequential", "cut_first": "1"}
    params = pi.plan_from_text(fields, START, "tablet").params
    assert params.pace_text().endswith("; one intake at a time: intake 1 down to 0 first, then intake 2")
    even = pi.plan_from_text({**fields, "order": "even"}, START, "tablet").params
    assert "one intake at a time" not in even.pace_text()
