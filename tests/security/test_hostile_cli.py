"""The hostile corpus through every command-line output path: shown as text, never obeyed.

A data file and an import file hold the corpus in every free-text field (notes, a custom symptom
name, the drug, a plan step's note, settings keys), the data folder's own name is hostile, and
each command is run as a person would (a subprocess, its own HOME, ``--data`` in a temp folder).
Nothing a terminal obeys may reach stdout or stderr (checked with ``raw_controls``), nothing may
crash, and the data file must still hold the hostile text exactly: only what is printed changes.

Exports are data: JSON stays lossless everywhere (``ESC`` spelt ``\\u001b``); CSV and .ics are
exact when stdout is a pipe or file, and shown with escapes when stdout is a terminal (a pty here).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tty
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.security.hostile_corpus import ESC, HOSTILE, raw_controls
from tests.soak.soak_runs import base_export
from tui.core.symptoms import symptom_key
from tui.core.terminal_text import terminal_safe, terminal_safe_line
from tui.core.validation import MAX_NOTE_CHARS
from tui.exchange.json_export import dumps_export
from tui.store.journal import open_journal

TODAY = "2027-03-15"
NOTE_DAY = date(2027, 3, 14)
LONG_DAY = date(2027, 3, 13)

STORED_TEXT = " | ".join(text for name, text in HOSTILE.items() if name not in ("lone_surrogate", "long_line"))
"""Every entry a data file can hold (a lone surrogate cannot be written as UTF-8, so no store holds one)."""

ARGV_TEXT = " | ".join(text for name, text in HOSTILE.items() if name not in ("lone_surrogate", "long_line", "nul"))
"""Every entry a command-line argument can carry (no NUL, no lone surrogate)."""

SYMPTOM_NAME = f"tremor {HOSTILE['csi_colour']} {HOSTILE['bidi_override']} {HOSTILE['osc0_title_bel']}"
HOSTILE_KEY = f"key {HOSTILE['fake_report']} {HOSTILE['c1_osc']}"
FORGED_LINE = "Nothing wrong: every day imported"


def hostile_folder(base: Path) -> Path:
    """A folder whose path holds every argv-safe entry: one folder per ``/``-separated part of it."""
    parts = [part for part in ARGV_TEXT.split("/") if part.strip(".")]
    return base.joinpath(*parts)


def run(*args: str, data: Path | None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The CLI as a subprocess, stdout and stderr captured as bytes (a pipe, not a terminal)."""
    prefix = ["--data", str(data)] if data is not None else []
    return subprocess.run(
        [sys.executable, "-m", "tui", *prefix, "--today", TODAY, *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
    )


def run_on_terminal(*args: str, data: Path) -> tuple[int, bytes, bytes]:
    """The CLI with stdout on a pseudo-terminal (raw mode: the bytes read are the bytes written)."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--data", str(data), "--today", TODAY, *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    stderr = process.stderr.read() if process.stderr else b""
    return process.wait(timeout=120), b"".join(chunks), stderr


def assert_shown_safely(result: subprocess.CompletedProcess[bytes], *codes: int) -> None:
    """Exit code among ``codes``, no traceback, and nothing a terminal obeys on stdout or stderr."""
    assert result.returncode in codes, result.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in result.stderr
    assert raw_controls(result.stdout) == [], "stdout"
    assert raw_controls(result.stderr) == [], "stderr"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data file in a hostile-named folder, holding the corpus in every free-text field, with backups."""
    path = hostile_folder(tmp_path) / "taper.json"
    made = run("plan", "--drug", "clonazepam", "--dose", "1", "--save", "--yes", data=path)
    assert made.returncode == 0, made.stderr
    with open_journal(path) as journal:
        record = journal.get_plan()
        assert record is not None
        record["params"]["drug"] = STORED_TEXT
        record["steps"][0]["note"] = STORED_TEXT
        journal.save_plan(record)
        journal.update_settings(custom_symptoms=[SYMPTOM_NAME], drug=STORED_TEXT)
        journal.save_day(_day(NOTE_DAY, STORED_TEXT, {symptom_key(SYMPTOM_NAME): 3}))
        journal.save_day(_day(LONG_DAY, HOSTILE["long_line"][:MAX_NOTE_CHARS], {}))
    return path


def _day(day: date, note: str, symptoms: dict[str, int]):
    from tui.core.entry import DayEntry

    return DayEntry(day=day, note=note, symptoms=symptoms, anxiety=4)


def assert_still_exact(path: Path) -> None:
    """The data file holds the hostile text exactly as it was written."""
    with open_journal(path, read_only=True) as journal:
        entry = journal.get_day(NOTE_DAY)
        assert entry is not None and entry.note == STORED_TEXT
        assert journal.settings().drug == STORED_TEXT
        assert journal.settings().custom_symptoms == (SYMPTOM_NAME,)
        plan = journal.get_plan()
        assert plan is not None and plan["params"]["drug"] == STORED_TEXT and plan["steps"][0]["note"] == STORED_TEXT


def test_the_data_folder_and_file_really_are_hostile(data: Path) -> None:
    assert ESC in str(data) and "\u202e" in str(data) and "\x9b" in str(data)
    assert_still_exact(data)


# -- export --------------------------------------------------------------------------------------


def test_json_export_to_stdout_is_lossless_and_safe(data: Path, tmp_path: Path) -> None:
    result = run("export", data=data)
    assert_shown_safely(result, 0)
    assert b"\\u001b" in result.stdout and b"\\u202e" in result.stdout and b"\\u009b" in result.stdout
    document = json.loads(result.stdout)
    notes = {entry["date"]: entry.get("note") for entry in document["entries"]}
    assert notes[NOTE_DAY.isoformat()] == STORED_TEXT
    assert document["settings"]["drug"] == STORED_TEXT
    assert document["plan"]["steps"][0]["note"] == STORED_TEXT
    written = tmp_path / "export.json"
    assert run("export", "-o", str(written), data=data).returncode == 0
    from_file = json.loads(written.read_bytes())
    assert {**from_file, "exported_at": None} == {**document, "exported_at": None}
    assert_still_exact(data)


@pytest.mark.parametrize("name", sorted(set(HOSTILE) - {"lone_surrogate"}))
def test_the_json_export_spells_what_a_terminal_obeys_as_escapes(name: str) -> None:
    """Every entry that a store can hold comes out of the JSON writer as the same string, with no raw control."""
    document = {"note": HOSTILE[name], HOSTILE_KEY: [HOSTILE[name]]}
    written = dumps_export(document)
    assert raw_controls(written) == []
    assert orjson.loads(written) == document == json.loads(written)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_value_shown_on_one_line_passes_the_printing_sanitiser_unchanged(name: str) -> None:
    """Import refusals name file values with terminal_safe_line; common.out's pass then changes nothing."""
    once = terminal_safe_line(HOSTILE[name])
    assert terminal_safe(once) == once and "\n" not in once


def _without_stamps(ics: bytes) -> bytes:
    return b"\r\n".join(line for line in ics.split(b"\r\n") if not line.startswith(b"DTSTAMP"))


@pytest.mark.parametrize("args", [("--format", "csv"), ("--format", "csv", "--what", "steps"), ("--format", "ics")])
def test_csv_and_ics_to_a_pipe_are_the_exact_file(data: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    """Not a terminal: stdout is a file or a program, and gets the same exact bytes as ``-o``."""
    piped = run("export", *args, data=data)
    assert piped.returncode == 0 and raw_controls(piped.stderr) == []
    written = tmp_path / "export.out"
    to_file = run("export", *args, "-o", str(written), data=data)
    assert_shown_safely(to_file, 0)
    assert _without_stamps(piped.stdout) == _without_stamps(written.read_bytes())
    if args[1] == "csv":
        # Byte for byte (Python's csv reader stops at the NUL; the file itself holds it).
        assert STORED_TEXT.encode() in written.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "ics", "json", "report", "text", "html"])
def test_every_export_format_on_a_terminal_is_shown_safely(data: Path, fmt: str) -> None:
    code, stdout, stderr = run_on_terminal("export", "--format", fmt, data=data)
    assert code == 0, stderr
    assert raw_controls(stdout) == [] and raw_controls(stderr) == []
    if fmt == "csv":
        assert b"\\x1b]0;pwned title\\x07note" in stdout
    if fmt == "json":
        notes = {entry["date"]: entry.get("note") for entry in json.loads(stdout)["entries"]}
        assert notes[NOTE_DAY.isoformat()] == STORED_TEXT  # still lossless on a terminal
    assert_still_exact(data)


def test_export_messages_name_a_hostile_path_safely(data: Path) -> None:
    folder = data.parent
    assert_shown_safely(run("export", "-o", str(folder), data=data), 2)  # a folder is not a file name
    assert_shown_safely(run("export", "-o", str(folder / "days.csv"), "--format", "csv", data=data), 0)
    assert_shown_safely(run("export", data=folder / "missing.json"), 1)


# -- import --------------------------------------------------------------------------------------


def _accepted_import() -> dict[str, Any]:
    """A real export with the corpus in every free-text field and a hostile settings key."""
    document = base_export()
    for entry in document["entries"]:
        entry["note"] = STORED_TEXT
    document["plan"]["params"]["drug"] = STORED_TEXT
    document["plan"]["steps"][0]["note"] = STORED_TEXT
    document["settings"]["drug"] = STORED_TEXT
    document["settings"]["custom_symptoms"] = [SYMPTOM_NAME]
    document["settings"][HOSTILE_KEY] = STORED_TEXT
    return document


def _every_string(value: Any, text: str) -> Any:
    """``value`` with every string in it, keys included, replaced by ``text`` (kept distinct)."""
    if isinstance(value, dict):
        return {f"{text} {index}": _every_string(child, text) for index, child in enumerate(value.values())}
    if isinstance(value, list):
        return [_every_string(child, text) for child in value]
    return text if isinstance(value, str) else value


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_bytes(orjson.dumps(document))
    return path


def test_import_dry_run_and_import_of_a_hostile_file(data: Path, tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path / "in")  # the import file's own name is hostile too
    folder.mkdir(parents=True)
    source = _write(folder / "export.json", _accepted_import())
    dry = run("import", str(source), "--dry-run", data=data)
    assert_shown_safely(dry, 0)
    assert b"nothing was written" in dry.stdout
    assert_still_exact(data)
    done = run("import", str(source), "--keep-existing", data=data)
    assert_shown_safely(done, 0)
    assert b"imported" in done.stdout
    with open_journal(data, read_only=True) as journal:
        assert journal.settings().extra[HOSTILE_KEY] == STORED_TEXT
        imported = [entry for entry in journal.days() if entry.day != NOTE_DAY and entry.day != LONG_DAY]
        assert imported and all(entry.note == STORED_TEXT for entry in imported)
    restored = run("restore", data=data)  # the import kept a backup: list it, under the hostile folder's name
    assert_shown_safely(restored, 0)
    assert b"\\x1b" in restored.stdout


def test_import_into_a_new_hostile_file_and_dry_run_without_one(tmp_path: Path) -> None:
    source = _write(tmp_path / "export.json", _accepted_import())
    target = hostile_folder(tmp_path / "new") / "taper.json"
    assert_shown_safely(run("import", str(source), "--dry-run", data=target), 0)
    assert not target.exists()
    assert_shown_safely(run("import", str(source), data=target), 0)
    assert_shown_safely(run("import", str(source), data=target), 0)  # nothing to import: says so, safely


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(_every_string(_accepted_import(), ARGV_TEXT), id="every-string-and-key"),
        pytest.param({**_accepted_import(), "entries": [{"date": f"x\n{FORGED_LINE}", HOSTILE_KEY: 1}]}, id="keys"),
        pytest.param({**_accepted_import(), "format": STORED_TEXT}, id="format"),
        pytest.param({**_accepted_import(), "schema_version": STORED_TEXT}, id="schema-version"),
    ],
)
def test_import_refusals_show_file_values_as_text(data: Path, tmp_path: Path, document: dict[str, Any]) -> None:
    source = _write(tmp_path / "export.json", document)
    for extra in ((), ("--dry-run",)):
        refused = run("import", str(source), *extra, data=data)
        assert_shown_safely(refused, 1)
        assert b"cannot import" in refused.stderr
        lines = refused.stderr.decode().splitlines()
        assert not any(line.lstrip().startswith(FORGED_LINE) for line in lines), "a value forged a line"
    assert_still_exact(data)


def test_import_refusal_of_raw_hostile_bytes(data: Path, tmp_path: Path) -> None:
    """Duplicate hostile keys, a lone surrogate, raw control bytes: refused, shown as text."""
    key = json.dumps(HOSTILE_KEY)
    value = json.dumps(STORED_TEXT + "\ud800")
    raw = ("{" + f'"format": "taper-tui", {key}: {value}, {key}: {value}' + "}").encode("utf-8", "surrogatepass")
    for name, content in (
        ("dupes.json", raw),
        ("surrogate.json", b'{"note": "\\ud800"}'),
        ("raw.json", STORED_TEXT.encode() + b"\x9b\x1b"),
    ):
        refused = run("import", str(_write_bytes(tmp_path / name, content)), data=data)
        assert_shown_safely(refused, 1)
    missing = hostile_folder(tmp_path / "gone") / "export.json"
    assert_shown_safely(run("import", str(missing), data=data), 1)
    assert_shown_safely(run("import", str(data.parent), data=data), 1)
    assert_still_exact(data)


def _write_bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


# -- log, --version, demo, restore, errors -------------------------------------------------------


def test_log_note_is_shown_safely_and_stored_exactly(data: Path) -> None:
    result = run("log", "--date", "2027-03-10", "--note", ARGV_TEXT, "--anxiety", "3", data=data)
    assert_shown_safely(result, 0)
    with open_journal(data, read_only=True) as journal:
        entry = journal.get_day(date(2027, 3, 10))
        assert entry is not None and entry.note == ARGV_TEXT
    assert_shown_safely(run("log", "--date", "2027-03-14", "--anxiety", "5", data=data), 0)  # prints the hostile day
    assert_still_exact(data)


def test_version_names_a_hostile_data_path_safely(data: Path) -> None:
    result = run("--version", data=data)
    assert_shown_safely(result, 0)
    assert b"data file" in result.stdout and b"\\x1b" in result.stdout
    data.parent.chmod(0o777)  # a world-writable folder: the warning names it too
    try:
        warned = run("--version", data=data)
        assert_shown_safely(warned, 0)
        assert b"warning" in warned.stderr
        from_env = run("--version", data=None, env={**os.environ, "TAPER_TUI_DATA": str(data)})
        assert_shown_safely(from_env, 0)
        assert b"\\x1b" in from_env.stdout
    finally:
        data.parent.chmod(0o700)


def test_demo_into_a_hostile_path(tmp_path: Path) -> None:
    target = hostile_folder(tmp_path) / "demo.json"
    written = run("demo", "--data", str(target), "--days", "20", "--end", TODAY, data=None)
    assert_shown_safely(written, 0)
    assert b"wrote 20 demo days" in written.stdout
    assert_shown_safely(run("demo", "--data", str(target), data=None), 2)  # exists: refused, naming it
    assert_shown_safely(run("demo", "--data", str(target.parent), data=None), 2)  # a folder
    assert_shown_safely(run("demo", "--data", str(target), "--days", ARGV_TEXT, data=None), 2)


def test_restore_lists_and_restores_under_a_hostile_path(data: Path) -> None:
    listed = run("restore", data=data)
    assert_shown_safely(listed, 0)
    assert b"Backups of" in listed.stdout
    assert_shown_safely(run("restore", "1", data=data), 0)
    assert_shown_safely(run("restore", "99", data=data), 2)
    assert_shown_safely(run("restore", data=data.parent / "none.json"), 1)


@pytest.mark.parametrize(
    "args",
    [
        ("log", "--anxiety", "3"),
        ("export",),
        ("restore",),
        ("import", "x.json"),
        (),  # opening the app: refused before any screen
    ],
)
def test_a_hostile_folder_as_the_data_file_is_one_safe_message(data: Path, args: tuple[str, ...]) -> None:
    result = run(*args, data=data.parent)
    assert_shown_safely(result, 1, 2)
    assert b"taper-tui" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--today", ARGV_TEXT, "export"),
        ("export", "--format", ARGV_TEXT),
        ("export", ARGV_TEXT),  # an argument argparse does not know, named as typed
        ("log", "--date", ARGV_TEXT),
        ("log", "--anxiety", ARGV_TEXT),
        ("restore", ARGV_TEXT),
        ("demo", "--data", "x.json", "--end", ARGV_TEXT),
        (ARGV_TEXT,),
    ],
)
def test_bad_arguments_are_named_safely(data: Path, args: tuple[str, ...]) -> None:
    assert_shown_safely(run(*args, data=data), 1, 2)
    assert_still_exact(data)


@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_the_stored_plan_is_shown_safely(data: Path, as_json: bool) -> None:
    """``plan --show`` prints the drug as typed and the step notes: shown, never obeyed."""
    result = run("plan", "--show", *(["--json"] if as_json else []), data=data)
    assert_shown_safely(result, 0)
    if as_json:  # the same document: the escapes read back to the stored text
        assert json.loads(result.stdout)["drug"] == STORED_TEXT
    assert_still_exact(data)
