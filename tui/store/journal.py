"""The journal: the one object the app and the CLI use to read and write the data file.

It hides TinyDB entirely: days are keyed by their date, the plan and settings are single
documents, and events are an append-only audit trail. TinyDB's document ids never leave here.

Every change first checks that the file on disk is still the one read (see
:mod:`tui.store.atomic_storage`): a file deleted, replaced or damaged underneath raises
:class:`DataFileChanged` and nothing is written. :meth:`Journal.changed_on_disk` lets the app
notice such a change cheaply, :meth:`Journal.reload` reads the file again, and a read-only
journal can :meth:`Journal.try_become_writer` once the other writer has gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from tui.core.entry import DayEntry
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.core.validation import ValidationError
from tui.store.atomic_storage import AtomicJSONStorage, check_data_path, remove_stale_temp_files
from tui.store.backups import lost_file_warnings, utc_now
from tui.store.day_texts import day_text
from tui.store.errors import (
    DataFileUnreadable,
    DataFolderNotWritable,
    StoreError,
    StoreLocked,
    StoreReadOnly,
)
from tui.store.locations import (
    ensure_private_folder,
    location_warnings,
    readable_by_others_warnings,
    real_data_path,
)
from tui.store.lock import WriterLock, take_writer_lock
from tui.store.parsed_days import ParsedDays
from tui.store.schema import fresh_meta

_NOT_READ: dict[str, Any] = {}
"""Stands for "nothing parsed yet" in the plan and settings caches (no stored record is it)."""

DEFAULT_SETTINGS: dict[str, Any] = Settings().to_record()
"""The settings of a new file (each setting's default is documented on :class:`Settings`)."""


class Journal:
    """An open data file. Use :func:`open_journal`; close it (or use ``with``) when done.

    Attributes:
        path: The data file as given (it may be a link; the store works on :attr:`real_path`).
        real_path: The file ``path`` really names, links followed.
        read_only: True when opened without the writer lock (nothing can be saved).
        locked_by: pid of the other writer when we fell back to read-only because of it.
        is_new: True when the file did not exist before this open (first run).
        warnings: Things the person should know (a permissive file mode, a lock taken over).
    """

    def __init__(
        self, path: Path, storage: AtomicJSONStorage, db: TinyDB, lock: WriterLock | None, is_new: bool
    ) -> None:
        self.path = path
        self.real_path = storage.path
        self._storage = storage
        self._db = db
        self._lock = lock
        self.read_only = storage.read_only
        self.locked_by: int | None = None
        self.is_new = is_new
        self.warnings: list[str] = []
        self.parsed_days = ParsedDays(path)
        """Each day parsed once per stored record; strict (the CLI) or skipping invalid days (the app)."""
        storage.parsed_days = self.parsed_days.parsed
        self._plan_cache: tuple[dict[str, Any] | None, Plan | None] = (_NOT_READ, None)
        self._settings_cache: tuple[dict[str, Any] | None, Settings] = (_NOT_READ, Settings())

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the lock and forget the cache. Safe to call twice."""
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(self.path)
        self._storage.ensure_unchanged()

    # -- following the file ----------------------------------------------------------------------

    @property
    def last_backup(self) -> Path | None:
        """The backup this journal's last save kept of the file it replaced (``restore`` can put it back)."""
        return self._storage.last_backup

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one this journal read or last wrote (one ``stat``: cheap to poll)."""
        return self._storage.changed_on_disk()

    def reload(self) -> None:
        """Read the file again as it is now, forgetting what was read before.

        Raises :class:`DataFileUnreadable` (damaged) or :class:`DataFileChanged` (gone); the
        journal then still refuses writes, so nothing is written over such a file.
        """
        self.parsed_days.clear()
        self._storage.reload()

    def try_become_writer(self) -> bool:
        """For a read-only journal: take the writer lock if it is free and reload; True when writable now.

        False while another writer holds the lock (the journal stays read-only). A journal that
        is already the writer returns True.
        """
        if not self.read_only:
            return True
        lock = WriterLock(self.path)
        try:
            lock.acquire()
        except StoreLocked as locked:
            self.locked_by = locked.pid
            return False
        try:
            self._storage.read_only = False
            self.reload()
        except StoreError:
            self._storage.read_only = True
            lock.release()
            raise
        self._lock, self.read_only, self.locked_by = lock, False, None
        remove_stale_temp_files(self.real_path)
        return True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one atomic write; an exception inside writes nothing."""
        self._check_writable()
        self._storage.begin_batch()
        ok = False
        try:
            yield
            ok = True
        finally:
            # Parses stay valid: each is held against its stored record, which a batch replaces
            # (or, rolled back, the file is read again) when it changes. Invalid days are
            # checked again by whoever reads them next.
            self.parsed_days.invalid.clear()
            self._storage.end_batch(commit=ok)

    # -- days ----------------------------------------------------------------------------------

    def get_day(self, day: date) -> DayEntry | None:
        """The entry logged for ``day``, or ``None`` (also for an invalid day the app skips)."""
        table = self._entries()
        key = str(day.toordinal())
        return self.parsed_days.entry(table, key) if key in table else None

    def _entries(self) -> dict[str, Any]:
        # The loaded entries table itself, not TinyDB's: ``get``/``all`` copy every document,
        # which would defeat the parse cache and cost ~20 ms per 1,000 days on every redraw; a
        # write through TinyDB converts every key of the table to int and back (~10 ms for ten
        # years), so days are written here, on the storage's data, with one write each.
        return (self._storage.read() or {}).get("entries", {})

    def check_days(self) -> dict[date, str]:
        """Validate every logged day now (holding each parsed); return the invalid ones by date.

        Thread-safe against readers: the app runs it off the UI thread after its first screen.
        """
        return self.parsed_days.check_all(self._entries())

    def save_day(self, entry: DayEntry) -> None:
        """Add or replace the entry for ``entry.day`` (an entry with nothing in it removes the day)."""
        self._check_writable()
        if entry.is_empty():
            self.delete_day(entry.day)
            return
        data = self._storage.read() or {}
        # Stored as a raw record, parsed again on the next read like any day read from the file.
        self.parsed_days.forget(entry.day.toordinal())
        data.setdefault("entries", {})[str(entry.day.toordinal())] = entry.to_record()
        self._storage.write(data)

    def _put_document(self, table_name: str, doc_id: int, record: dict[str, Any]) -> None:
        # Not ``Table.upsert``: for a new doc id TinyDB 4.9 first runs an update that matches
        # nothing but still rewrites the file, so each new day cost two saves (and two backups,
        # halving the "last 10 saves" the rotation promises). One write here, always.
        table = self._db.table(table_name)
        if str(doc_id) in (self._storage.read() or {}).get(table_name, {}):
            table.update(record, doc_ids=[doc_id])  # every key is given, so this replaces it
        else:
            table.insert(Document(record, doc_id=doc_id))

    def delete_day(self, day: date) -> DayEntry | None:
        """Remove a day; return what it held (to offer undo), or ``None`` if nothing was logged."""
        self._check_writable()
        existing = self.get_day(day)
        if existing is not None:
            data = self._storage.read() or {}
            self.parsed_days.forget(day.toordinal())
            del data["entries"][str(day.toordinal())]
            self._storage.write(data)
        return existing

    def days(self, start: date | None = None, end: date | None = None) -> list[DayEntry]:
        """Logged days from ``start`` to ``end`` (inclusive, either open), in date order."""
        table = self._entries()
        low = start.toordinal() if start else None
        high = end.toordinal() if end else None
        found = []
        for key in list(table):  # a snapshot: parsing swaps records for their text
            ordinal = int(key)
            if (low is None or ordinal >= low) and (high is None or ordinal <= high):
                entry = self.parsed_days.entry(table, key)
                if entry is not None:
                    found.append(entry)
        found.sort(key=lambda e: e.day)
        return found

    def day_count(self) -> int:
        """How many days are logged."""
        return len(self._entries())

    # -- plan, events, settings -----------------------------------------------------------------

    def get_plan(self) -> dict[str, Any] | None:
        """The active plan as stored (plain JSON data), or ``None``: for the export and import,
        which carry the record as it is; everything else reads :meth:`plan`."""
        document = self._db.table("plan").get(doc_id=1)
        return None if document is None else dict(document)

    def plan(self) -> Plan | None:
        """The active plan, parsed once per stored version (like days); ``None`` without one.

        Raises :class:`ValidationError` (naming the field) when the stored plan cannot be read;
        the record itself is left as it is in the file.
        """
        record = (self._storage.read() or {}).get("plan", {}).get("1")
        cached_record, cached_plan = self._plan_cache
        if record is cached_record:
            return cached_plan
        plan = None if record is None else Plan.from_record(record)
        self._plan_cache = (record, plan)
        return plan

    def save_plan(self, record: dict[str, Any] | None, event: dict[str, Any] | None = None) -> None:
        """Replace the active plan (``None`` removes it) and record ``event``, in one write."""
        self._plan_cache = (_NOT_READ, None)
        with self.batch():
            table = self._db.table("plan")
            table.truncate()
            if record is not None:
                table.insert(Document(record, doc_id=1))
            if event is not None:
                self.add_event(event)

    def add_event(self, event: dict[str, Any]) -> None:
        """Append an event to the audit trail (plan changes, imports, restores)."""
        self._check_writable()
        self._db.table("events").insert(event)

    def events(self) -> list[dict[str, Any]]:
        """The audit trail, oldest first."""
        return [dict(doc) for doc in sorted(self._db.table("events").all(), key=lambda d: d.doc_id)]

    def settings(self) -> Settings:
        """The person's settings, typed and checked (defaults for what the file does not hold).

        Raises :class:`DataFileUnreadable` naming the setting when a hand-edited value has the
        wrong shape; :func:`open_journal` checks this on opening, so the file is never saved over.
        """
        record = (self._storage.read() or {}).get("settings", {}).get("1")
        cached_record, cached = self._settings_cache
        if record is cached_record:
            return cached
        try:
            settings = Settings.from_record(record)
        except ValidationError as error:
            raise DataFileUnreadable(self.path, f"a setting is not valid: {error}") from None
        self._settings_cache = (record, settings)
        return settings

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings (each checked, ValidationError naming it), keep the others; return
        the settings now stored."""
        self._check_writable()
        updated = self.settings().changed(**changes)
        # TinyDB updates the stored document in place, so the parse cached for it must go.
        self._settings_cache = (_NOT_READ, Settings())
        self._put_document("settings", 1, updated.to_record())
        return updated

    def replace_all(self, entries: list[DayEntry], plan: dict[str, Any] | None, events: list[dict[str, Any]]) -> None:
        """Swap the whole content (import ``--replace``, restore) in one atomic write."""
        self._check_writable()
        self._plan_cache = (_NOT_READ, None)
        with self.batch():
            # The table is built once, each day as its text in the file (see tui.store.day_texts);
            # saving day by day would rebuild it per day (quadratic: ~2 s for ten years).
            texts: dict[str, bytes] = {}
            for entry in entries:
                key = str(entry.day.toordinal())
                if entry.is_empty():
                    continue
                if key in texts:
                    raise ValueError(f"{entry.day.isoformat()} is given twice")
                texts[key] = day_text(entry.to_record())
            data = self._storage.read() or {}
            data["entries"] = texts
            self.parsed_days.clear()  # no day is parsed yet: each is read from its text
            self._storage.write(data)
            events_table = self._db.table("events")
            events_table.truncate()
            events_table.insert_multiple(events)
            self._db.table("plan").truncate()
            if plan is not None:
                self._db.table("plan").insert(Document(plan, doc_id=1))


def open_journal(
    path: Path | str,
    *,
    read_only: bool = False,
    fall_back_to_read_only: bool = False,
    clock: Callable[[], datetime] = utc_now,
) -> Journal:
    """Open a data file for writing (taking the lock) or read-only.

    Raises :class:`~tui.store.errors.StoreLocked` when another writer holds the lock (unless
    ``fall_back_to_read_only``), and :class:`DataFileUnreadable` / :class:`DataFileTooNew`
    for a file we must not touch — which is then left exactly as it was; :class:`DataPathUnusable`
    when the path is a folder, a pipe or a device. A link is followed: the real file is locked,
    backed up and replaced, and the link stays a link.
    """
    path = Path(path)
    real = real_data_path(path)
    check_data_path(real)
    try:
        ensure_private_folder(real.parent)
    except OSError as error:
        raise DataFolderNotWritable(
            path, f"cannot create the folder {real.parent} ({error.strerror or error})"
        ) from error
    lock, locked_by, warnings = (None, None, []) if read_only else take_writer_lock(path, fall_back_to_read_only)
    read_only = read_only or lock is None
    if lock is not None:
        remove_stale_temp_files(real)
    is_new = not real.exists()
    storage = AtomicJSONStorage(real, read_only=read_only, clock=clock)
    try:
        db = TinyDB(storage=lambda: storage)  # TinyDB calls storage(); hand it our instance
        storage.read()  # parse now, so a damaged file is reported before anything else
    except Exception:
        if lock is not None:
            lock.release()
        raise
    journal = Journal(path, storage, db, lock, is_new)
    journal.locked_by = locked_by
    journal.warnings = warnings
    # Who else could read or change the file; a missing file whose backups are still there.
    journal.warnings.extend([] if is_new else readable_by_others_warnings(path, real))
    journal.warnings.extend(location_warnings(real))
    journal.warnings.extend(lost_file_warnings(path, real) if is_new else [])
    try:
        journal.settings()  # a hand-edited bad setting is reported now, before anything is saved
    except DataFileUnreadable:
        journal.close()
        raise
    if not read_only:
        try:
            if is_new:
                db.table("meta").insert(Document(fresh_meta(), doc_id=1))
            elif storage.migrated:
                db.table("meta").upsert(Document(fresh_meta(), doc_id=1))
        except Exception:
            journal.close()
            raise
    return journal
