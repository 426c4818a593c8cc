"""The soak runs shared by ``scripts/soak.py`` (large counts) and the short test (small counts).

Each run tries something many times and counts every attempt that lost or corrupted data, or
crashed; :class:`SoakResult` carries the counts and the first few failures, described.

* :func:`race_writers` — two processes open, save and close the same file as fast as they can:
  never two writers at once, never a save lost.
* :func:`fuzz_imports` — malformed exports (truncated, bytes flipped, types swapped, huge
  numbers, deep nesting, hostile strings) go through the import path against a real store:
  each is refused with ``ImportRefused`` and leaves the store byte for byte as it was, or is
  valid and imported whole.
* :func:`fuzz_log_form` — random text typed, key by key through Pilot, into every field of the
  Log form, then ctrl+s: invalid text saves nothing and stays in its field, valid text is saved
  as typed, and the app never crashes.

The 1,000-kill crash test is ``tests/store/test_crash_safety.py`` with ``TAPER_CRASH_KILLS``.
"""

from __future__ import annotations

import copy
import hashlib
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[2]
END = date(2027, 3, 15)
FIXED_NOW = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)


@dataclass
class SoakResult:
    """How many attempts a run made and which of them went wrong."""

    name: str
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    """Counts worth printing beside the result (refused vs imported, kinds of mutation …)."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    def fail(self, what: str) -> None:
        self.failures.append(what)

    def count(self, key: str, by: int = 1) -> None:
        self.notes[key] = self.notes.get(key, 0) + by

    def line(self) -> str:
        extra = ", ".join(f"{k} {v}" for k, v in sorted(self.notes.items()))
        return f"{self.name}: tried {self.tried}, lost or corrupted {self.failed}" + (f"  ({extra})" if extra else "")


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


# -- two writers racing for the lock -----------------------------------------------------------

RACER = r"""
import os, sys
from datetime import date, timedelta
from tui.core.entry import DayEntry
from tui.store.errors import StoreLocked
from tui.store.journal import open_journal

path, marker, name, rounds, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
import random
rng = random.Random(seed)
first = date(2027, 1, 1) + timedelta(days=0 if name == "a" else 1000)
done = 0
while done < rounds:
    try:
        journal = open_journal(path)
    except StoreLocked:
        sys.stdout.write("locked\n")
        continue
    try:
        # Nobody else may be inside: the marker is created exclusively while the lock is held.
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            sys.stdout.write("OVERLAP\n")
            sys.stdout.flush()
            raise SystemExit(3)
        os.close(fd)
        for _ in range(rng.randint(1, 3)):
            day = first + timedelta(days=rng.randrange(40))
            journal.save_day(DayEntry(day=day, anxiety=done % 11, note=f"{name} {done}"))
            sys.stdout.write(f"saved {day.isoformat()} {name} {done}\n")
            done += 1
        os.unlink(marker)
    finally:
        journal.close()
    sys.stdout.flush()
"""


def race_writers(folder: Path, rounds: int, seed: int = 7) -> SoakResult:
    """Two writer processes, ``rounds`` saves each, racing to open, save and close one file."""
    from tui.core.entry import DayEntry
    from tui.store.atomic_storage import parse_data_file

    result = SoakResult("two writers racing for the lock")
    path, marker = folder / "race.json", folder / "inside.marker"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(path), str(marker), name, str(rounds), str(seed + n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_child_env(),
        )
        for n, name in enumerate("ab")
    ]
    last: dict[str, tuple[str, int]] = {}
    for racer in racers:
        out, err = racer.communicate(timeout=600)
        if racer.returncode != 0:
            result.fail(f"a writer exited with {racer.returncode}: {err.decode()[-500:]}")
        for line in out.decode().splitlines():
            if line == "locked":
                result.count("waited for the lock")
            elif line == "OVERLAP":
                result.fail("two writers held the file at the same time")
            elif line.startswith("saved "):
                _, day, name, counter = line.split()
                last[day] = (name, int(counter))
                result.tried += 1
    stored = {}
    for record in parse_data_file(path, path.read_bytes()).get("entries", {}).values():
        entry = DayEntry.from_record(record)
        stored[entry.day.isoformat()] = entry.note
    for day, (name, counter) in last.items():
        if stored.get(day) != f"{name} {counter}":
            result.fail(f"{day}: last save was '{name} {counter}', the file holds {stored.get(day)!r}")
    return result


# -- malformed imports -------------------------------------------------------------------------

HOSTILE_STRINGS = (
    "/etc/passwd",
    "../../x",
    "file:///etc/shadow",
    "~/.ssh/id_rsa",
    "http://example.invalid/x.json",
    "__import__('os').system('touch /tmp/pwned')",
    "{{7*7}}",
    "${HOME}",
    "$(id)",
    "`id`",
    "\x00",
    "\ud800",
    "😀" * 50,
    "A" * 100_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE entries; --",
)
HOSTILE_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    10**400,
    -(10**30),
    1e308,
    0.1,
    "",
    [],
    {},
    {"$ref": "http://example.invalid/s.json"},
    {"$ref": "file:///etc/passwd"},
    [None] * 5,
    "0.25",
    "NaN",
    *HOSTILE_STRINGS,
)


def base_export(days: int = 12) -> dict[str, Any]:
    """A real export of the demo data (``days`` days, its plan, events and settings)."""
    from tui.demo.story import generate_demo
    from tui.exchange.json_export import export_document

    demo = generate_demo(days, END, 2027)
    return export_document(list(demo.entries), demo.plan.to_record(), list(demo.events), FIXED_NOW, dict(demo.settings))


def _nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path into a JSON value (the root is the empty path)."""
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _nodes(child, (*path, index))
    return found


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


DEEP_PLACEHOLDER = "@@deep@@"


def _deep(depth: int) -> str:
    """JSON text nested ``depth`` levels (built as text: encoders refuse to go this deep)."""
    opening = "".join("[" if n % 2 else '{"x":' for n in range(depth))
    closing = "".join("]" if n % 2 else "}" for n in reversed(range(depth)))
    return opening + "0" + closing


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except (TypeError, orjson.JSONEncodeError):  # huge ints, lone surrogates: write by hand
        import json

        return json.dumps(value, indent=1).encode("utf-8", "surrogatepass")


def mutate(base: dict[str, Any], raw: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One malformed variant of an export: (kind of mutation, bytes)."""
    kind = rng.choice(
        (
            "truncate",
            "flip",
            "splice",
            "swap",
            "swap",
            "swap",
            "delete_key",
            "add_key",
            "huge",
            "deep",
            "duplicate_day",
            "literal",
            "encoding",
        )
    )
    if kind == "truncate":
        return kind, raw[: rng.randrange(len(raw))]
    if kind == "flip":
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "splice":
        cut = rng.randrange(len(raw))
        piece = rng.choice((b"}", b"]", b",", b":", b'"', b"\\", b"\x00", b"\xff\xfe", b"/*", b"NaN", b"1e999"))
        return kind, raw[:cut] + piece + raw[cut + rng.randint(0, 3) :]
    if kind == "literal":
        return kind, rng.choice(
            (
                b"null",
                b"[]",
                b"{}",
                b"0",
                b'"taper-tui"',
                b"NaN",
                b"Infinity",
                b"1" * 5000,
                b"\xef\xbb\xbf{}",
                b"[" * 100_000,
                b'{"format": "taper-tui", "schema_version": 1e999}',
            )
        )
    if kind == "encoding":
        text = raw.decode("utf-8")
        return kind, text.encode(rng.choice(("utf-16", "utf-32", "latin-1")), errors="replace")
    document = copy.deepcopy(base)
    paths = _nodes(document)
    path = rng.choice(paths)
    if kind == "swap":
        _set(document, path, rng.choice(HOSTILE_VALUES))
    elif kind == "huge":
        _set(document, path, rng.choice((10**400, -(10**400), 1e308, 2**64, -(2**63) - 1, 10**18)))
    elif kind == "deep":
        _set(document, path, DEEP_PLACEHOLDER)
        text = _dumps(document).decode("utf-8")
        return kind, text.replace(f'"{DEEP_PLACEHOLDER}"', _deep(rng.choice((50, 500, 5000))), 1).encode()
    elif kind == "delete_key":
        dicts = [p for p in paths if isinstance(_get(document, p), dict) and _get(document, p)]
        target = _get(document, rng.choice(dicts))
        del target[rng.choice(list(target))]
    elif kind == "add_key":
        dicts = [p for p in paths if isinstance(_get(document, p), dict)]
        _get(document, rng.choice(dicts))[rng.choice(("$ref", "__class__", "../x", "$schema", "extra"))] = rng.choice(
            HOSTILE_VALUES
        )
    elif kind == "duplicate_day":
        entries = document["entries"]
        entries.append(copy.deepcopy(rng.choice(entries)))
    return kind, _dumps(document)


def _get(document: Any, path: tuple) -> Any:
    for step in path:
        document = document[step]
    return document


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fuzz_imports(folder: Path, count: int, seed: int = 11) -> SoakResult:
    """``count`` malformed exports through the import path of a store holding the demo data."""
    from tui.commands.demo import write_demo
    from tui.exchange.json_export import dumps_export
    from tui.exchange.json_import import ImportRefused, apply_import, parse_import_bytes, plan_import
    from tui.store.atomic_storage import parse_data_file
    from tui.store.journal import open_journal

    result = SoakResult("malformed imports")
    rng = random.Random(seed)
    base = base_export()
    raw = dumps_export(base)
    store = folder / "import-target.json"
    write_demo(store, days=30, end=END, seed=5)  # a different story: a valid file changes days
    journal = open_journal(store)
    try:
        before = _digest(store)
        for attempt in range(count):
            kind, data = mutate(base, raw, rng)
            result.tried += 1
            try:
                document = parse_import_bytes(data)
            except ImportRefused:
                result.count("refused")
                if _digest(store) != before:
                    result.fail(f"attempt {attempt} ({kind}): refused, but the store changed")
                continue
            except RecursionError:
                result.fail(f"attempt {attempt} ({kind}): RecursionError instead of a refusal")
                continue
            except Exception as error:
                result.fail(f"attempt {attempt} ({kind}): {type(error).__name__}: {error!s:.200}")
                continue
            # Valid after all (a harmless change): it must import whole and read back.
            try:
                plan = plan_import(
                    journal.days(), journal.get_plan(), journal.events(), document, "merge", journal.settings()
                )
                apply_import(journal, plan, FIXED_NOW, "fuzzed.json")
                parse_data_file(store, store.read_bytes())
                stored = {e.day: e for e in journal.days()}
                missing = [e.day for e in document.entries if stored.get(e.day) != e]
                if missing:
                    result.fail(f"attempt {attempt} ({kind}): imported, but days differ: {missing[:3]}")
            except Exception as error:
                result.fail(f"attempt {attempt} ({kind}): accepted, then {type(error).__name__}: {error!s:.200}")
            result.count("valid, imported")
            before = _digest(store)
    finally:
        journal.close()
    return result


# -- random text in the Log form ----------------------------------------------------------------

ALPHABET = "0123456789..,,:-+ eE/abcXYZ_'\"%$#@!?()[]{}<>\\|;~`éüß中文😀\u200b\u00a0"
FIELDS = ("time", "mg", "anxiety", "mood", "sleep-hours", "sleep-quality", "note")


def random_text(rng: random.Random) -> str:
    """Mostly short, often nearly valid text (digits and dots), sometimes junk or very long."""
    shape = rng.random()
    if shape < 0.4:
        return "".join(rng.choice("0123456789.:") for _ in range(rng.randint(1, 6)))
    if shape < 0.9:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(40, 300)))


async def _type(pilot: Any, text: str) -> None:
    """Type ``text`` key by key as a terminal would send it, then let the app catch up."""
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    for char in text:
        key = _character_to_key(char) if not char.isalnum() else char
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def fuzz_log_form(folder: Path, count: int, seed: int = 13) -> SoakResult:
    """``count`` random texts typed into the Log form's fields, each followed by ctrl+s."""
    from textual.widgets import Input

    from tui.store.journal import open_journal
    from tui.ui.app import build_app
    from tui.ui.views.log import LogView

    result = SoakResult("random text in Log form fields")
    rng = random.Random(seed)
    path = folder / "form.json"
    journal = open_journal(path)
    journal.update_settings(onboarded=True)
    try:
        app = build_app(journal, today=END, clock=lambda: FIXED_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.action_show_view("log")
            await pilot.pause()
            log = app.view("log")
            assert isinstance(log, LogView)
            for attempt in range(count):
                name = FIELDS[attempt % len(FIELDS)]
                text = random_text(rng)
                if name in ("time", "mg"):
                    if not log.intakes.rows:
                        await pilot.press("ctrl+s")  # nothing to do: rows come back on reload
                    row = log.intakes.rows[0]
                    widget: Any = row.time_input if name == "time" else row.amount_input
                elif name == "note":
                    widget = log.note
                else:
                    widget = log.query_one(f"#{name}").input
                widget.focus()
                if isinstance(widget, Input):
                    widget.value = ""
                else:
                    widget.load_text("")
                await pilot.pause()
                await _type(pilot, text)
                typed = widget.value if isinstance(widget, Input) else widget.text
                if typed != text:
                    result.count("keys a terminal field ignores (e.g. zero-width space)")
                saved_before = path.read_bytes()
                await pilot.press("ctrl+s")
                await pilot.pause()
                result.tried += 1
                if app._exception is not None:
                    result.fail(f"attempt {attempt} ({name} = {text!r}): the app crashed: {app._exception!r}")
                    break
                entry, problems = log.read_form()
                changed = path.read_bytes() != saved_before
                if problems:
                    result.count("refused")
                    now = widget.value if isinstance(widget, Input) else widget.text
                    if changed:
                        result.fail(f"attempt {attempt} ({name} = {text!r}): invalid, yet the file changed")
                    if now != typed:
                        result.fail(f"attempt {attempt} ({name} = {text!r}): invalid text was not kept ({now!r})")
                    if log.has_unsaved_changes is False:
                        result.fail(f"attempt {attempt} ({name}): invalid text, yet the form says nothing is unsaved")
                    # Start clean for the next field: reload the day as stored.
                    log._load(END)
                    await pilot.pause()
                else:
                    result.count("saved")
                    stored = journal.get_day(END)
                    if entry is not None and not entry.is_empty() and stored != entry:
                        result.fail(f"attempt {attempt} ({name} = {text!r}): the form says {entry}, the file {stored}")
    finally:
        journal.close()
    return result


def crash_kills(kills: int) -> SoakResult:
    """The store's SIGKILL crash test (``tests/store/test_crash_safety.py``) at ``kills`` kills."""
    result = SoakResult("SIGKILL crash test")
    env = dict(_child_env(), TAPER_CRASH_KILLS=str(kills))
    started = time.monotonic()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--no-header",
            str(REPO / "tests" / "store" / "test_crash_safety.py"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    result.tried = kills
    result.count("seconds", int(time.monotonic() - started))
    if run.returncode != 0:
        result.fail(
            "the crash test failed (a reported save was lost or the file did not parse):\n" + run.stdout[-3000:]
        )
    return result
