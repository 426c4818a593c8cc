"""``taper-tui import`` as a person runs it: bad files change nothing, good ones merge, backups kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.exchange.helpers import export_bytes, fill_store, sample_entries, sample_events, store_export
from tui.store.backups import list_backups


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(data), "--today", "2027-03-15", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (data file, backups, lock aside) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def stored(data_path: Path) -> Path:
    fill_store(data_path, sample_entries()[:1], None, sample_events())
    return data_path


def good_document() -> dict:
    return orjson.loads(export_bytes(sample_entries(), None, sample_events()))


def _bad_files() -> dict[str, tuple[bytes, str]]:
    def with_change(change) -> bytes:
        data = good_document()
        change(data)
        return orjson.dumps(data)

    return {
        "not JSON": (b"date;dose\n2027-03-01;0.5\n", "is not JSON"),
        "wrong format field": (with_change(lambda d: d.update(format="emoods")), '"format" field is "emoods"'),
        "newer schema": (with_change(lambda d: d.update(schema_version=9)), "newer taper-tui"),
        "bad date": (with_change(lambda d: d["entries"][1].update(date="2027-13-01")), "2027-13-01 (entry 2): date"),
        "bad dose": (
            with_change(lambda d: d["entries"][0]["intakes"][0].update(mg="-0.25")),
            "2027-03-01 (entry 1): intakes[1].mg",
        ),
        "duplicate dates": (with_change(lambda d: d["entries"].append(d["entries"][2])), "appears twice"),
        "missing fields": (with_change(lambda d: d.pop("entries")), "'entries' is a required property"),
    }


@pytest.mark.parametrize("kind", list(_bad_files()))
def test_a_bad_file_leaves_the_store_byte_for_byte_unchanged(stored, tmp_path, kind):
    payload, expected = _bad_files()[kind]
    bad = tmp_path / "bad.json"
    bad.write_bytes(payload)
    before = snapshot(stored.parent)
    result = run_cli(stored, "import", str(bad))
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
    assert f"cannot import {bad}" in result.stderr
    assert snapshot(stored.parent) == before


def test_a_huge_file_is_refused_and_changes_nothing(stored, tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    before = snapshot(stored.parent)
    result = run_cli(stored, "import", str(huge))
    assert result.returncode == 1
    assert "larger than 50 MB" in result.stderr
    assert snapshot(stored.parent) == before


def test_dry_run_reports_and_writes_nothing(stored, tmp_path):
    source = tmp_path / "export.json"
    source.write_bytes(export_bytes(sample_entries(), None, sample_events()))
    before = snapshot(stored.parent)
    result = run_cli(stored, "import", "--dry-run", str(source))
    assert result.returncode == 0, result.stderr
    assert "new days:       2 (2027-03-02, 2027-03-04)" in result.stdout
    assert "unchanged days: 1" in result.stdout
    assert "events added:   0" in result.stdout
    assert "nothing was written" in result.stdout
    assert snapshot(stored.parent) == before


def test_dry_run_without_a_data_file_creates_nothing(tmp_path):
    source = tmp_path / "export.json"
    source.write_bytes(export_bytes(sample_entries()))
    data = tmp_path / "none" / "taper.json"
    result = run_cli(data, "import", "--dry-run", str(source))
    assert result.returncode == 0, result.stderr
    assert "new days:       3" in result.stdout
    assert not data.parent.exists()


def test_import_merges_keeps_a_backup_and_says_where(stored, tmp_path):
    source = tmp_path / "export.json"
    source.write_bytes(export_bytes(sample_entries(), None, sample_events()))
    before = stored.read_bytes()
    result = run_cli(stored, "import", str(source))
    assert result.returncode == 0, result.stderr
    newest = list_backups(stored)[0]
    assert newest.path.read_bytes() == before
    assert str(newest.path) in result.stderr and "taper-tui restore 1" in result.stderr
    after = store_export(stored)
    assert [e["date"] for e in after["entries"]] == ["2027-03-01", "2027-03-02", "2027-03-04"]
    assert [e["kind"] for e in after["events"]] == ["plan_saved", "import"]


def test_import_of_the_same_file_twice_writes_once(stored, tmp_path):
    source = tmp_path / "export.json"
    source.write_bytes(export_bytes(sample_entries(), None, sample_events()))
    assert run_cli(stored, "import", str(source)).returncode == 0
    before = snapshot(stored.parent)
    again = run_cli(stored, "import", str(source))
    assert again.returncode == 0 and "nothing to import" in again.stdout
    assert snapshot(stored.parent) == before


def test_keep_existing_and_replace(stored, tmp_path):
    changed = good_document()
    changed["entries"] = [dict(changed["entries"][0], mood=1)]
    source = tmp_path / "export.json"
    source.write_bytes(orjson.dumps(changed))
    kept = run_cli(stored, "import", "--keep-existing", str(source))
    assert kept.returncode == 0, kept.stderr
    assert store_export(stored)["entries"][0]["mood"] == 6
    run_cli(stored, "log", "--date", "2027-03-10", "--mood", "4")
    replaced = run_cli(stored, "import", "--replace", str(source))
    assert replaced.returncode == 0, replaced.stderr
    assert "removed days:   1 (2027-03-10)" in replaced.stdout
    assert [(e["date"], e["mood"]) for e in store_export(stored)["entries"]] == [("2027-03-01", 1)]


def test_export_wipe_import_export_gives_back_the_same(stored, tmp_path):
    exported = tmp_path / "everything.json"
    assert run_cli(stored, "export", "-o", str(exported)).returncode == 0
    assert os.stat(exported).st_mode & 0o777 == 0o600
    original = store_export(stored)
    fresh = tmp_path / "new-machine" / "taper.json"
    result = run_cli(fresh, "import", str(exported))
    assert result.returncode == 0, result.stderr
    again = store_export(fresh)
    assert again["entries"] == original["entries"]
    assert again["plan"] == original["plan"]
    assert [e for e in again["events"] if e["kind"] != "import"] == original["events"]
