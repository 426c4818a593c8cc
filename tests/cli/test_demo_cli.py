"""``taper-tui demo`` writes a data file the rest of the tools can read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from tui.commands.demo import write_demo
from tui.store.journal import open_journal

REPO = Path(__file__).resolve().parents[2]


def taper(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_demo_writes_a_file_that_export_reads(tmp_path: Path):
    target = tmp_path / "d.json"
    done = taper("--today", "2027-03-15", "demo", "--data", str(target), "--days", "60", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "60 demo days" in done.stdout
    exported = taper("--data", str(target), "export", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    dates = [e["date"] for e in document["entries"]]
    assert dates[-1] == "2027-03-15" and dates[0] >= "2027-01-15"
    assert document["plan"]["drug"] == "clonazepam"
    assert document["events"][0]["kind"] == "create"


def test_existing_file_is_refused_without_force_and_replaced_with_it(tmp_path: Path):
    target = tmp_path / "d.json"
    assert taper("--today", "2027-03-15", "demo", "--data", str(target), "--days", "10", cwd=tmp_path).returncode == 0
    before = target.read_bytes()
    refused = taper("--today", "2027-03-15", "demo", "--data", str(target), "--days", "20", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr and str(target) in refused.stderr
    assert target.read_bytes() == before
    forced = taper("demo", "--data", str(target), "--days", "20", "--end", "2026-12-31", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    with open_journal(target, read_only=True) as journal:
        days = journal.days()
    assert days[-1].day == date(2026, 12, 31) and len(days) <= 20


def test_bad_values_are_usage_errors(tmp_path: Path):
    for flags, named in (
        (["--days", "4000"], "--days"),
        (["--days", "x"], "--days"),
        (["--seed", "s"], "--seed"),
        (["--end", "2027-13-01"], "--end"),
    ):
        done = taper("demo", "--data", str(tmp_path / "x.json"), *flags, cwd=tmp_path)
        assert done.returncode == 2 and named in done.stderr
        assert not (tmp_path / "x.json").exists()


def test_write_demo_for_the_app_flag(tmp_path: Path):
    data = write_demo(tmp_path / "demo.json", 30, date(2027, 3, 15), seed=3)
    with open_journal(tmp_path / "demo.json", read_only=True) as journal:
        assert [e.day for e in journal.days()] == [e.day for e in data.entries]
        assert journal.get_plan() == data.plan.to_record()
        assert journal.settings().drug == "clonazepam"
        assert len(journal.events()) == len(data.events)
