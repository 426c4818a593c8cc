"""Every published schedule shape the planner takes (docs/DOMAIN.md §2, §3.3, §3.9–§3.12),
entered with ``taper-tui plan … --save`` in a subprocess on a test's own file, exported as JSON,
imported into a fresh file and exported again: the two exports are the same but for the export
time and the import's own event, and ``plan --show`` reads the same from both files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2027-03-01"

SHAPES: dict[str, tuple[str, ...]] = {
    # Ashton: clonazepam 0.5 mg bd → diazepam 10 mg bd, one intake's half a stage, the evening first.
    "crossover": (
        "--drug", "clonazepam", "--dose", "1", "--split-doses", "0.5+0.5", "--tablet", "0.5", "--split", "2",
        "--crossover-to", "diazepam", "--crossover-stages", "4", "--crossover-every", "7",
        "--to-tablet", "5", "--to-split", "2",
    ),
    # NHS Scotland: the morning dose comes off first while the night dose stays.
    "sequential": (
        "--drug", "diazepam", "--dose", "20", "--split-doses", "10+10", "--tablet", "2", "--split", "2",
        "--method", "linear", "--linear-mg", "1", "--order", "sequential", "--cut-first", "1",
    ),
    "custom per intake": (
        "--drug", "diazepam", "--dose", "20", "--split-doses", "10+10", "--tablet", "2", "--split", "2",
        "--method", "custom", "--custom", "2027-03-01=9+10,2027-03-15=8+10,2027-03-29=7+10",
    ),
    # CKS: slower reduction at lower doses.
    "dose bands": (
        "--drug", "diazepam", "--dose", "30", "--tablet", "2", "--split", "2",
        "--below", "20:2mg:14", "--below", "10:1mg:14", "--below", "5:0.5mg:14", "--jump-off", "1",
    ),
    "switch of form": (
        "--drug", "clonazepam", "--dose", "2", "--tablet", "0.5", "--split", "4",
        "--switch-below", "1.25", "--then-liquid", "1", "--then-resolution", "0.01",
    ),
    "lengthen linear": (
        "--drug", "clonazepam", "--dose", "1", "--method", "linear", "--linear-mg", "0.1", "--every", "7",
        "--tablet", "0.5", "--split", "2", "--lengthen",
    ),
    "lengthen occupancy": (
        "--drug", "diazepam", "--dose", "20", "--method", "occupancy", "--steps", "8", "--emax", "91",
        "--ec50", "5", "--tablet", "10", "--split", "2", "--lengthen",
    ),
    "daily micro-taper": (
        "--drug", "clonazepam", "--dose", "1", "--cut", "0.5", "--every", "1", "--liquid", "1", "--resolution", "0.01",
    ),
}  # fmt: skip


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "--data", str(data), "--today", TODAY, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def exported(data: Path, target: Path) -> dict:
    result = run(data, "export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    return json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("shape", list(SHAPES))
def test_saved_exported_imported_and_exported_again_unchanged(tmp_path: Path, shape: str) -> None:
    first, fresh = tmp_path / "first.json", tmp_path / "fresh.json"
    saved = run(first, "plan", *SHAPES[shape], "--start", TODAY, "--save", "--yes")
    assert saved.returncode == 0, saved.stderr
    before = exported(first, tmp_path / "one.json")
    imported = run(fresh, "import", str(tmp_path / "one.json"))
    assert imported.returncode == 0, imported.stderr
    after = exported(fresh, tmp_path / "two.json")
    assert [event["kind"] for event in after["events"]] == ["create", "import"]
    after["events"] = after["events"][:-1]
    for document in (before, after):
        document.pop("exported_at")
    assert after == before
    shown = [run(data, "plan", "--show") for data in (first, fresh)]
    assert shown[0].returncode == 0 and shown[0].stdout == shown[1].stdout and "2027-03-01" in shown[0].stdout
