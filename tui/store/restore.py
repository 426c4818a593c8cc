"""Putting a backup back in place, keeping the file it replaces aside (never deleting it)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from tui.store.atomic_storage import parse_data_file, write_atomically
from tui.store.backups import Backup, list_backups
from tui.store.errors import StoreError
from tui.store.lock import WriterLock


def describe_backup(backup: Backup) -> str:
    """``2026-11-24 08:01:12  412 days  (1.2 MB)`` — or why it can't be read."""
    try:
        data = parse_data_file(backup.path, backup.path.read_bytes())
        days = f"{len(data.get('entries', {}))} days"
    except (StoreError, OSError) as error:
        days = f"unreadable: {error}"
    return f"{backup.taken_at:%Y-%m-%d %H:%M:%S}  {days}  ({backup.size:,} bytes)"


def restore_backup(data_path: Path, backup: Backup, now: datetime) -> Path | None:
    """Make ``backup`` the data file again; return where the replaced file was kept (if any).

    Takes the writer lock for the duration (raises ``StoreLocked`` if the app is open).
    """
    parse_data_file(backup.path, backup.path.read_bytes())  # refuse to restore a damaged backup
    lock = WriterLock(data_path)
    lock.acquire()
    try:
        kept = None
        if data_path.exists():
            kept = data_path.with_name(f"{data_path.name}.replaced-{now:%Y%m%dT%H%M%S}")
            os.replace(data_path, kept)
        write_atomically(data_path, backup.path.read_bytes())
        return kept
    finally:
        lock.release()


__all__ = ["describe_backup", "list_backups", "restore_backup"]
