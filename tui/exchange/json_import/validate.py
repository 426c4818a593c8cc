"""Step 1 of an import: read an export and validate everything before anything is planned.

Size limit, JSON, duplicate keys, ``format``, ``schema_version``, the JSON Schema and the core
validation of every entry (and of the plan). Any problem refuses the whole file with
:class:`ImportRefused`, whose message names every bad entry by date and field (the first
:data:`MAX_NAMED_PROBLEMS`, then "and N more"): a half-read medical history is worse than none.

An import only reads data: nothing in the file is followed (no paths, no links) or evaluated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

from tui.core.entry import DayEntry
from tui.core.plan_model import Plan
from tui.core.terminal_text import terminal_safe_line
from tui.core.validation import ValidationError
from tui.exchange.json_export import EXPORT_FORMAT, EXPORT_SCHEMA_VERSION, export_schema

MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""Ten years of daily entries with long notes come to a few MB; anything this big is not an export."""

MAX_NAMED_PROBLEMS = 20
"""How many problems a refusal lists before it says "and N more"."""

MAX_NESTING = 32
"""An export nests 7 levels deep; far deeper is not an export, and the store's JSON writer stops
at 254 levels, so such a file must be refused here rather than fail half-way through a save."""

_MAX_VALUE_CHARS = 60


class ImportRefused(ValueError):
    """The file cannot be imported; nothing was changed.

    Attributes:
        problems: One line per problem, each naming the entry's date (or the part of the file)
            and the field.
    """

    def __init__(self, summary: str, problems: Iterable[str] = ()) -> None:
        self.summary = summary
        self.problems = list(problems)
        lines = [summary]
        shown = self.problems[:MAX_NAMED_PROBLEMS]
        lines += [f"  {problem}" for problem in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  … and {len(self.problems) - len(shown)} more")
        if self.problems:
            lines.append("Nothing was imported. Fix these in the file (or export it again) and retry.")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ImportDocument:
    """A validated export: everything it holds as domain values, ready to plan an import."""

    entries: tuple[DayEntry, ...]
    plan: dict[str, Any] | None
    events: tuple[dict[str, Any], ...]
    settings: dict[str, Any]
    exported_at: str


# -- reading and validating -------------------------------------------------------------------


def read_import_file(path: Path | str, max_bytes: int = MAX_IMPORT_BYTES) -> ImportDocument:
    """Read and validate an export file; raise :class:`ImportRefused` saying what is wrong."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: a pipe or /dev/zero has no size to check up front.
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ImportRefused(f"there is no file at {path}") from None
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a folder; give the export file itself") from None
    except OSError as error:
        raise ImportRefused(f"could not read {path}: {error.strerror or error}") from None
    if len(raw) > max_bytes:
        raise ImportRefused(
            f"{path} is larger than {_megabytes(max_bytes)}; a taper-tui export is far smaller — is it the right file?"
        )
    return parse_import_bytes(raw)


def parse_import_bytes(raw: bytes, max_bytes: int = MAX_IMPORT_BYTES) -> ImportDocument:
    """Validate the bytes of an export (see :func:`validate_import_data`)."""
    if len(raw) > max_bytes:
        raise ImportRefused(f"the file is larger than {_megabytes(max_bytes)}; a taper-tui export is far smaller")
    if not raw.strip():
        raise ImportRefused("the file is empty; it is not a taper-tui export")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ImportRefused(
            f"the file is not JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            "import takes a file written by `taper-tui export` (JSON)"
        ) from None
    _refuse_deep_nesting(data)
    duplicates = _duplicate_keys(raw)
    if duplicates:
        count = len(duplicates)
        raise ImportRefused(f"the file has {count} key{'s' if count != 1 else ''} written twice:", duplicates)
    return validate_import_data(data)


def _duplicate_keys(raw: bytes) -> list[str]:
    """One line per key that appears twice in one JSON object, naming the key and its values.

    JSON readers keep the last copy without a word, so an entry with ``"date"`` twice would move
    to the other day and one of two ``"entries"`` lists would vanish. The fast reader cannot tell,
    so the file is read a second time by the standard one, numbers left unconverted.
    """
    problems: list[str] = []

    def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                both = f' ("{_short(seen[key])}", then "{_short(value)}")' if isinstance(value, str) else ""
                problems.append(f'"{_short(key)}" appears twice in one object{both}; only one can be meant')
            seen[key] = value
        return seen

    def ignore(text: str) -> None:
        return None

    json.loads(raw, object_pairs_hook=check, parse_float=ignore, parse_int=ignore, parse_constant=ignore)
    return problems


def _refuse_deep_nesting(data: Any) -> None:
    if _nesting_exceeds(data, MAX_NESTING):
        raise ImportRefused(
            f"the file nests lists and objects more than {MAX_NESTING} levels deep; a taper-tui export never does"
        )


def validate_import_data(data: Any) -> ImportDocument:
    """Check a parsed export against its format, version, JSON Schema and the core validation."""
    if not isinstance(data, dict):
        raise ImportRefused(
            'the file is JSON but not a taper-tui export (expected an object with "format": "taper-tui")'
        )
    _refuse_deep_nesting(data)
    found_format = data.get("format")
    if found_format != EXPORT_FORMAT:
        shown = "missing" if "format" not in data else f'"{_short(found_format)}"'
        raise ImportRefused(
            f'the file\'s "format" field is {shown}, not "{EXPORT_FORMAT}"; '
            "import takes a file written by `taper-tui export`"
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(
            f'the file\'s "schema_version" is {_short(version)}; a taper-tui export has a whole number from 1'
        )
    if version > EXPORT_SCHEMA_VERSION:
        raise ImportRefused(
            f"the file was written by a newer taper-tui (export schema version {version}; this one reads up to "
            f"{EXPORT_SCHEMA_VERSION}). Upgrade taper-tui to import it. Nothing was imported."
        )

    problems: list[str] = []
    raw_entries = data.get("entries")
    entry_errors = _entry_schema_errors(data)
    problems += _document_schema_problems(data)
    entries: list[DayEntry] = []
    if isinstance(raw_entries, list):
        seen: dict[date, int] = {}
        for index, record in enumerate(raw_entries):
            where = _entry_name(record, index)
            try:
                entry = DayEntry.from_record(record)
            except ValidationError as error:
                problems.append(f"{where}: {_describe(error)}")
                continue
            if index in entry_errors:
                problems.append(f"{where}: {entry_errors[index]}")
                continue
            if entry.day in seen:
                problems.append(f"{where}: date: the day appears twice (entries {seen[entry.day] + 1} and {index + 1})")
                continue
            seen[entry.day] = index
            entries.append(entry)
    problems += _settings_problems(data.get("settings"))
    plan = data.get("plan")
    if isinstance(plan, dict):
        try:
            Plan.from_record(plan)
        except ValidationError as error:
            problems.append(f"plan: {_describe(error)}")
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as error:
            # A part the schema leaves loose (dose_before_mg, say) that the plan model cannot read.
            problems.append(f"plan: cannot be read ({_short(str(error))})")
    if problems:
        count = len(problems)
        raise ImportRefused(f"the file has {count} problem{'s' if count != 1 else ''}:", problems)
    return ImportDocument(
        entries=tuple(sorted(entries, key=lambda e: e.day)),
        plan=plan,
        events=tuple(data.get("events", ())),
        settings=dict(data.get("settings") or {}),
        exported_at=data.get("exported_at", ""),
    )


def _nesting_exceeds(value: Any, limit: int) -> bool:
    """True when lists/objects in ``value`` nest deeper than ``limit`` (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


_SETTING_CHECKS: dict[str, tuple[str, Any]] = {
    "custom_symptoms": (
        "a list of symptom names",
        lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    ),
    "hidden_symptoms": ("a list of symptom keys", lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v)),
    "region": ("a region code such as US", lambda v: isinstance(v, str)),
    "drug": ("a drug name or null", lambda v: v is None or isinstance(v, str)),
    "intakes_per_day": (
        "a whole number or null",
        lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    ),
}
"""Settings the app reads, with the shape each must have (others are carried along untouched)."""


def _settings_problems(settings: Any) -> list[str]:
    if not isinstance(settings, dict):
        return []  # the schema already reports a settings value that is not an object
    return [
        f'settings.{name}: "{_short(settings[name])}" is not allowed — use {wanted}'
        for name, (wanted, is_valid) in _SETTING_CHECKS.items()
        if name in settings and not is_valid(settings[name])
    ]


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(export_schema())


def _entry_schema_errors(data: dict[str, Any]) -> dict[int, str]:
    """The first schema error of each entry, by the entry's index."""
    errors: dict[int, str] = {}
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
            errors.setdefault(path[1], _schema_message(error, path[2:]))
    return errors


def _document_schema_problems(data: dict[str, Any]) -> list[str]:
    """Schema errors outside the entries (top level, plan, events, settings)."""
    problems = []
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "entries":
            continue
        problems.append(_schema_message(error, path))
    return problems


def _schema_message(error: Any, path: list[Any]) -> str:
    where = ""
    for part in path:
        where += f"[{part + 1}]" if isinstance(part, int) else (f".{_short(part)}" if where else _short(part))
    value = _short(error.instance)
    if error.validator in ("oneOf", "anyOf", "type", "pattern", "enum", "const"):
        text = f'"{value}" is not allowed here'
    elif error.validator == "required" or error.validator == "additionalProperties":
        text = _short(error.message)
    else:
        text = f'"{value}": {_short(error.message)}'
    return f"{where or 'the file'}: {text}"


def _entry_name(record: Any, index: int) -> str:
    """How a problem names an entry: its date when it has a readable one, else its position."""
    raw_date = record.get("date") if isinstance(record, dict) else None
    if isinstance(raw_date, str) and raw_date.strip():
        return f"{_short(raw_date)} (entry {index + 1})"
    return f"entry {index + 1} (no date)"


def _describe(error: ValidationError) -> str:
    return f'{error.field}: "{_short(error.value)}" is not allowed — {error.allowed}'


def _short(value: Any) -> str:
    """A value or key from the file as a refusal names it: cut to a readable length, on one line.

    The file is untrusted and each problem is one line, so a newline in a value must not start a
    line of its own ("Nothing wrong: imported"), nor an ``ESC`` sequence reach the screen: the
    text is shown with :func:`terminal_safe_line`. Printing it again through the CLI's sanitiser
    (or a widget's) changes nothing, since the result holds no character either would escape.
    """
    text = terminal_safe_line(str(value))
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
