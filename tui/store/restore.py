"""Putting a backup back in place, keeping the file it replaces aside (never deleting it)."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import datetime
from pathlib import Path

from tui.store.atomic_storage import parse_data_file, read_data_bytes, write_atomically
from tui.store.backups import Backup, list_backups
from tui.store.errors import StoreError, StoreWriteFailed
from tui.store.locations import real_data_path
from tui.store.lock import WriterLock


def describe_backup(backup: Backup) -> str:
    """``2026-11-24 08:01:12 UTC  412 days  (1,234 bytes)`` — or why it can't be read."""
    try:
        data = parse_data_file(backup.path, read_data_bytes(backup.path)[0])
        days = f"{len(data.get('entries', {}))} days"
        size = f"{backup.size:,} bytes"
    except (StoreError, OSError) as error:
        days, size = f"unreadable: {error}", "?"
    zone = " UTC" if backup.sequence else ""
    return f"{backup.taken_at:%Y-%m-%d %H:%M:%S}{zone}  {days}  ({size})"


def restore_backup(data_path: Path, backup: Backup, now: datetime) -> Path | None:
    """Make ``backup`` the data file again; return where the replaced file was kept (if any).

    Takes the writer lock for the duration (raises ``StoreLocked`` if the app is open). A data
    file that is a link stays one: its target is kept aside and replaced. Raises
    :class:`StoreWriteFailed` naming the file when the folder can't be written (read-only disk).
    """
    real = real_data_path(data_path)
    try:
        payload = read_data_bytes(backup.path)[0]
    except OSError as error:
        raise StoreWriteFailed(backup.path, f"the backup cannot be read ({error.strerror or error})") from error
    parse_data_file(backup.path, payload)  # refuse to restore a damaged backup
    lock = WriterLock(real)
    try:
        lock.acquire()
    except OSError as error:
        raise StoreWriteFailed(real, f"cannot take the writer lock ({error.strerror or error})") from error
    try:
        kept = _keep_aside(real, now) if real.exists() else None
        write_atomically(real, payload)
        return kept
    finally:
        lock.release()


def _keep_aside(data_path: Path, now: datetime) -> Path:
    """Give the current file a second name, ``taper.json.replaced-<time>``, that nothing overwrites.

    A second name rather than a move: if we crashed before the backup is in place, the data
    file would be missing and the next start would begin an empty journal. And a name already
    taken (two restores in one second) gets a counter instead of being replaced.
    """
    stem = f"{data_path.name}.replaced-{now:%Y%m%dT%H%M%S}"
    for attempt in range(1000):
        kept = data_path.with_name(stem if attempt == 0 else f"{stem}-{attempt}")
        try:
            os.link(data_path, kept)
        except FileExistsError:
            continue
        except OSError as error:
            if kept.exists():
                continue
            if error.errno == errno.EROFS:
                raise StoreWriteFailed(kept, "the file system is read-only") from error
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise StoreWriteFailed(kept, error.strerror or str(error)) from error
            # No hard links on this file system: copy, refusing to overwrite.
            try:
                with open(data_path, "rb") as source, open(kept, "xb") as target:
                    shutil.copyfileobj(source, target)
                    target.flush()
                    os.fsync(target.fileno())
            except FileExistsError:
                continue
            except OSError as copy_error:
                raise StoreWriteFailed(kept, copy_error.strerror or str(copy_error)) from copy_error
            shutil.copystat(data_path, kept)
        return kept
    raise StoreWriteFailed(data_path, "too many files already kept aside with this time stamp")


__all__ = ["describe_backup", "list_backups", "restore_backup"]
