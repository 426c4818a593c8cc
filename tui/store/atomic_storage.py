"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` rewrites the live file in place (seek, write, truncate), so a crash
mid-write leaves it truncated. Here each write goes to a temporary file in the same folder,
is fsynced, then ``os.replace``-d over the old one, and the folder is fsynced: after a crash the
file is either the old one or the new one, never a mix. The old file is kept as a backup.

The parsed data is cached while the file's identity (inode, size, mtime) is unchanged, because
TinyDB reads the whole file before every write; we hold the writer lock, so nobody else changes
it behind our back (a read-only instance notices another writer's save by the changed identity).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb.storages import Storage

from tui.store.backups import keep_backup_of, prune_backups
from tui.store.errors import DataFileTooNew, DataFileUnreadable, StoreReadOnly, StoreWriteFailed
from tui.store.schema import SCHEMA_VERSION, file_schema_version, migrate

_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def _identity(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def dump_bytes(data: Any) -> bytes:
    """Serialise the way the data file is written: sorted keys, 2-space indent (small diffs)."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def _temp_path(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}.tmp"


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files that writers killed mid-save left beside ``path``; return them.

    Call only while holding the writer lock: then no live process is writing any of them, and
    without this every crash during a save would leave one more file in the folder for good.
    """
    removed = []
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        middle = name[len(prefix) : -len(suffix)]
        if name.startswith(prefix) and name.endswith(suffix) and middle.isdigit():
            try:
                os.unlink(path.parent / name)
            except OSError:
                continue
            removed.append(path.parent / name)
    return removed


def write_atomically(path: Path, payload: bytes, *, backup_clock: Callable[[], datetime] | None = None) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new file, whole.

    With ``backup_clock``, the old file is kept in the backup folder first. Raises
    :class:`StoreWriteFailed` (file untouched) when the folder is full or not writable.
    """
    folder = path.parent
    temp = _temp_path(path)
    backup = None
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if backup_clock is not None:
            backup = keep_backup_of(path, backup_clock())
        os.replace(temp, path)
    except OSError as error:
        # The backup would only be another name for the unchanged file; left in place, each
        # retry of a failing save would add one more and the folder would grow without bound.
        for leftover in (temp, backup):
            try:
                if leftover is not None:
                    leftover.unlink()
            except OSError:
                pass
        raise StoreWriteFailed(path, error.strerror or str(error)) from error
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass  # the rename is done; a folder fsync can fail on some file systems and is best effort
    if backup_clock is not None:
        try:
            prune_backups(path, backup_clock())
        except OSError:
            pass  # the save is done; pruning is retried on the next one


def parse_data_file(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse and check a data file's bytes; raise a :class:`StoreError` naming the file."""
    if not raw.strip():
        raise DataFileUnreadable(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DataFileUnreadable(path, f"not valid JSON: {error}") from None
    if not (
        isinstance(data, dict)
        and all(isinstance(table, dict) for table in data.values())
        and all(isinstance(doc, dict) for table in data.values() for doc in table.values())
    ):
        # Handing TinyDB anything else would crash it later, or get "fixed" by the next save.
        raise DataFileUnreadable(path, "not a taper-tui data file (expected tables of documents)")
    if "meta" in data and not isinstance(data["meta"].get("1", {}).get("schema_version"), int):
        # Without a readable version we can't tell old from newer: don't guess and migrate.
        raise DataFileUnreadable(path, "its meta document has no whole-number schema_version")
    version = file_schema_version(data)
    if version > SCHEMA_VERSION:
        raise DataFileTooNew(path, version, SCHEMA_VERSION)
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace, orjson, backups, migrations on read, optional read-only.

    Attributes:
        migrated: True when the file on disk is older than :data:`SCHEMA_VERSION` and the data
            handed to TinyDB was brought forward in memory (the journal then writes it back).
    """

    def __init__(self, path: Path, *, read_only: bool = False, clock: Callable[[], datetime] = datetime.now) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.clock = clock
        self.migrated = False
        self._cache: dict[str, Any] | None = None
        self._cache_identity: tuple[int, int, int] | None = None
        self._deferred = 0
        self._pending = False

    def read(self) -> dict[str, Any] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            if self._deferred and self._cache is not None:
                return self._cache
            return None
        if self._cache is not None and (self._deferred or _identity(stat) == self._cache_identity):
            return self._cache
        with open(self.path, "rb") as handle:
            raw = handle.read()
            identity = _identity(os.fstat(handle.fileno()))
        data, self.migrated = migrate(parse_data_file(self.path, raw))
        self._cache, self._cache_identity = data, identity
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise StoreReadOnly(self.path)
        self._cache = data
        if self._deferred:
            self._pending = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        try:
            write_atomically(self.path, dump_bytes(data), backup_clock=self.clock)
        except Exception:
            # TinyDB mutated our cached dict before calling write: forget it, re-read the disk.
            self._cache = self._cache_identity = None
            raise
        self._cache_identity = _identity(os.stat(self.path))
        self.migrated = False

    def begin_batch(self) -> None:
        """Hold writes in memory until :meth:`end_batch` (all-or-nothing multi-document changes)."""
        self._deferred += 1

    def end_batch(self, commit: bool) -> None:
        """Write what the batch changed (``commit``) or drop it and re-read the disk."""
        self._deferred -= 1
        if self._deferred:
            return
        pending, self._pending = self._pending, False
        if not commit:
            self._cache = self._cache_identity = None
        elif pending and self._cache is not None:
            self._flush(self._cache)

    def close(self) -> None:
        self._cache = None
