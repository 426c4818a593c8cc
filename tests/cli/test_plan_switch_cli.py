"""``taper-tui plan --switch-below`` end to end (docs/DOMAIN.md §3.11): tablets, then a liquid, in a
subprocess on a temporary data file; saved, exported and imported back unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TODAY = "2026-12-01"
SWITCH = ("--dose", "2", "--tablet", "0.5", "--split", "4", "--start", "2027-01-04")
THEN = ("--switch-below", "1.25", "--then-liquid", "0.1", "--then-resolution", "0.01")


def run(tmp_path: Path, *args: str, data: str = "t.json") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--data", str(tmp_path / data), "--today", TODAY, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_tablets_until_below_the_switch_then_the_liquid(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *SWITCH, *THEN, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["switch"] == {
        "below_mg": "1.25",
        "formulation": "liquid 0.1 mg/mL measured to 0.01 mL (0.001 mg steps)",
    }
    steps = document["steps"]
    assert [(s["dose_mg"], s["unit_dose"]) for s in steps[4:8]] == [
        ("1.375", "2 ¾ tab"),
        ("1.25", "2 ½ tab"),
        ("1.125", "11.25 mL"),  # 10 % of 1.25 mg, measurable in the liquid exactly
        ("1.013", "10.13 mL"),  # 1.0125 rounded up: never a bigger cut than planned
    ]
    assert steps[5]["formulation"].startswith("0.5 mg tablet") and steps[6]["formulation"].startswith("liquid")


def test_the_table_names_both_forms(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *SWITCH, *THEN)
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert "0.5 mg tablet, split in 4" in header and "below 1.25 mg: liquid 0.1 mg/mL" in header
    assert "11.25 mL" in result.stdout


def test_a_second_form_without_the_switch_dose_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *SWITCH, "--then-liquid", "0.1")
    assert result.returncode == 2
    assert "--switch-below is empty" in result.stderr
    result = run(tmp_path, "plan", *SWITCH, "--switch-below", "1")
    assert result.returncode == 2
    assert "--then-liquid is empty — give the second form too" in result.stderr
    result = run(tmp_path, "plan", *SWITCH, "--switch-below", "1", "--then-liquid", "0.1", "--then-tablet", "1")
    assert result.returncode == 2 and "choose one way of measuring (already --then-liquid)" in result.stderr


def test_saved_exported_and_imported_back_unchanged(tmp_path: Path) -> None:
    saved = run(tmp_path, "plan", *SWITCH, *THEN, "--start", "2026-12-01", "--save", "--yes")
    assert saved.returncode == 0, saved.stderr
    exported = tmp_path / "export.json"
    assert run(tmp_path, "export", "-o", str(exported)).returncode == 0
    plan = json.loads(exported.read_text(encoding="utf-8"))["plan"]
    assert plan["params"]["switch"] == {
        "below_mg": "1.25",
        "formulation": {"kind": "liquid", "mg_per_ml": "0.1", "resolution_ml": "0.01"},
    }
    assert plan["steps"][6]["formulation"] == {"kind": "liquid", "mg_per_ml": "0.1", "resolution_ml": "0.01"}
    assert "formulation" not in plan["steps"][5]
    imported = run(tmp_path, "import", str(exported), data="other.json")
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / "again.json"
    assert run(tmp_path, "export", "-o", str(again), data="other.json").returncode == 0
    assert json.loads(again.read_text(encoding="utf-8"))["plan"] == plan
    shown = run(tmp_path, "plan", "--show", "--json", data="other.json")
    assert json.loads(shown.stdout)["steps"][6]["unit_dose"] == "11.25 mL"
