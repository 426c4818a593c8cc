"""Checks that a parsed data file is consistent before anything reads or writes it.

A file edited by hand can be valid JSON and still wrong in ways that would be half-read and
then made permanent by the next save: an entry key that is not a day number, a key saying
1 Nov holding a record dated 29 Nov (``log`` then reported one date and wrote the other), the
same day twice (JSON keeps the last copy, so the next save dropped the first), a negative
schema version. Each is refused naming the entry, and the file is left exactly as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from tui.store.errors import DataFileUnreadable

_DATE_KEY = b'"date"'
"""Every entry holds one ``"date"`` key; in a note the same text is escaped (``\\"date\\"``) and doesn't match."""


def _day_of(key: str) -> date | None:
    if not (key.isascii() and key.isdigit()) or str(int(key)) != key:
        return None
    ordinal = int(key)
    if not 1 <= ordinal <= date.max.toordinal():
        return None
    return date.fromordinal(ordinal)


def check_entries(path: Path, entries: dict[str, Any]) -> None:
    """Every entry key is a day number and its record's ``date`` is that day; else refuse naming it."""
    fromordinal = date.fromordinal
    for key, record in entries.items():
        # The common case in one expression (this runs for every day at every open).
        if (
            key.isdigit()
            and key[0] != "0"
            and len(key) <= 6
            and fromordinal(int(key)).isoformat() == record.get("date")
        ):
            continue
        day = _day_of(key)
        if day is None:
            raise DataFileUnreadable(
                path,
                f'the entry key "{key[:40]}" is not a day number (entries are keyed by their date); fix or remove it',
            )
        raise DataFileUnreadable(
            path,
            f'the entry stored under {day.isoformat()} (key "{key}") says its date is "{str(record.get("date"))[:40]}"; '
            "make the key and the date agree",
        )


def is_tables(data: object) -> bool:
    """True when ``data`` is an object of tables, each an object of documents (what TinyDB can hold)."""
    return (
        isinstance(data, dict)
        and all(isinstance(table, dict) for table in data.values())
        and all(isinstance(doc, dict) for table in data.values() for doc in table.values())
    )


def check_schema_version(path: Path, data: dict[str, Any]) -> None:
    """``meta`` must hold a whole, non-negative ``schema_version`` (without it we can't tell old from newer)."""
    if "meta" not in data:
        return
    version = data["meta"].get("1", {}).get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DataFileUnreadable(
            path, f'its meta document has schema_version "{str(version)[:40]}", not a whole number of 0 or more'
        )


def _duplicate_pairs_hook(duplicates: list[str]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    return hook


def check_no_duplicate_documents(path: Path, raw: bytes, data: dict[str, Any]) -> None:
    """Refuse a file holding the same day twice (JSON parsers keep only the last copy).

    Counting ``"date"`` in the text is cheap and layout-free: each entry has one, so more of them
    than the parsed entries and the other tables account for means a day was dropped by the
    parse. Only then is the file parsed again, slowly, to name the duplicate.
    """
    others = orjson.dumps({name: table for name, table in data.items() if name != "entries"})
    if raw.count(_DATE_KEY) <= len(data.get("entries", {})) + others.count(_DATE_KEY):
        return
    duplicates: list[str] = []
    json.loads(raw, object_pairs_hook=_duplicate_pairs_hook(duplicates))
    for key in duplicates:
        day = _day_of(key)
        if day is not None and key in data.get("entries", {}):
            what = f'the entry for {day.isoformat()} (key "{key}")'
        else:
            what = f'the key "{key[:40]}"'
        raise DataFileUnreadable(
            path, f"{what} appears twice; reading it would drop one copy, so keep the one you want and remove the other"
        )
