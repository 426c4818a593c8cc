"""One writer at a time: an exclusive ``flock`` on the data file's backups folder.

Why the folder and not a lock file: a lock file can be deleted (``rm taper.json.lock``) or
replaced (by an export written over it) while held, and the next writer then locks the new
file and both write. The backups folder ``taper.json.backups/`` belongs to one real data file,
cannot be removed by ``rm`` or replaced by writing a file while it holds backups, and is opened
with ``O_NOFOLLOW|O_DIRECTORY``, so a link planted in its place is refused, not followed.
It is found from the real file (links followed), so every spelling of the path shares one lock.

``flock`` is released by the kernel when its process dies, so a lock left by a killed process
is free again at once. The holder's pid is also written to ``taper.json.lock`` — for messages
only ("process 1234 is writing"); that file is opened with ``O_NOFOLLOW`` and never truncated
unless it is a plain file of ours with one name, so a link planted there cannot empty
another file.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

from tui.store.backups import backup_dir, ensure_backup_dir
from tui.store.errors import BackupFolderUnusable, DataFolderNotWritable, StoreLocked
from tui.store.locations import real_data_path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lock_file_path(data_path: Path) -> Path:
    """``taper.json`` → ``taper.json.lock`` (beside the real file): where the holder's pid is written."""
    real = real_data_path(data_path)
    return real.with_name(real.name + ".lock")


class WriterLock:
    """The exclusive writer lock of one data file.

    Attributes:
        data_path: The real data file this lock guards.
        path: The pid file (``taper.json.lock``).
        folder: The folder whose ``flock`` is the lock (``taper.json.backups``).
        taken_over_from: pid of a dead process whose lock we took over, if any.
    """

    def __init__(self, data_path: Path) -> None:
        self.data_path = real_data_path(data_path)
        self.path = lock_file_path(self.data_path)
        self.folder = backup_dir(self.data_path)
        self.taken_over_from: int | None = None
        self._fd: int | None = None

    def holder(self) -> int | None:
        """The pid written in the pid file, if any."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
        except OSError:
            return None
        finally:
            os.close(fd)
        return int(text) if text.isdigit() else None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLocked` naming the holder's pid.

        Raises :class:`~tui.store.errors.BackupFolderUnusable` when the folder can't be made or
        is not a real folder, and ``OSError`` for other failures.
        """
        ensure_backup_dir(self.data_path)
        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(self.data_path, self.holder()) from None
        previous = self.holder()
        if previous and previous != os.getpid() and not _pid_alive(previous):
            self.taken_over_from = previous
        self._fd = fd
        self._write_pid(f"{os.getpid()}\n")

    def _write_pid(self, text: str) -> None:
        # The pid only names us to a second instance: on any doubt about the file (a link, a
        # second name, someone else's), or on a full disk, leave it alone — the flock holds.
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        except OSError:
            return
        try:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and info.st_uid == os.getuid():
                os.fchmod(fd, 0o600)
                os.ftruncate(fd, 0)
                os.write(fd, text.encode("ascii"))
                os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def release(self) -> None:
        """Give the lock up (the pid file stays, emptied: an empty pid means nobody holds it)."""
        if self._fd is None:
            return
        self._write_pid("")
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None


def take_writer_lock(path: Path, fall_back_to_read_only: bool) -> tuple[WriterLock | None, int | None, list[str]]:
    """The writer's lock on ``path``: ``(lock, None, warnings)``, or ``(None, pid, [])`` when
    process ``pid`` holds it and ``fall_back_to_read_only`` allows opening read-only.

    Raises :class:`StoreLocked` when another writer holds it and read-only is not allowed, and
    :class:`DataFolderNotWritable` when the lock cannot be made at all."""
    lock = WriterLock(path)
    try:
        lock.acquire()
    except BackupFolderUnusable:
        raise
    except OSError as error:
        raise DataFolderNotWritable(
            path, f"cannot create the lock file {lock.path} ({error.strerror or error})"
        ) from error
    except StoreLocked as locked:
        if not fall_back_to_read_only:
            raise
        return None, locked.pid, []
    if lock.taken_over_from:
        return lock, None, [f"took over a lock left by process {lock.taken_over_from}, which is no longer running"]
    return lock, None, []
