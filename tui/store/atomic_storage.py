"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` rewrites the live file in place (seek, write, truncate), so a crash
mid-write leaves it truncated. Here each write goes to a temporary file in the same folder,
is fsynced, then ``os.replace``-d over the old one, and the folder is fsynced: after a crash the
file is either the old one or the new one, never a mix. The old file is kept as a backup.

The parsed data is cached while the file's identity (inode, size, mtime) is unchanged, because
TinyDB reads the whole file before every write. We hold the writer lock, yet a person, a sync
client or a second program can still delete, replace or damage the file: so before each write
the file must still be the one we read (or last wrote). If it is not, nothing is written and
:class:`DataFileChanged` says so — writing would overwrite the other change, or put a new file
holding one day over a journal that went missing. A read-only instance follows the file: it
re-reads it whenever its identity changes, and keeps the last good reading if the new one is
damaged or gone.

Temp files get random names and are created exclusively (``O_EXCL``, via ``mkstemp``) as 0600:
in a folder another user can write to, a pre-created or linked temp name would otherwise hand
them the data file or let the save write through their link.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat as stat_module
from _blake2 import blake2b
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.store.backups import keep_backup_of, prune_backups, utc_now
from tui.store.day_texts import as_fragment, check_texts, parse_days_as_text
from tui.store.errors import (
    BackupFolderUnusable,
    DataFileChanged,
    DataFileTooNew,
    DataFileUnreadable,
    DataPathUnusable,
    StoreReadOnly,
    StoreWriteFailed,
)
from tui.store.file_checks import check_entries, check_no_duplicate_documents, check_schema_version, is_tables
from tui.store.schema import SCHEMA_VERSION, file_schema_version, migrate

_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def _identity(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _digest(raw: bytes) -> bytes:
    """A fingerprint of the file's bytes: tells a touched file from a changed one.

    hashlib's own blake2b, taken from its C module: ``import hashlib`` first loads OpenSSL
    (~7 ms on every command), which nothing here uses.
    """
    return blake2b(raw, digest_size=16).digest()


def dump_bytes(data: Any) -> bytes:
    """Serialise the way the data file is written: sorted keys, 2-space indent (small diffs).

    A day held as its text (:mod:`tui.store.day_texts`) is written as that text.
    """
    return orjson.dumps(data, default=as_fragment, option=_DUMP_OPTIONS)


_TEMP_MIDDLE = re.compile(r"[a-z0-9_]{6,}|\d+")
"""The random part of a temp name (``mkstemp``'s), or a pid in names from older versions."""


def _describe_kind(mode: int) -> str:
    if stat_module.S_ISDIR(mode):
        return "a folder"
    if stat_module.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat_module.S_ISSOCK(mode):
        return "a socket"
    if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_data_bytes(path: Path) -> tuple[bytes, tuple[int, int, int]]:
    """The bytes of a data (or backup) file and its identity, refusing anything but a regular file.

    The file is opened non-blocking and its type checked before reading, so a named pipe at the
    data path is refused at once instead of hanging until someone writes into it.
    Raises ``FileNotFoundError`` when it is missing and :class:`DataPathUnusable` for a folder,
    pipe or device.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise DataPathUnusable(path, "a folder") from None
    try:
        info = os.fstat(fd)
        if not stat_module.S_ISREG(info.st_mode):
            raise DataPathUnusable(path, _describe_kind(info.st_mode))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
        return raw, _identity(os.fstat(fd))
    finally:
        os.close(fd)


def check_data_path(path: Path) -> None:
    """Raise :class:`DataPathUnusable` if ``path`` exists but is not a regular file (a folder, a pipe)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataPathUnusable(path, f"not readable ({error.strerror or error})") from None
    if not stat_module.S_ISREG(info.st_mode):
        raise DataPathUnusable(path, _describe_kind(info.st_mode))


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files that writers killed mid-save left beside ``path``; return them.

    Call only while holding the writer lock: then no live process is writing any of them, and
    without this every crash during a save would leave one more file in the folder for good.
    """
    removed: list[Path] = []
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        middle = name[len(prefix) : -len(suffix)]
        if name.startswith(prefix) and name.endswith(suffix) and _TEMP_MIDDLE.fullmatch(middle):
            try:
                os.unlink(path.parent / name)
            except OSError:
                continue
            removed.append(path.parent / name)
    return removed


def write_atomically(path: Path, payload: bytes, *, backup_clock: Callable[[], datetime] | None = None) -> Path | None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new file, whole.

    ``path`` is the real file (links resolved by the caller), so a link to it stays a link.
    With ``backup_clock``, the old file is kept in the backup folder first. Returns that backup
    (or ``None``). Raises :class:`StoreWriteFailed` (file untouched) when the folder is full or
    not writable, :class:`BackupFolderUnusable` when no backup can be kept.
    """
    import tempfile  # here, not at the top: reading commands (``status``) never write

    folder = path.parent
    temp: Path | None = None
    backup = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        temp = Path(temp_name)
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
    except (OSError, BackupFolderUnusable) as error:
        # The backup would only be another name for the unchanged file; left in place, each
        # retry of a failing save would add one more and the folder would grow without bound.
        for leftover in (temp, backup):
            try:
                if leftover is not None:
                    leftover.unlink()
            except OSError:
                pass
        if isinstance(error, BackupFolderUnusable):
            raise
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
        # The save is done; pruning is best effort and retried on the next one.
        with contextlib.suppress(OSError, BackupFolderUnusable):
            prune_backups(path, backup_clock())
    return backup


def parse_data_file(path: Path, raw: bytes, *, days_as_text: bool = False) -> dict[str, Any]:
    """Parse and check a data file's bytes; raise a :class:`StoreError` naming the file (and the entry).

    With ``days_as_text``, a file laid out as taper-tui writes it keeps each day as its text
    (see :mod:`tui.store.day_texts`): the entries table then maps keys to ``bytes``.
    """
    if days_as_text:
        data = parse_days_as_text(path, raw)
        if data is not None:
            return data
    if not raw or raw.isspace():
        raise DataFileUnreadable(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DataFileUnreadable(path, f"not valid JSON: {error}") from None
    if not is_tables(data):
        # Handing TinyDB anything else would crash it later, or get "fixed" by the next save.
        raise DataFileUnreadable(path, "not a taper-tui data file (expected tables of documents)")
    check_schema_version(path, data)
    check_no_duplicate_documents(path, raw, data)
    check_entries(path, data.get("entries", {}))
    version = file_schema_version(data)
    if version > SCHEMA_VERSION:
        raise DataFileTooNew(path, version, SCHEMA_VERSION)
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace, orjson, backups, migrations on read, optional read-only.

    Attributes:
        path: The real data file (links resolved).
        read_only: True when this instance must not write (no writer lock).
        clock: Gives the time stamped on backups (UTC by default).
        migrated: True when the file on disk is older than :data:`SCHEMA_VERSION` and the data
            handed to TinyDB was brought forward in memory (the journal then writes it back).
        last_backup: The backup the last save kept of the file it replaced (``None`` before any).
    """

    def __init__(self, path: Path, *, read_only: bool = False, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.clock = clock
        self.migrated = False
        self.last_backup: Path | None = None
        self._cache: dict[str, Any] | None = None
        self._cache_identity: tuple[int, int, int] | None = None
        self._expect_file = False
        self._refusal: str | None = None
        self._digest = b""
        self._deferred = 0
        self._pending = False
        self._texts_checked = True
        self.parsed_days: Callable[[dict[str, Any]], set[int]] = lambda entries: set()
        """The days (by ordinal) whose text in ``entries`` is known to parse; the journal sets it."""

    def _disk_identity(self) -> tuple[int, int, int] | None:
        try:
            return _identity(os.stat(self.path))
        except FileNotFoundError:
            return None

    def read(self) -> dict[str, Any] | None:
        identity = self._disk_identity()
        if identity is None:
            if self._cache is not None:
                return self._cache  # gone underneath: keep showing what we read; a write refuses
            if self._expect_file:
                raise DataFileChanged(self.path, "was deleted or moved away")
            return None
        if self._cache is not None and (self._deferred or identity == self._cache_identity or not self.read_only):
            # A writer keeps what it read until :meth:`reload`; its next write checks the disk.
            return self._cache
        try:
            return self._load()
        except DataFileUnreadable:
            if self._cache is not None:
                return self._cache  # a reader keeps its last good reading of a damaged file
            raise

    def _load(self) -> dict[str, Any]:
        raw, identity = read_data_bytes(self.path)
        data, self.migrated = migrate(parse_data_file(self.path, raw, days_as_text=True))
        self._cache, self._cache_identity, self._expect_file = data, identity, True
        self._texts_checked = False
        self._digest = _digest(raw)
        return data

    def changed_on_disk(self) -> bool:
        """True when the file is no longer the one last read or written here (one ``stat``).

        A file merely touched (same bytes, new time) reads once to tell, then counts as unchanged.
        """
        identity = self._disk_identity()
        if identity is None:
            return self._expect_file
        if identity == self._cache_identity:
            return False
        try:
            raw, now_identity = read_data_bytes(self.path)
        except (OSError, DataPathUnusable):
            return True
        if _digest(raw) != self._digest:
            return True
        self._cache_identity = now_identity
        return False

    def reload(self) -> dict[str, Any] | None:
        """Forget what was read and read the file as it is now (``None`` if there is none).

        Raises :class:`DataFileUnreadable` for a damaged file, :class:`DataFileChanged` for a
        file that was there and is gone.
        """
        self._cache = self._cache_identity = None
        self._refusal = None
        return self.read()

    def ensure_unchanged(self) -> None:
        """Raise :class:`DataFileChanged` unless the file on disk is still the one last read or written."""
        if self._refusal is not None:
            raise DataFileChanged(self.path, self._refusal)
        identity = self._disk_identity()
        if identity is None:
            if self._expect_file:
                raise DataFileChanged(self.path, "was deleted or moved away")
            return
        if not self._expect_file:
            raise DataFileChanged(self.path, "was created by another program")
        if identity == self._cache_identity:
            return
        try:
            raw, now_identity = read_data_bytes(self.path)
            if _digest(raw) == self._digest:
                # Touched, or rewritten with the same bytes (a sync client): still our file.
                self._cache_identity = now_identity
                return
            parse_data_file(self.path, raw)
        except FileNotFoundError:
            raise DataFileChanged(self.path, "was deleted or moved away") from None
        except (DataFileUnreadable, DataPathUnusable, DataFileTooNew):
            what = "was damaged or replaced by something that is not a taper-tui file"
            raise DataFileChanged(self.path, what) from None
        raise DataFileChanged(self.path, "was changed by another program")

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
            if not self._texts_checked:
                # Days kept as their text since the read: a file that does not parse is never written over.
                entries = data.get("entries", {})
                check_texts(self.path, entries, self.parsed_days(entries))
                self._texts_checked = True
            payload = dump_bytes(data)
            self.ensure_unchanged()
            backup = write_atomically(self.path, payload, backup_clock=self.clock)
        except DataFileChanged as changed:
            # TinyDB already changed our cached dict: drop it, and refuse every write until the
            # file is reloaded, so a later save cannot quietly build on whatever is there now.
            self._cache, self._refusal = None, changed.what
            raise
        except Exception:
            # TinyDB mutated our cached dict before calling write: forget it, re-read the disk
            # (which the failed save left as it was, so its identity still holds).
            self._cache = None
            raise
        self._cache_identity = _identity(os.stat(self.path))
        self._digest = _digest(payload)
        self._expect_file = True
        self.last_backup = backup
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
            self._cache = None
        elif pending and self._cache is not None:
            self._flush(self._cache)

    def close(self) -> None:
        self._cache = None
