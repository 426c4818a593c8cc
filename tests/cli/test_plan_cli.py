"""``taper-tui plan`` end to end, in a subprocess, on a temporary data file and a fixed today."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

TODAY = "2026-12-01"


def run_plan(tmp_path: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "--today", today, "plan", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_json_liquid_plan(tmp_path: Path) -> None:
    result = run_plan(
        tmp_path,
        "--drug",
        "clonazepam",
        "--dose",
        "1",
        "--cut",
        "10",
        "--every",
        "14",
        "--start",
        "2027-01-04",
        "--hold",
        "14",
        "--liquid",
        "0.1",
        "--resolution",
        "0.1",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    first_cut = document["steps"][1]
    assert first_cut == {
        **first_cut,
        "start": "2027-01-18",
        "end": "2027-01-31",
        "dose_mg": "0.9",
        "cut_pct": "10",
        "unit_dose": "9 mL",
        "flags": [],
    }
    assert document["steps"][0]["flags"] == ["hold"]
    assert document["steps"][-1]["dose_mg"] == "0"
    assert document["end_date"] == document["steps"][-1]["start"]
    assert any("too coarse below 0.1 mg" in w for w in document["warnings"])
    assert {e["source"] for e in document["diazepam_equivalents"]} == {
        "Ashton Manual (2002)",
        "VA/DoD guideline (2021)",
    }
    assert not (tmp_path / "t.json").exists()  # printing never writes


def test_quarter_tablet_table(tmp_path: Path) -> None:
    result = run_plan(tmp_path, "--dose", "1", "--tablet", "0.5", "--split", "4", "--start", "2027-01-04")
    assert result.returncode == 0, result.stderr
    assert "1 ¾ tab" in result.stdout and "12.5" in result.stdout and "¹ 1 step" in result.stdout
    assert "too coarse below 1.25 mg" in result.stdout
    assert "not medical advice" in result.stdout


def test_bad_input_names_flag_value_and_what_is_allowed(tmp_path: Path) -> None:
    cases = [
        (("--dose", "abc"), "--dose"),
        (("--dose", "1", "--cut", "150"), "--cut"),
        (("--dose", "1", "--every", "0"), "--every"),
        (("--dose", "1", "--tablet", "0.5", "--split", "3"), "--split"),
        (("--dose", "1.1", "--tablet", "0.5", "--split", "4"), "--dose"),
        (("--dose", "1", "--split-doses", "0.5,0.25"), "--split-doses"),
        (("--dose", "1", "--start", "2027-13-01"), "--start"),
        (("--method", "occupancy", "--dose", "20"), "--emax"),
    ]
    for args, flag in cases:
        result = run_plan(tmp_path, *args)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr.startswith(f"taper-tui: {flag}"), (args, result.stderr)
        assert "is not allowed — " in result.stderr or f"{flag} is empty — give " in result.stderr, result.stderr


def test_save_needs_confirmation_then_stores_plan_and_event(tmp_path: Path) -> None:
    base = ("--dose", "1", "--tablet", "0.5", "--split", "4", "--start", "2027-01-04", "--save")
    refused = run_plan(tmp_path, *base)
    assert refused.returncode == 2 and "--yes" in refused.stderr and "confirm" in refused.stderr
    saved = run_plan(tmp_path, *base, "--yes", "--json", "--reason", "agreed with Dr K")
    assert saved.returncode == 0, saved.stderr
    shown = run_plan(tmp_path, "--show", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["steps"] == json.loads(saved.stdout)["steps"]
    stored = json.loads((tmp_path / "t.json").read_text())
    assert "create" in json.dumps(stored) and "agreed with Dr K" in json.dumps(stored)


def test_save_without_confirmation_when_nothing_needs_it(tmp_path: Path) -> None:
    result = run_plan(
        tmp_path, "--dose", "1", "--increment", "0.01", "--target", "0.5", "--start", "2027-01-04", "--save"
    )
    assert result.returncode == 0, result.stderr
    assert "Saved as the active plan" in result.stdout


def test_hold_slow_down_and_return_to_stable_on_the_stored_plan(tmp_path: Path) -> None:
    created = run_plan(
        tmp_path,
        "--dose",
        "1",
        "--liquid",
        "0.1",
        "--start",
        "2027-01-04",
        "--hold",
        "14",
        "--jump-off",
        "0.1",
        "--save",
        "--yes",
        "--json",
    )
    assert created.returncode == 0, created.stderr
    before = json.loads(created.stdout)
    held = run_plan(tmp_path, "--hold-days", "7", "--reason", "flu", "--json", today="2027-02-03")
    assert held.returncode == 0, held.stderr
    after = json.loads(held.stdout)
    assert after["steps"][:2] == before["steps"][:2]
    assert after["steps"][2]["end"] == "2027-02-21" and "held" in after["steps"][2]["flags"]
    slower = run_plan(tmp_path, "--slow-down", "5", "--json", today="2027-02-03")
    assert slower.returncode == 0, slower.stderr
    assert json.loads(slower.stdout)["steps"][3]["cut_pct"] in {"5", "4.9", "4.8", "4.7", "4.6"}
    no_reason = run_plan(tmp_path, "--return-to-stable", today="2027-02-03")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    back = run_plan(tmp_path, "--return-to-stable", "--reason", "insomnia", "--json", today="2027-02-03")
    assert back.returncode == 0, back.stderr
    steps = json.loads(back.stdout)["steps"]
    assert any("increase" in s["flags"] and s["dose_mg"] == "0.9" for s in steps)
    stored = (tmp_path / "t.json").read_text()
    for kind in ("create", "hold", "slow_down", "return_to_stable"):
        assert f'"{kind}"' in stored


def test_change_without_a_stored_plan_says_what_to_do(tmp_path: Path) -> None:
    result = run_plan(tmp_path, "--hold-days", "7")
    assert result.returncode == 2 and "--save" in result.stderr


def plan_json(tmp_path: Path, *args: str) -> dict:
    result = run_plan(tmp_path, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_three_intakes_split_evenly_without_a_word_about_split_doses(tmp_path: Path) -> None:
    result = run_plan(tmp_path, "--dose", "1", "--intakes", "3", "--start", "2027-01-04", "--hold", "7", "--json")
    assert result.returncode == 0, result.stderr
    assert "--split-doses" not in result.stderr
    steps = json.loads(result.stdout)["steps"]
    assert steps[0]["intakes_mg"] == ["0.33", "0.34", "0.33"]
    for step in steps:
        assert sum(Decimal(mg) for mg in step["intakes_mg"]) == Decimal(step["dose_mg"])


def test_the_cli_uses_the_one_set_of_bounds(tmp_path: Path) -> None:
    for args, flag, words in [
        (("--dose", "1", "--intakes", "7"), "--intakes", "from 1 to 6"),
        (("--dose", "1", "--cut", "0.05"), "--cut", "from 0.1 to 99.9"),
        (("--dose", "1", "--intakes", "3", "--split-doses", "0.5,0.5"), "--split-doses", "give 3 amounts"),
        (("--dose", "", "--intakes", "2"), "--dose", "is empty — give the current daily dose in mg"),
        (("--dose", "1", "--start", "2027-02-30"), "--start", "use a real date"),
    ]:
        result = run_plan(tmp_path, *args)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr.startswith(f"taper-tui: {flag}"), (args, result.stderr)
        assert words in result.stderr, (args, result.stderr)
        assert '""' not in result.stderr and "None" not in result.stderr


def test_drug_name_kept_and_both_split_separators(tmp_path: Path) -> None:
    document = plan_json(tmp_path, "--drug", "Klonopin", "--dose", "1", "--split-doses", "0.5+0.5", "--hold", "7")
    assert document["drug"] == "clonazepam" and document["drug_as_typed"] == "Klonopin"
    assert document["diazepam_equivalents"] and document["half_life_hours"].startswith("18–50")
    assert document["steps"][0]["intakes_mg"] == ["0.5", "0.5"]
    assert plan_json(tmp_path, "--dose", "1", "--split-doses", "0.5,0.5", "--hold", "7")["steps"][0]["intakes_mg"] == [
        "0.5",
        "0.5",
    ]


def test_slow_down_refuses_the_current_cut(tmp_path: Path) -> None:
    saved = run_plan(tmp_path, "--dose", "1", "--start", "2027-01-04", "--jump-off", "0.05", "--save")
    assert saved.returncode == 0, saved.stderr
    same = run_plan(tmp_path, "--slow-down", "10", today="2027-02-03")
    assert same.returncode == 2
    assert "smaller than the current 10 %" in same.stderr


def test_the_header_shows_the_brand_as_typed_and_the_half_life(tmp_path: Path) -> None:
    result = run_plan(tmp_path, "--drug", "Xanax", "--dose", "1", "--start", "2027-01-04")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith("alprazolam (Xanax): 10 % of the current dose every 14 days")
    assert second == "alprazolam: half-life in hours: 6–12 (Ashton Manual (2002))."
    assert "≈ 20 mg diazepam (Ashton Manual (2002)" in result.stdout
    assert "≈ 10 mg diazepam (VA/DoD guideline (2021)" in result.stdout


def test_lengthen_is_used_for_a_linear_plan(tmp_path: Path) -> None:
    common = ("--dose", "1", "--method", "linear", "--linear-mg", "0.1", "--every", "7", "--tablet", "1")
    args = (*common, "--split", "4", "--start", "2027-01-04", "--json")
    plain = json.loads(run_plan(tmp_path, *args).stdout)
    longer = json.loads(run_plan(tmp_path, *args, "--lengthen").stdout)
    assert plain["end_date"] == "2027-01-25"  # its own line is still at 0.6 mg that day
    assert longer["end_date"] == "2027-03-15"  # the line reaches 0 after 10 weeks; the last dose is held 3
    assert [s["dose_mg"] for s in longer["steps"]] == ["1", "0.75", "0.5", "0.25", "0"]


def test_sequential_order_and_per_intake_custom_doses(tmp_path: Path) -> None:
    args = ("--drug", "diazepam", "--dose", "20", "--split-doses", "10+10", "--order", "sequential")
    args += ("--method", "linear", "--linear-mg", "1", "--increment", "1", "--start", "2027-01-04", "--json")
    document = json.loads(run_plan(tmp_path, *args).stdout)
    assert [s["intakes_mg"] for s in document["steps"][8:12]] == [["1", "10"], ["0", "10"], ["0", "9"], ["0", "8"]]
    custom = "2027-01-04=9+10,2027-01-18=8+10,2027-02-01=0"
    result = run_plan(tmp_path, "--method", "custom", "--custom", custom, "--increment", "1", "--drug", "diazepam")
    assert result.returncode == 0, result.stderr
    assert "9 mg + 10 mg" in result.stdout and "8 mg + 10 mg" in result.stdout
    bad = run_plan(tmp_path, "--order", "zigzag", "--dose", "1")
    assert bad.returncode == 2 and "--order" in bad.stderr


def test_dose_bands_from_repeated_below(tmp_path: Path) -> None:
    args = ("--drug", "diazepam", "--dose", "30", "--method", "linear", "--linear-mg", "4", "--tablet", "2")
    args += ("--split", "4", "--below", "20:2mg:14", "--below", "5:0.5mg:14", "--start", "2027-01-04", "--json")
    document = json.loads(run_plan(tmp_path, *args).stdout)
    doses = [s["dose_mg"] for s in document["steps"]]
    assert doses[:6] == ["26", "22", "20", "18", "16", "14"] and doses[-3:] == ["1", "0.5", "0"]
    bad = run_plan(tmp_path, "--dose", "1", "--below", "0.5:5")
    assert bad.returncode == 2 and '--below: "0.5:5" is not allowed' in bad.stderr
