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
