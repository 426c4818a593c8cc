"""``taper-tui plan`` shows a step's flags as the glyph-and-word signs every surface uses, with a
legend for the signs present; ``--json`` keeps the stored codes for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_plan_cli import run_plan
from tui.core.plan_flags import PlanFlag

COARSE = ("--dose", "1", "--tablet", "0.5", "--split", "4", "--start", "2027-01-04")
"""Quarter tablets: one-increment cuts, cuts above 10 %, a form too coarse, the stop."""


def test_table_shows_signs_and_a_legend_not_codes(tmp_path: Path) -> None:
    result = run_plan(tmp_path, *COARSE)
    assert result.returncode == 0, result.stderr
    table = result.stdout
    lines = table.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#  "))
    rows = lines[header + 1 : lines.index("Signs:", header)]
    shown = (PlanFlag.ONE_INCREMENT, PlanFlag.ABOVE_PLANNED, PlanFlag.OVER_10, PlanFlag.TOO_COARSE)
    for flag in (*shown, PlanFlag.STOP, PlanFlag.STOP_ABOVE_JUMP_OFF):
        assert flag.value == PlanFlag.STOP or not any(flag.value in row for row in rows), flag.value
        assert any(flag.marked in row for row in rows)
        assert f"{flag.marked}: {flag.explanation}" in table  # the legend line explains it
    legend = lines[lines.index("Signs:") + 1 : lines.index("", header)]
    assert f"  {PlanFlag.OVER_10.marked}: {PlanFlag.OVER_10.explanation}" in legend  # one sign a line
    assert not any(PlanFlag.HOLD.explanation in line for line in legend)  # only the signs that appear


def test_json_keeps_codes_and_help_says_so(tmp_path: Path) -> None:
    result = run_plan(tmp_path, *COARSE, "--json")
    codes = {code for step in json.loads(result.stdout)["steps"] for code in step["flags"]}
    assert {"one_increment", "over_10", "too_coarse", "stop"} <= codes
    helped = run_plan(tmp_path, "--help")
    assert "codes" in " ".join(helped.stdout.split())


def test_a_banded_plan_names_its_bands_and_the_bands_cut_in_the_warning(tmp_path: Path) -> None:
    bands = ("--below", "20:2mg:14", "--below", "10:1mg:14", "--below", "5:0.5mg:14")
    result = run_plan(tmp_path, "--drug", "diazepam", "--dose", "30", "--tablet", "2", "--split", "2", *bands)
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert "10 % of the current dose every 14 days; ≤ 20 mg: 2 mg every 14 days; ≤ 10 mg: 1 mg" in header
    assert "too coarse from 5 mg down for a 0.5 mg cut" in result.stdout
    assert "for a 10 % cut" not in result.stdout
