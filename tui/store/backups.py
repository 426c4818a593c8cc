"""Rolling backups beside the data file: the last 10 saves, and one a day for 30 days.

Before each save replaces the file, the old file is hard-linked into ``<file>.backups/`` — the
old inode simply gets a second name, so a backup costs no copying. Old backups are pruned on
every save, so the folder never holds more than 10 + 30 files.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

KEEP_LAST_SAVES = 10
KEEP_DAILY_DAYS = 30
_STAMP = "%Y%m%dT%H%M%S.%f"


@dataclass(frozen=True)
class Backup:
    """One backup file and when the data it holds was replaced."""

    path: Path
    taken_at: datetime

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_dir(data_path: Path) -> Path:
    """``taper.json`` → ``taper.json.backups/``."""
    return data_path.with_name(data_path.name + ".backups")


def list_backups(data_path: Path) -> list[Backup]:
    """Every backup of ``data_path``, newest first."""
    folder = backup_dir(data_path)
    found = []
    stem = data_path.stem
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    for name in names:
        if not (name.startswith(stem + "-") and name.endswith(".json")):
            continue
        try:
            taken = datetime.strptime(name[len(stem) + 1 : -len(".json")], _STAMP)
        except ValueError:
            continue
        found.append(Backup(folder / name, taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def keep_backup_of(data_path: Path, now: datetime) -> Path | None:
    """Give the current file a second name in the backup folder before it is replaced."""
    if not data_path.exists():
        return None
    folder = backup_dir(data_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{data_path.stem}-{now.strftime(_STAMP)}.json"
    while target.exists():  # two saves in the same microsecond: keep both
        now += timedelta(microseconds=1)
        target = folder / f"{data_path.stem}-{now.strftime(_STAMP)}.json"
    try:
        os.link(data_path, target)
    except OSError:
        # Some file systems (FAT, a few network mounts) have no hard links: copy instead.
        shutil.copy2(data_path, target)
        os.chmod(target, 0o600)
    return target


def backups_to_prune(backups: list[Backup], now: datetime) -> list[Backup]:
    """Which backups the rotation drops: all but the newest 10 and the newest of each of the last 30 days."""
    keep = set(b.path for b in backups[:KEEP_LAST_SAVES])
    oldest_day = (now - timedelta(days=KEEP_DAILY_DAYS - 1)).date()
    seen_days = set()
    for backup in backups:  # newest first, so the first of each day is that day's newest
        day = backup.taken_at.date()
        # Days after today come from a clock that ran ahead; keeping one for each would let
        # the folder grow past 10 + 30 files, so only the newest-10 rule may keep them.
        if oldest_day <= day <= now.date() and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
    return [b for b in backups if b.path not in keep]


def prune_backups(data_path: Path, now: datetime) -> None:
    """Delete what :func:`backups_to_prune` drops (errors ignored: pruning is best effort)."""
    for backup in backups_to_prune(list_backups(data_path), now):
        try:
            backup.path.unlink()
        except OSError:
            pass
