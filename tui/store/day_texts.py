"""Reading a data file without building every day: each day kept as its own text until it is used.

Rule: a file laid out exactly as taper-tui writes it (sorted keys, 2-space indent, the current
schema) is split into one text per day by its layout alone; anything else is parsed whole, as
before. Why: parsing ten years into records costs ~6 MB of small objects and ~15 ms at every
start, every ``taper-tui status`` in a prompt and every ``log``, while a command uses a day or
two and the app shows a few weeks first. A day's text is parsed when the day is first read
(:mod:`tui.store.parsed_days`); one never read is written back as it was read, byte for byte.

What the whole parse guaranteed still holds: the split checks the layout between days (a day
ends at the first line holding only ``}`` at its depth; strings cannot hold a raw line break),
that every key is a day number whose record's ``date`` is that day, and the rest of the file
is parsed normally. Whether each day's own text is valid JSON is checked when it is parsed, and
for every day not parsed yet before anything is written (:func:`check_texts`): a file that does
not parse is never overwritten.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson

from tui.store.errors import DataFileUnreadable
from tui.store.file_checks import check_no_duplicate_documents, check_schema_version, is_tables
from tui.store.schema import SCHEMA_VERSION, file_schema_version

_HEAD = b'{\n  "entries": {\n'
_DAY_KEY = b'    "'
_DAY_OPEN = b'": {\n'
_DAY_END = b"\n    }"
_NEXT_DAY = b',\n    "'
_ENTRIES_END = b"\n  }"
_DATE_LINE = b'\n      "date": "'
_ENTRY_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
_ENTRY_INDENT = b"\n    "


def split_days(raw: bytes) -> tuple[dict[str, bytes], bytes] | None:
    """The day texts by key and the rest of the file as a JSON object; ``None`` when ``raw`` is
    not laid out as taper-tui writes it (the caller then parses it whole)."""
    if not raw.startswith(_HEAD + _DAY_KEY):
        return None  # another layout, or no days (nothing to gain)
    texts: dict[str, bytes] = {}
    find, startswith, fromordinal = raw.find, raw.startswith, date.fromordinal
    position = len(_HEAD) + len(_DAY_KEY)
    days = 0
    # Each day: '    "736406": {\n' … '\n    }', then ',\n' and the next day or '\n  }' and the
    # rest. This loop runs for every day at every start: one search per boundary, no more.
    while True:
        key_end = find(_DAY_OPEN, position)
        key = raw[position:key_end]
        if key_end < 0 or not key.isdigit() or len(key) > 6 or key[0] == 48:  # 48: a leading "0"
            return None
        start = key_end + 3
        end = find(_DAY_END, start) + len(_DAY_END)
        at = find(_DATE_LINE, start, end) + len(_DATE_LINE)
        if (
            end < len(_DAY_END)
            or at < len(_DATE_LINE)
            or not startswith(b'%s"' % fromordinal(int(key)).isoformat().encode(), at)
        ):
            return None  # a key and date that disagree: the whole parse names them
        texts[key.decode()] = raw[start:end]
        days += 1
        if startswith(_NEXT_DAY, end):
            position = end + len(_NEXT_DAY)
            continue
        if days != len(texts) or not startswith(_ENTRIES_END, end):
            return None  # a day twice (the whole parse names it), or another layout
        rest = raw[end + len(_ENTRIES_END) :]
        # '{' + the other tables: ',\n  "events": …\n}\n' with its comma made the brace.
        return texts, b"{" + (rest[1:] if rest.startswith(b",") else rest)


def parse_days_as_text(path: Path, raw: bytes) -> dict[str, Any] | None:
    """The file with its days as texts, or ``None`` for anything the whole parse should judge
    (another layout, an error in the other tables, an older or newer schema: their messages and
    migrations are the whole parse's)."""
    split = split_days(raw)
    if split is None:
        return None
    texts, rest = split
    try:
        data = orjson.loads(rest)
    except orjson.JSONDecodeError:
        return None
    if not is_tables(data) or "entries" in data or "meta" not in data:
        return None
    try:
        check_schema_version(path, data)
    except DataFileUnreadable:
        return None
    if file_schema_version(data) != SCHEMA_VERSION:
        return None
    data["entries"] = texts
    check_no_duplicate_documents(path, raw, data)
    return data


def day_text(record: dict[str, Any]) -> bytes:
    """``record`` as the data file writes it in the entries table (sorted keys, its indentation)."""
    return orjson.dumps(record, option=_ENTRY_OPTIONS).replace(b"\n", _ENTRY_INDENT)


def as_fragment(value: object) -> orjson.Fragment:
    """For ``orjson.dumps(default=…)``: a day's text goes into the file as it is."""
    if isinstance(value, bytes):
        return orjson.Fragment(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def parse_day_text(text: bytes) -> Any:
    """The record a day's text holds; ``orjson.JSONDecodeError`` when it is not valid JSON."""
    return orjson.loads(text)


def check_texts(path: Path, entries: dict[str, Any], parsed: set[int] | None = None) -> None:
    """Raise :class:`DataFileUnreadable` naming the first day whose text is not a valid JSON
    object (days in ``parsed``, by ordinal, are known good)."""
    for key, value in entries.items():
        if not isinstance(value, bytes) or (parsed is not None and int(key) in parsed):
            continue
        try:
            ok = isinstance(orjson.loads(value), dict)
        except orjson.JSONDecodeError as error:
            day = date.fromordinal(int(key)).isoformat()
            raise DataFileUnreadable(path, f"not valid JSON in the entry for {day}: {error.msg}") from None
        if not ok:  # pragma: no cover - the split only keeps texts from '{' to '}'
            raise DataFileUnreadable(path, f"the entry for {date.fromordinal(int(key)).isoformat()} is not an object")
