"""A banded plan in words: its summary names every band's pace, and the too-coarse sentence names
the cut that applies at the dose the form cannot cut (the band's, not the main pace's)."""

from __future__ import annotations

from datetime import date

from tui.core import plan_input as pi
from tui.core.plan_flags import PlanFlag

START = date(2027, 1, 4)
CKS = {
    "drug": "diazepam",
    "dose": "30",
    "cut": "10",
    "every": "14",
    "start": "2027-01-04",
    "tablet": "2",
    "pieces": "2",
    "below": "20:2mg:14, 10:1mg:14, 5:0.5mg:14",
}
"""Diazepam 30 mg in 1 mg half tablets: 10 % every 14 days, then CKS's slower bands; only the
last band (0.5 mg a step) is finer than a half tablet."""


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
