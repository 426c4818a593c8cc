"""Reading a JSON export back in: validate everything, then work out what an import would change.

Three steps, each usable on its own (the CLI and the app share them):

1. :func:`read_import_file` / :func:`parse_import_bytes` — size limit, JSON, ``format``,
   ``schema_version``, the JSON Schema and the core validation of every entry (and of the plan).
   Any problem refuses the whole file with :class:`ImportRefused`, whose message names every
   bad entry by date and field (the first :data:`MAX_NAMED_PROBLEMS`, then "and N more").
2. :func:`plan_import` — given what the store holds now and the parsed file, the complete new
   content and a change set (:class:`ImportPlan`) a person can read before anything is written.
3. :func:`apply_import` — writes the planned content through the journal in one atomic save,
   with an ``import`` event in the audit trail.

An import only reads data: nothing in the file is followed (no paths, no links) or evaluated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Protocol

import orjson
from jsonschema import Draft202012Validator

from tui.core.entry import DayEntry
from tui.core.plan_model import Plan
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
IMPORT_EVENT_KIND = "import"


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


class ImportMode(StrEnum):
    """How the file's content meets the store's."""

    MERGE = "merge"
    """Days from both; on a day both have, the file's version wins; the file's plan (if any) wins."""
    KEEP_EXISTING = "keep-existing"
    """Days from both; on a day both have, the stored version stays; the stored plan (if any) stays."""
    REPLACE = "replace"
    """Exactly the file's days, plan, events and settings; what the store held is only in the backup."""


_MODE_WORDS = {
    ImportMode.MERGE: "merge — the file wins on days it has",
    ImportMode.KEEP_EXISTING: "merge — your log wins on days both have",
    ImportMode.REPLACE: "replace — your log becomes exactly the file",
}


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
    return validate_import_data(data)


def validate_import_data(data: Any) -> ImportDocument:
    """Check a parsed export against its format, version, JSON Schema and the core validation."""
    if not isinstance(data, dict):
        raise ImportRefused("the file is JSON but not a taper-tui export (expected an object with \"format\": \"taper-tui\")")
    if _nesting_exceeds(data, MAX_NESTING):
        raise ImportRefused(f"the file nests lists and objects more than {MAX_NESTING} levels deep; a taper-tui export never does")
    found_format = data.get("format")
    if found_format != EXPORT_FORMAT:
        shown = "missing" if "format" not in data else f'"{_short(found_format)}"'
        raise ImportRefused(
            f'the file\'s "format" field is {shown}, not "{EXPORT_FORMAT}"; '
            "import takes a file written by `taper-tui export`"
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f'the file\'s "schema_version" is {_short(version)}; a taper-tui export has a whole number from 1')
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
    "custom_symptoms": ("a list of symptom names", lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v)),
    "hidden_symptoms": ("a list of symptom keys", lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v)),
    "region": ("a region code such as US", lambda v: isinstance(v, str)),
    "drug": ("a drug name or null", lambda v: v is None or isinstance(v, str)),
    "intakes_per_day": ("a whole number or null", lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool))),
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
        where += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    value = _short(error.instance)
    if error.validator in ("oneOf", "anyOf", "type", "pattern", "enum", "const"):
        text = f'"{value}" is not allowed here'
    elif error.validator == "required":
        text = _short(error.message)
    elif error.validator == "additionalProperties":
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
    text = str(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# -- planning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, and the complete content the store would hold afterwards.

    Attributes:
        mode: How the file meets the store.
        new_days: Days the file adds.
        changed_days: Days both have with different content that the import overwrites.
        kept_days: Days both have with different content where the stored version stays
            (``keep-existing`` only).
        unchanged_days: Days both have, identical.
        removed_days: Days in the store that are not in the file (``replace`` only).
        plan_change: ``"replaced"``, ``"added"``, ``"removed"``, ``"kept"`` or ``"none"``.
        events_added: Audit-trail events from the file that the store did not have.
        entries, plan, events, settings: The content after the import (the ``import`` event
            itself is added by :func:`apply_import`).
    """

    mode: ImportMode
    new_days: tuple[date, ...]
    changed_days: tuple[date, ...]
    kept_days: tuple[date, ...]
    unchanged_days: tuple[date, ...]
    removed_days: tuple[date, ...]
    plan_change: str
    events_added: int
    entries: tuple[DayEntry, ...]
    plan: dict[str, Any] | None
    events: tuple[dict[str, Any], ...]
    settings: dict[str, Any] = field(default_factory=dict)
    settings_changed: bool = False

    @property
    def changes_anything(self) -> bool:
        """False when the store already holds exactly what the import would leave."""
        return bool(
            self.new_days or self.changed_days or self.removed_days or self.events_added or self.settings_changed
            or self.plan_change in ("replaced", "added", "removed")
        )

    def summary_lines(self) -> list[str]:
        """The change set in words, one line each (for ``--dry-run`` and the app's preview)."""
        lines = [f"mode: {_MODE_WORDS[self.mode]}"]
        lines.append(f"new days:       {_days_text(self.new_days)}")
        lines.append(f"changed days:   {_days_text(self.changed_days)}")
        if self.mode is ImportMode.KEEP_EXISTING:
            lines.append(f"days that differ but keep your version: {_days_text(self.kept_days)}")
        lines.append(f"unchanged days: {len(self.unchanged_days)}")
        if self.mode is ImportMode.REPLACE:
            lines.append(f"removed days:   {_days_text(self.removed_days)}")
        lines.append(f"plan:           {_PLAN_WORDS[self.plan_change]}")
        lines.append(f"events added:   {self.events_added}")
        if self.settings_changed:
            lines.append("settings:       updated from the file (your own symptoms are kept)")
        return lines

    def summary(self) -> str:
        """:meth:`summary_lines` joined by newlines."""
        return "\n".join(self.summary_lines())


_PLAN_WORDS = {
    "replaced": "replaced by the file's plan",
    "added": "the file's plan is added (you had none)",
    "removed": "removed (the file has none)",
    "kept": "your plan is kept",
    "none": "no change",
}


def _days_text(days: tuple[date, ...], shown: int = 5) -> str:
    if not days:
        return "0"
    listed = ", ".join(d.isoformat() for d in days[:shown])
    more = f" … {days[-1].isoformat()}" if len(days) > shown else ""
    return f"{len(days)} ({listed}{more})"


def _event_key(event: dict[str, Any]) -> bytes:
    # Two events are the same when their content is, whatever the key order.
    return orjson.dumps(event, option=orjson.OPT_SORT_KEYS)


def _events_not_in(incoming: Iterable[dict[str, Any]], stored: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The incoming events the store does not hold yet, counted as a multiset.

    Each stored event matches one incoming copy, so re-importing an export adds nothing while
    two identical events in the file (a hold taken twice on one day) are both kept.
    """
    unmatched = Counter(_event_key(e) for e in stored)
    fresh = []
    for event in incoming:
        key = _event_key(event)
        if unmatched[key]:
            unmatched[key] -= 1
        else:
            fresh.append(event)
    return fresh


def plan_import(
    current_entries: Iterable[DayEntry],
    current_plan: dict[str, Any] | None,
    current_events: Iterable[dict[str, Any]],
    document: ImportDocument,
    mode: ImportMode | str = ImportMode.MERGE,
    current_settings: dict[str, Any] | None = None,
) -> ImportPlan:
    """Work out what importing ``document`` into the current content would do; change nothing."""
    mode = ImportMode(mode)
    stored = {e.day: e for e in current_entries}
    incoming = {e.day: e for e in document.entries}
    new_days = tuple(sorted(d for d in incoming if d not in stored))
    both = sorted(d for d in incoming if d in stored)
    differing = tuple(d for d in both if incoming[d] != stored[d])
    unchanged = tuple(d for d in both if incoming[d] == stored[d])
    existing_events = list(current_events)

    if mode is ImportMode.REPLACE:
        result = dict(incoming)
        removed = tuple(sorted(d for d in stored if d not in incoming))
        events = tuple(document.events)
        events_added = len(_events_not_in(events, existing_events))
        plan = document.plan
    else:
        removed = ()
        winner, loser = (incoming, stored) if mode is ImportMode.MERGE else (stored, incoming)
        result = {**loser, **winner}
        fresh = _events_not_in(document.events, existing_events)
        events = tuple(existing_events) + tuple(fresh)
        events_added = len(fresh)
        if mode is ImportMode.MERGE:
            plan = document.plan if document.plan is not None else current_plan
        else:
            plan = current_plan if current_plan is not None else document.plan

    if plan == current_plan:
        plan_change = "kept" if document.plan is not None and document.plan != current_plan else "none"
    elif plan is None:
        plan_change = "removed"
    elif current_plan is None:
        plan_change = "added"
    else:
        plan_change = "replaced"

    settings, settings_changed = _merged_settings(current_settings or {}, document.settings, mode)
    return ImportPlan(
        mode=mode,
        new_days=new_days,
        changed_days=differing if mode is not ImportMode.KEEP_EXISTING else (),
        kept_days=differing if mode is ImportMode.KEEP_EXISTING else (),
        unchanged_days=unchanged,
        removed_days=removed,
        plan_change=plan_change,
        events_added=events_added,
        entries=tuple(result[d] for d in sorted(result)),
        plan=plan,
        events=events,
        settings=settings,
        settings_changed=settings_changed,
    )


def _merged_settings(current: dict[str, Any], incoming: dict[str, Any], mode: ImportMode) -> tuple[dict[str, Any], bool]:
    """Settings after the import: the file's values win except under ``keep-existing``.

    A person's own symptoms are never dropped by a merge (days may rate them), so the lists
    of custom and hidden symptoms are joined rather than replaced.
    """
    if mode is ImportMode.KEEP_EXISTING:
        merged = {**incoming, **current}
    else:
        merged = {**current, **incoming}
    if mode is not ImportMode.REPLACE:
        for key in ("custom_symptoms", "hidden_symptoms"):
            first, second = current.get(key), incoming.get(key)
            if isinstance(first, list) and isinstance(second, list):
                merged[key] = first + [item for item in second if item not in first]
    return merged, merged != current


# -- applying ---------------------------------------------------------------------------------


class ImportTarget(Protocol):
    """What :func:`apply_import` needs from the journal (kept structural so this layer stays store-free)."""

    def batch(self) -> Any: ...

    def replace_all(self, entries: list[DayEntry], plan: dict[str, Any] | None, events: list[dict[str, Any]]) -> None: ...

    def update_settings(self, **changes: Any) -> None: ...


def import_event(plan: ImportPlan, at: datetime, source_name: str = "") -> dict[str, Any]:
    """The audit-trail record of an import: when, how, from which file name, and what changed."""
    event: dict[str, Any] = {
        "at": at.isoformat(timespec="seconds"),
        "kind": IMPORT_EVENT_KIND,
        "mode": str(plan.mode),
        "new_days": len(plan.new_days),
        "changed_days": len(plan.changed_days),
        "removed_days": len(plan.removed_days),
        "plan": plan.plan_change,
        "events_added": plan.events_added,
    }
    if source_name:
        event["source"] = source_name
    return event


def apply_import(journal: ImportTarget, plan: ImportPlan, at: datetime, source_name: str = "") -> dict[str, Any]:
    """Write ``plan``'s content and its ``import`` event in one atomic save; return the event.

    The store keeps the file it replaces in its backup folder, so the state before the import
    is the newest backup afterwards.
    """
    event = import_event(plan, at, source_name)
    with journal.batch():
        journal.replace_all(list(plan.entries), plan.plan, [*plan.events, event])
        if plan.settings_changed:
            journal.update_settings(**plan.settings)
    return event
