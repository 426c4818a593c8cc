"""``taper-tui plan … --save`` on a stored plan (a re-plan), in a subprocess on a test's own file:
the re-planned tail is confirmed against what was taken before it (docs/DOMAIN.md §3.4)."""

from __future__ import annotations

import json

CLONAZEPAM = (
    "--drug",
    "clonazepam",
    "--dose",
    "1",
    "--tablet",
    "0.5",
    "--split",
    "4",
    "--start",
    "2027-03-08",
    "--yes",
)
DIAZEPAM_12 = (
    "--drug",
    "diazepam",
    "--dose",
    "12",
    "--liquid",
    "1",
    "--resolution",
    "0.1",
    "--jump-off",
    "1",
    "--start",
    "2027-03-15",
)


def test_a_re_plan_onto_diazepam_that_cuts_over_25_pct_needs_confirmation(taper):
    assert taper("plan", *CLONAZEPAM, "--save").returncode == 0
    before = json.loads(taper("export").stdout)["plan"]
    refused = taper("plan", *DIAZEPAM_12, "--save")  # 12 mg ≈ 31 % below clonazepam 0.875 mg ≈ 17.5 mg
    assert refused.returncode == 2, refused.stdout
    assert "2027-03-15: more than 25 % lower than 14 days before" in refused.stderr
    assert json.loads(taper("export").stdout)["plan"] == before  # nothing written
    saved = taper("plan", *DIAZEPAM_12, "--save", "--yes", "--json")
    assert saved.returncode == 0, saved.stderr
    step = next(s for s in json.loads(saved.stdout)["steps"] if s["start"] == "2027-03-15")
    assert "over_25_in_14" in step["flags"]
    assert "increase" not in step["flags"]


LIQUID = ("--drug", "clonazepam", "--liquid", "0.1", "--resolution", "0.1", "--jump-off", "0.05", "--yes")


def _step_on(document: dict, day: str) -> dict:
    return next(s for s in document["steps"] if s["start"] <= day <= s["end"])


def test_a_re_plan_mid_taper_holds_the_dose_taken_a_full_step_before_its_first_cut(taper):
    # Stored from 2027-03-08: 1 → 0.9 mg that day, 0.81 from 03-22; today is 03-15, mid-step.
    assert taper("plan", *LIQUID, "--dose", "1", "--start", "2027-03-08", "--save").returncode == 0
    saved = taper("plan", *LIQUID, "--dose", "0.9", "--cut", "5", "--start", "2027-03-15", "--save", "--json")
    assert saved.returncode == 0, saved.stderr
    document = json.loads(saved.stdout)
    first = _step_on(document, "2027-03-15")
    assert (first["start"], first["end"], first["dose_mg"]) == ("2027-03-15", "2027-03-28", "0.9")
    assert "hold" in first["flags"] and first["cut_pct"] == "0"  # no cut on the day it is saved
    assert _step_on(document, "2027-03-29")["dose_mg"] == "0.86"  # then 5 %, rounded up


def test_a_re_plan_asked_to_cut_on_its_first_day_does(taper):
    assert taper("plan", *LIQUID, "--dose", "1", "--start", "2027-03-08", "--save").returncode == 0
    saved = taper(
        "plan", *LIQUID, "--dose", "0.9", "--cut", "5", "--hold", "0", "--start", "2027-03-15", "--save", "--json"
    )
    assert saved.returncode == 0, saved.stderr
    assert _step_on(json.loads(saved.stdout), "2027-03-15")["dose_mg"] == "0.86"  # --hold 0: asked for


def test_a_plan_saved_before_any_is_stored_starts_with_its_first_cut(taper):
    saved = taper("plan", *LIQUID, "--dose", "1", "--start", "2027-03-15", "--save", "--json")
    assert _step_on(json.loads(saved.stdout), "2027-03-15")["dose_mg"] == "0.9"  # docs/DOMAIN.md §2, Dates
