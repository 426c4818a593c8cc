"""Rolling backups beside the data file: the last 10 saves, and one a day for 30 days.

Before each save replaces the file, the old file is hard-linked into ``<file>.backups/`` — the
old inode simply gets a second name, so a backup costs no copying. Old backups are pruned on
every save, so the folder never holds more than 10 + 30 files.

Backups are ordered by a sequence number in their name, not by the time in it: the wall clock
goes back (travel west, the end of summer time, an NTP correction), and ordered by time every
backup made after that would sort older than the ten kept and be pruned as it was made, while
"restore 1" named a stale file. The time, in UTC, is kept for the person and for the
one-a-day rule only. Names look like ``taper-000000042-20261130T140812.123456Z.json``; names
from before the sequence (``taper-20261130T140812.123456.json``, local time) sort older than
any numbered one.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.store.errors import BackupFolderUnusable, StoreError
from tui.store.locations import real_data_path

KEEP_LAST_SAVES = 10
KEEP_DAILY_DAYS = 30
_STAMP = "%Y%m%dT%H%M%S.%f"
_NUMBERED = re.compile(r"(\d{9,})-(\d{8}T\d{6}\.\d{6})Z")


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when the data it holds was replaced, and its place in order.

    Attributes:
        path: The backup file.
        taken_at: When it was taken — UTC for numbered backups, local time for older ones.
        sequence: Its number; higher is newer whatever the clock said (0 for backups made
            before numbering, which are all older than numbered ones).
    """

    path: Path
    taken_at: datetime
    sequence: int = 0

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size


def utc_now() -> datetime:
    """The clock backups use by default: UTC, so a change of time zone moves nothing."""
    return datetime.now(UTC)


def _as_utc_naive(moment: datetime) -> datetime:
    # An aware time is converted; a naive one (a test's injected clock) is taken as UTC.
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def backup_dir(data_path: Path) -> Path:
    """``taper.json`` → ``taper.json.backups/``, beside the real file (a link's target)."""
    real = real_data_path(data_path)
    return real.with_name(real.name + ".backups")


def _parse_name(folder: Path, stem: str, name: str) -> Backup | None:
    if not (name.startswith(stem + "-") and name.endswith(".json")):
        return None
    middle = name[len(stem) + 1 : -len(".json")]
    numbered = _NUMBERED.fullmatch(middle)
    try:
        if numbered:
            return Backup(folder / name, datetime.strptime(numbered.group(2), _STAMP), int(numbered.group(1)))
        return Backup(folder / name, datetime.strptime(middle, _STAMP))
    except ValueError:
        return None


def lost_file_warnings(path: Path, real: Path) -> list[str]:
    """For a data file about to be created: a warning when backups of one are kept (it may have been lost)."""
    try:
        kept = list_backups(real)
    except StoreError:
        return []
    if not kept:
        return []
    return [
        f"there is no data file at {path}, but {len(kept)} backups of one are kept; if it was lost, "
        f"`taper-tui --data {path} restore` lists them"
    ]


def list_backups(data_path: Path) -> list[Backup]:
    """Every backup of ``data_path``, newest first (by sequence, then time for un-numbered ones).

    Raises :class:`BackupFolderUnusable` when the backups folder is a file or cannot be read.
    """
    folder = backup_dir(data_path)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise BackupFolderUnusable(folder, error.strerror or str(error)) from None
    stem = real_data_path(data_path).stem
    found = [backup for name in names if (backup := _parse_name(folder, stem, name)) is not None]
    return sorted(found, key=lambda b: (b.sequence, b.taken_at), reverse=True)


def ensure_backup_dir(data_path: Path) -> Path:
    """Create the backups folder (0700) if needed; raise :class:`BackupFolderUnusable` if it can't be one."""
    folder = backup_dir(data_path)
    try:
        os.mkdir(folder, 0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    except FileExistsError:
        if not folder.is_dir() or folder.is_symlink():
            raise BackupFolderUnusable(folder, "it exists but is not a folder") from None
    except OSError as error:
        raise BackupFolderUnusable(folder, error.strerror or str(error)) from None
    return folder


def keep_backup_of(data_path: Path, now: datetime) -> Path | None:
    """Give the current file a second name in the backup folder before it is replaced.

    The new name's sequence number is one more than the newest backup's, so it sorts first
    whatever the clock says. Raises :class:`BackupFolderUnusable` (nothing saved: a save that
    could not be undone is not made) or ``OSError``.
    """
    real = real_data_path(data_path)
    if not real.exists():
        return None
    folder = ensure_backup_dir(real)
    existing = list_backups(real)
    sequence = max((b.sequence for b in existing), default=0) + 1
    stamp = _as_utc_naive(now).strftime(_STAMP)
    while True:
        target = folder / f"{real.stem}-{sequence:09d}-{stamp}Z.json"
        try:
            os.link(real, target)
        except FileExistsError:
            sequence += 1  # a backup made meanwhile took the number: never overwrite one
            continue
        except OSError:
            # Some file systems (FAT, a few network mounts) have no hard links: copy, exclusively.
            import shutil  # only here, rarely: ~3 ms at every start otherwise

            try:
                with open(real, "rb") as source, open(target, "xb") as copy:
                    shutil.copyfileobj(source, copy)
                    copy.flush()
                    os.fsync(copy.fileno())
            except FileExistsError:
                sequence += 1
                continue
            os.chmod(target, 0o600)
        return target


def backups_to_prune(backups: list[Backup], now: datetime) -> list[Backup]:
    """Which backups the rotation drops: all but the newest 10 and the newest of each of the last 30 days.

    ``backups`` is newest first, as :func:`list_backups` returns it. "Newest" is by sequence,
    so the ten most recent saves survive however the clock moved.
    """
    keep = set(b.path for b in backups[:KEEP_LAST_SAVES])
    today = _as_utc_naive(now).date()
    oldest_day = today - timedelta(days=KEEP_DAILY_DAYS - 1)
    seen_days = set()
    for backup in backups:  # newest first, so the first of each day is that day's newest
        day = backup.taken_at.date()
        # Days after today come from a clock that ran ahead (or went back since); keeping one
        # for each would let the folder grow past 10 + 30 files, so only the newest-10 rule may keep them.
        if oldest_day <= day <= today and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
    return [b for b in backups if b.path not in keep]


def prune_backups(data_path: Path, now: datetime) -> None:
    """Delete what :func:`backups_to_prune` drops (errors ignored: pruning is best effort)."""
    for backup in backups_to_prune(list_backups(data_path), now):
        with contextlib.suppress(OSError):
            backup.path.unlink()
