"""``taper-tui plan`` on a crossover reads at 80 columns (docs/DOMAIN.md §3.12): each step's line,
then its day's ≈ diazepam labelled and one numbered intake a line, never a 170-column row whose
wrapped ≈ figure reads as part of an intake; ``--json`` and a plan of one drug are unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TODAY = "2026-12-01"
NOW = ("--drug", "clonazepam", "--dose", "1", "--split-doses", "0.5+0.5", "--tablet", "0.5", "--split", "2")
CROSS = ("--crossover-to", "diazepam", "--crossover-stages", "4", "--crossover-every", "7", "--to-tablet", "5")
LORAZEPAM = ("--drug", "lorazepam", "--dose", "2", "--split-doses", "1+1", "--tablet", "1", "--start", "2027-01-04")
SEQUENTIAL = ("--method", "linear", "--linear-mg", "1", "--order", "sequential", "--cut-first", "1")


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "--today", TODAY, *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return result


def table_lines(stdout: str) -> list[str]:
    """The lines from the table's header to the signs under it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#   from"))
    return lines[start : lines.index("Signs:")]


def test_a_crossover_says_one_statement_a_line_within_80_columns(tmp_path: Path) -> None:
    result = run(tmp_path, "plan", *NOW, *CROSS, "--to-split", "2", "--start", "2027-01-04")
    table = table_lines(result.stdout)
    assert table[0].split() == ["#", "from", "to", "cut", "%", "flags"]
    assert all(len(line) <= 80 for line in table)  # a step's many flags wrap in their column
    fifth = table.index(next(line for line in table if line.startswith("5   2027-02-01")))
    assert table[fifth + 1].startswith(" " * 30) and table[fifth + 2] == "    daily total diazepam 17.5 mg"
    assert "12 steps (8 cuts), 2027-01-04 → 2027-05-10" in result.stdout
    assert not any(line.startswith("    ") and line.rstrip().endswith(" 0") for line in table)


def test_a_stopped_intake_reads_as_stopped(tmp_path: Path) -> None:
    cross = ("--crossover-to", "diazepam", "--crossover-stages", "2", "--to-tablet", "2", "--to-split", "2")
    result = run(tmp_path, "plan", *LORAZEPAM, *cross, *SEQUENTIAL)
    table = table_lines(result.stdout)
    assert "0 tab" not in result.stdout
    twelfth = table.index(next(line for line in table if line.startswith("12  2027-05-24")))
    assert table[twelfth + 1 : twelfth + 4] == [
        "    daily total diazepam 10 mg",
        "    1) diazepam 0 mg (stopped)",
        "    2) diazepam 10 mg = 5 tab",
    ]


def test_json_of_a_crossover_still_says_each_intake_on_its_own(tmp_path: Path) -> None:
    cross = ("--crossover-to", "diazepam", "--crossover-stages", "2", "--to-tablet", "2", "--to-split", "2")
    steps = json.loads(run(tmp_path, "plan", *LORAZEPAM, *cross, *SEQUENTIAL, "--json").stdout)["steps"]
    assert steps[0]["intake_doses"] == ["1 tab", "0 tab"] and steps[0]["diazepam_mg"] == "20"
    assert steps[11]["intake_doses"] == ["0 tab", "5 tab"]
