"""Each stored day parsed once, and the check of every day in the file.

Rule: a day read from the file is validated field by field (:meth:`DayEntry.from_record`) and
kept parsed, per stored record, so a redraw never parses it again. A day that does not validate
(a hand-edited file) is reported with its date and the field; nothing is ever saved over it.

The CLI reads strictly: such a day raises :class:`DataFileUnreadable` and the command stops. The
app opens first and checks every day after its first screen (:meth:`ParsedDays.check_all`, run
off the UI thread while every write waits for it); with :attr:`ParsedDays.skip_invalid` set, a
day that does not validate is left out of what the views read and kept in
:attr:`ParsedDays.invalid` by date, so the app can name it while refusing to save.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from tui.core.entry import DayEntry
from tui.core.validation import ValidationError
from tui.store.errors import DataFileUnreadable


def invalid_day_error(path: Path, day: date, reason: str) -> DataFileUnreadable:
    """The error for a day that does not validate: which day and which field, as for any file we cannot read."""
    return DataFileUnreadable(path, f"the entry for {day.isoformat()} is not valid: {reason}")


class ParsedDays:
    """The parse of each stored day, kept per stored record (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._cache: dict[int, tuple[dict[str, Any], DayEntry]] = {}
        self.skip_invalid = False
        """Leave a day that does not validate out of reads (the app) instead of raising (the CLI)."""
        self.invalid: dict[date, str] = {}
        """Days found not to validate, by date, with what is wrong (the field and the value)."""

    def entry(self, ordinal: int, record: dict[str, Any]) -> DayEntry | None:
        """The parsed day stored as ``record`` under ``ordinal``; ``None`` for an invalid day
        when :attr:`skip_invalid` is set, else :class:`DataFileUnreadable` naming its date."""
        # The record itself is held, not its id(): after a re-read (another writer saved, or a
        # failed save was rolled back) a new record could get a freed record's id and so return
        # a stale day.
        cached = self._cache.get(ordinal)
        if cached is not None and cached[0] is record:
            return cached[1]
        try:
            entry = DayEntry.from_record(record)
        except ValidationError as error:
            day = date.fromordinal(ordinal)
            self.invalid[day] = str(error)
            if self.skip_invalid:
                return None
            raise self.unreadable(day) from None
        self._cache[ordinal] = (record, entry)
        return entry

    def unreadable(self, day: date) -> DataFileUnreadable:
        """The error for the invalid ``day`` (see :func:`invalid_day_error`)."""
        return invalid_day_error(self._path, day, self.invalid[day])

    def check_all(self, records: Iterable[tuple[str, dict[str, Any]]]) -> dict[date, str]:
        """Parse every day not parsed yet (filling the cache); return the invalid days by date.

        Safe to run on a thread beside readers on the UI thread: both only add equal parses to
        the cache. ``records`` should be a snapshot (``list(table.items())``).
        """
        found: dict[date, str] = {}
        for key, record in records:
            ordinal = int(key)
            cached = self._cache.get(ordinal)
            if cached is not None and cached[0] is record:
                continue
            try:
                entry = DayEntry.from_record(record)
            except ValidationError as error:
                found[date.fromordinal(ordinal)] = str(error)
                continue
            self._cache[ordinal] = (record, entry)
        self.invalid.update(found)
        return found

    def forget(self, ordinal: int) -> None:
        """Drop the parse of one day (its record is about to change in place)."""
        self._cache.pop(ordinal, None)
        self.invalid.pop(date.fromordinal(ordinal), None)

    def clear(self) -> None:
        """Forget every parse (the file was read again, or a batch rewrote it)."""
        self._cache.clear()
        self.invalid.clear()
