"""``taper-tui plan --crossover-to`` end to end (docs/DOMAIN.md §3.12): clonazepam → diazepam in
stages, in a subprocess on a temporary data file; saved, exported and imported back unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TODAY = "2026-12-01"
NOW = ("--drug", "clonazepam", "--dose", "1", "--split-doses", "0.5+0.5", "--tablet", "0.5", "--split", "2")
CROSS = ("--crossover-to", "diazepam", "--crossover-stages", "4", "--crossover-every", "7", "--to-tablet", "5")
NEW_FORM = ("--to-split", "2")


def run(tmp_path: Path, *args: str, data: str = "t.json") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--data", str(tmp_path / data), "--today", TODAY, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_the_ashton_crossover_shows_both_drugs_and_the_level_total(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *NOW, *CROSS, *NEW_FORM, "--start", "2027-01-04")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "first a crossover to diazepam in 4 stages of 7 days (Ashton Manual (2002))" in lines[0]
    # each step's line, then its day (≈ diazepam, labelled) and one numbered intake a line
    step = lines.index(next(line for line in lines if line.startswith("1   2027-01-04  2027-01-10")))
    assert lines[step + 1 : step + 5] == [
        "    daily total ≈ 20 mg diazepam",
        "    1) clonazepam 0.5 mg = 1 tab",
        "    2) clonazepam 0.25 mg = ½ tab",
        "       + diazepam 5 mg = 1 tab",
    ]
    fifth = lines.index(next(line for line in lines if line.startswith("5   2027-02-01")))
    assert lines[fifth + 1].strip() == "≫ fast start"  # its flags wrap within 80 columns
    assert lines[fifth + 2 : fifth + 5] == [
        "    daily total diazepam 17.5 mg",
        "    1) diazepam 7.5 mg = 1 ½ tab",
        "    2) diazepam 10 mg = 2 tab",
    ]


def test_json_carries_each_drug_and_va_dod_halves_the_diazepam(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *NOW, *CROSS, *NEW_FORM, "--equivalence", "va-dod", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["crossover"]["equivalence"] == "va-dod" and document["crossover"]["stages"] == 4
    first = document["steps"][0]
    assert first["drug"] == "clonazepam" and first["also"]["intakes_mg"] == ["0", "2.5"]
    assert first["diazepam_mg"] == "10"
    assert document["steps"][3]["drug"] == "diazepam" and document["steps"][3]["intakes_mg"] == ["5", "5"]


def test_bad_crossover_flags_are_usage_errors_naming_the_flag(tmp_path: Path) -> None:
    cases = [
        (("--crossover-stages", "4"), "--crossover-to is empty"),
        ((*CROSS[:6],), "--to-tablet is empty — give how the new drug is measured"),
        ((*CROSS, "--crossover-stages", "0"), '--crossover-stages: "0" is not allowed'),
        ((*CROSS, *NEW_FORM, "--equivalence", "bnf"), '--equivalence: "bnf" is not allowed — use ashton or va-dod'),
        ((*CROSS, *NEW_FORM, "--crossover-first", "3"), '--crossover-first: "3" is not allowed'),
        ((*CROSS[:2], "--crossover-stages", "4", "--to-tablet", "4"), "--to-tablet"),
        (("--crossover-to", "buspirone", "--to-tablet", "5"), "--crossover-to"),
    ]
    for flags, message in cases:
        result = run(tmp_path, "plan", *NOW, *flags)
        assert result.returncode == 2, (flags, result.stdout)
        assert message in result.stderr, (flags, result.stderr)


def test_saved_exported_and_imported_back_unchanged(tmp_path: Path) -> None:
    saved = run(tmp_path, "plan", *NOW, *CROSS, *NEW_FORM, "--start", "2026-12-01", "--save", "--yes")
    assert saved.returncode == 0, saved.stderr
    exported = tmp_path / "export.json"
    assert run(tmp_path, "export", "-o", str(exported)).returncode == 0
    plan = json.loads(exported.read_text(encoding="utf-8"))["plan"]
    assert plan["params"]["crossover"]["to"] == "diazepam"
    assert plan["steps"][0]["also"]["intakes_mg"] == ["0", "5"] and "drug" not in plan["steps"][0]
    assert plan["steps"][3]["drug"] == "diazepam"
    imported = run(tmp_path, "import", str(exported), data="other.json")
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / "again.json"
    assert run(tmp_path, "export", "-o", str(again), data="other.json").returncode == 0
    assert json.loads(again.read_text(encoding="utf-8"))["plan"] == plan


def test_an_export_with_a_bad_crossover_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    assert run(tmp_path, "plan", *NOW, *CROSS, *NEW_FORM, "--start", "2026-12-01", "--save", "--yes").returncode == 0
    exported = tmp_path / "export.json"
    assert run(tmp_path, "export", "-o", str(exported)).returncode == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    for breaking in (
        lambda d: d["plan"]["params"]["crossover"].update(stages=0),
        lambda d: d["plan"]["params"]["crossover"].update(equivalence="bnf"),
        lambda d: d["plan"]["steps"][0]["also"].update(intake_units=[1]),
        lambda d: d["plan"]["steps"][0].update(also="diazepam"),
    ):
        broken = json.loads(json.dumps(document))
        breaking(broken)
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        result = run(tmp_path, "import", str(path), data="fresh.json")
        assert result.returncode != 0 and "plan" in result.stderr, result.stderr
        assert not (tmp_path / "fresh.json").exists()


def test_nhs_scotland_lorazepam_crossover_then_the_morning_dose_first(tmp_path: Path) -> None:
    """lorazepam 1 mg bd → diazepam 10 mg bd (night first), then the morning dose 9, 8 … stop."""
    flags = ("--drug", "lorazepam", "--dose", "2", "--split-doses", "1+1", "--tablet", "1", "--start", "2027-01-04")
    cross = ("--crossover-to", "diazepam", "--crossover-stages", "2", "--to-tablet", "2", "--to-split", "2")
    taper = ("--method", "linear", "--linear-mg", "1", "--order", "sequential", "--cut-first", "1", "--json")
    result = run(tmp_path, "plan", *flags, *cross, *taper)
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout)["steps"]
    assert steps[0]["intake_texts"] == ["lorazepam 1 mg = 1 tab", "diazepam 10 mg = 5 tab"]
    assert [s["intakes_mg"] for s in steps[1:4]] == [["10", "10"], ["9", "10"], ["8", "10"]]
    assert [s["diazepam_mg"] for s in steps[:4]] == ["20", "20", "19", "18"]
    assert steps[11]["intakes_mg"] == ["0", "10"] and steps[12]["intakes_mg"] == ["0", "9"]
