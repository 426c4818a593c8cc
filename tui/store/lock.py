"""One writer at a time: an exclusive ``flock`` on ``<data file>.lock`` holding the writer's pid.

``flock`` is released by the kernel when its process dies, so a lock left by a killed process
is free again at once; the pid left in the file lets us say that we took it over.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from tui.store.errors import StoreLocked


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WriterLock:
    """The exclusive writer lock of one data file.

    Attributes:
        path: The lock file (``taper.json.lock``).
        taken_over_from: pid of a dead process whose lock we took over, if any.
    """

    def __init__(self, data_path: Path) -> None:
        self.path = data_path.with_name(data_path.name + ".lock")
        self.taken_over_from: int | None = None
        self._fd: int | None = None

    def holder(self) -> int | None:
        """The pid written in the lock file, if any."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLocked` naming the holder's pid."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(self.path.with_name(self.path.name[: -len(".lock")]), self.holder()) from None
        previous = self.holder()
        if previous and previous != os.getpid() and not _pid_alive(previous):
            self.taken_over_from = previous
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            os.fsync(fd)
        except OSError:
            # The pid is only there to name us to a second instance; on a full disk the lock
            # itself (the flock) still holds, and the save that follows reports the real problem.
            pass
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (the lock file stays; an empty pid means nobody holds it)."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
