"""``taper-tui export`` (JSON): valid against the published schema, sorted, exact, stable, private."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

import jsonschema
import orjson
import pytest

from tests.store.support import age_file, file_state
from tui.core.entry import ENTRY_FIELDS
from tui.exchange.json_export import export_schema
from tui.store.journal import open_journal


@pytest.fixture
def logged(taper, data_path):
    """Days logged out of date order, with doses and hours that floats would get wrong."""
    for args in (
        ["--date", "2027-03-14", "--dose", "0.1@08:00", "--dose", "0.2@20:00", "--sleep", "6.5", "--phase", "wave"],
        [
            "--date",
            "2027-03-01",
            "--dose",
            "0.0125",
            "--anxiety",
            "3",
            "--symptom",
            "insomnia=2",
            "--note",
            "café ☕\nline 2",
        ],
        ["--date", "2027-03-10", "--mood", "6", "--sleep-quality", "4", "--sleep", "7.25"],
    ):
        result = taper("log", *args)
        assert result.returncode == 0, result.stderr
    return data_path


@pytest.fixture
def run_export(logged):
    def run(*args: str) -> tuple[bytes, dict]:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--data", str(logged), "--today", "2027-03-15", "export", *args],
            capture_output=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout, (orjson.loads(result.stdout) if result.stdout else None)

    return run


def test_export_is_valid_against_the_schema(run_export):
    _, document = run_export()
    jsonschema.Draft202012Validator.check_schema(export_schema())
    jsonschema.validate(
        document,
        export_schema(),
        cls=jsonschema.Draft202012Validator,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert document["format"] == "taper-tui" and document["schema_version"] == 1


def test_entries_sorted_with_exact_decimal_strings(run_export):
    raw, document = run_export()
    entries = document["entries"]
    assert [e["date"] for e in entries] == ["2027-03-01", "2027-03-10", "2027-03-14"]
    assert all(list(e) == list(ENTRY_FIELDS) for e in entries)
    assert entries[0]["intakes"] == [{"time": None, "mg": "0.0125"}]
    assert entries[2]["intakes"] == [{"time": "08:00", "mg": "0.1"}, {"time": "20:00", "mg": "0.2"}]
    assert entries[1]["sleep_hours"] == "7.25" and entries[2]["sleep_hours"] == "6.5"
    assert entries[0]["note"] == "café ☕\nline 2"
    assert b'"mg": 0' not in raw and b'"sleep_hours": 6' not in raw  # never a JSON number


def test_two_exports_are_identical_except_exported_at(run_export):
    first, document = run_export()
    second, _ = run_export()
    stamp = document["exported_at"].encode()
    later = orjson.loads(second)["exported_at"].encode()
    assert first.replace(stamp, b"T") == second.replace(later, b"T")
    assert list(document) == ["format", "schema_version", "exported_at", "plan", "entries", "events", "settings"]


def test_export_to_a_file_is_0600_even_over_a_0644_file(run_export, tmp_path):
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    target.write_text("old, world-readable")
    os.chmod(target, 0o644)
    assert run_export("-o", str(target))[0] == b""
    assert os.stat(target).st_mode & 0o777 == 0o600
    jsonschema.validate(orjson.loads(target.read_bytes()), export_schema())
    assert [n for n in os.listdir(target.parent) if n.endswith(".tmp")] == []


def test_export_never_writes_the_data_file(logged, taper):
    before = age_file(logged)
    assert taper("export").returncode == 0
    assert file_state(logged) == before
    refused = taper("export", "-o", str(logged))
    assert refused.returncode == 2 and refused.stderr.startswith("taper-tui: -o")
    assert file_state(logged) == before


def test_export_works_while_the_app_holds_the_lock(logged, taper):
    with open_journal(logged):
        result = taper("export")
    assert result.returncode == 0
    assert len(orjson.loads(result.stdout)["entries"]) == 3


def test_export_without_a_data_file_says_so(taper, data_path):
    result = taper("export")
    assert result.returncode == 1
    assert str(data_path) in result.stderr
    assert not data_path.exists()


def test_version_names_both_versions_and_the_data_file(taper, data_path):
    result = taper("--version")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"taper-tui {version('taper-tui')}",
        f"textual {version('textual')}",
        f"data file {data_path}",
    ]


def test_version_shows_taper_tui_data(taper, tmp_path):
    target = tmp_path / "elsewhere.json"
    result = taper("--version", data=None, env={**os.environ, "TAPER_TUI_DATA": str(target)})
    assert f"data file {target}" in result.stdout


def test_python_dash_m_tui_shows_help(taper):
    result = taper("--help")
    assert result.returncode == 0
    for command in ("log", "export", "restore"):
        assert command in result.stdout
