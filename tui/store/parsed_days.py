"""Each stored day parsed once and held in one form, and the check of every day in the file.

Rule: a day read from the file is validated field by field (:meth:`DayEntry.from_record`) and
kept parsed, so a redraw never parses it again. A day that does not validate (a hand-edited file)
is reported with its date and the field; nothing is ever saved over it.

One form in memory: a day is held as its text in the file (:mod:`tui.store.day_texts`) and,
once read, parsed beside it; a record built in memory (a save, a file read whole) is swapped for
its text when first parsed. Ten years of raw records were ~6 MB of small objects beside ~4 MB of
parsed days; their text is ~2 MB, and writing it back costs no serialising. Every field of the
record is in that text, unknown ones included, so a day the app never changed is written back
exactly as it was read.

The CLI reads strictly: such a day raises :class:`DataFileUnreadable` and the command stops. The
app opens first and checks every day after its first screen (:meth:`ParsedDays.check_all`, run
off the UI thread while every write waits for it); with :attr:`ParsedDays.skip_invalid` set, a
day that does not validate is left out of what the views read and kept in
:attr:`ParsedDays.invalid` by date, so the app can name it while refusing to save.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from tui.core.entry import DayEntry
from tui.core.validation import ValidationError
from tui.store.day_texts import day_text, parse_day_text
from tui.store.errors import DataFileUnreadable


def invalid_day_error(path: Path, day: date, reason: str) -> DataFileUnreadable:
    """The error for a day that does not validate: which day and which field, as for any file we cannot read."""
    return DataFileUnreadable(path, f"the entry for {day.isoformat()} is not valid: {reason}")


class ParsedDays:
    """The parse of each stored day, held in place of its raw record (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._cache: dict[int, tuple[object, DayEntry]] = {}
        # The check thread and the UI thread may meet on one day: its parse, its cache entry and
        # the swap of its record must happen together, or a record could be swapped for text no
        # cache entry knows.
        self._lock = threading.Lock()
        self.skip_invalid = False
        """Leave a day that does not validate out of reads (the app) instead of raising (the CLI)."""
        self.invalid: dict[date, str] = {}
        """Days found not to validate, by date, with what is wrong (the field and the value)."""

    def entry(self, table: dict[str, Any], key: str) -> DayEntry | None:
        """The parsed day stored in ``table`` (the loaded entries) under ``key``; ``None`` for an
        invalid day when :attr:`skip_invalid` is set, else :class:`DataFileUnreadable` naming its date.

        A valid day's raw record in ``table`` is replaced by its text (see the module docstring).
        """
        ordinal = int(key)
        # The stored object itself is compared, not its id(): after a re-read (another writer
        # saved, or a failed save was rolled back) a new record could get a freed one's id.
        cached = self._cache.get(ordinal)
        if cached is not None and cached[0] is table.get(key):
            return cached[1]
        try:
            return self._parse(table, key, ordinal)
        except ValidationError as error:
            day = date.fromordinal(ordinal)
            self.invalid[day] = str(error)
            if self.skip_invalid:
                return None
            raise self.unreadable(day) from None

    def _parse(self, table: dict[str, Any], key: str, ordinal: int) -> DayEntry | None:
        """Parse the record under ``key`` and swap it for its text; ``None`` when it has gone meanwhile."""
        with self._lock:
            record = table.get(key)
            cached = self._cache.get(ordinal)
            if cached is not None and cached[0] is record:
                return cached[1]  # the other thread parsed it first
            if record is None:
                return None
            if isinstance(record, bytes):  # kept as its text since the file was read
                text = record
                try:
                    record = parse_day_text(text)
                except orjson.JSONDecodeError as error:
                    raise ValidationError(
                        "entry", "its text in the file", f"write it as valid JSON ({error.msg})"
                    ) from None
                entry = DayEntry.from_record(record)
            else:
                entry = DayEntry.from_record(record)
                text = day_text(record)
                table[key] = text
            self._cache[ordinal] = (text, entry)
            return entry

    def parsed(self, table: dict[str, Any]) -> set[int]:
        """The days (by ordinal) whose record in ``table`` is held parsed, so its text is known to parse."""
        with self._lock:
            return {ordinal for ordinal, (stored, _) in self._cache.items() if table.get(str(ordinal)) is stored}

    def unreadable(self, day: date) -> DataFileUnreadable:
        """The error for the invalid ``day`` (see :func:`invalid_day_error`)."""
        return invalid_day_error(self._path, day, self.invalid[day])

    def check_all(self, table: dict[str, Any]) -> dict[date, str]:
        """Parse every day not parsed yet (holding it parsed); return the invalid days by date.

        Safe to run on a thread beside readers on the UI thread (see :meth:`_parse`).
        """
        found: dict[date, str] = {}
        for key in list(table):
            ordinal = int(key)
            cached = self._cache.get(ordinal)
            if cached is not None and cached[0] is table.get(key):
                continue
            try:
                self._parse(table, key, ordinal)
            except ValidationError as error:
                found[date.fromordinal(ordinal)] = str(error)
        self.invalid.update(found)
        return found

    def forget(self, ordinal: int) -> None:
        """Drop the parse of one day (its stored record is being replaced or removed)."""
        with self._lock:
            self._cache.pop(ordinal, None)
        self.invalid.pop(date.fromordinal(ordinal), None)

    def clear(self) -> None:
        """Forget every parse (the file was read again: its records are all raw)."""
        with self._lock:
            self._cache.clear()
        self.invalid.clear()
