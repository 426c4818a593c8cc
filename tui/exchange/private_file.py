"""Writing exports that hold health data: mode 0600, whole or not at all, through no planted link.

The temp file gets a random name and is created exclusively (``mkstemp``: ``O_EXCL``, 0600) in
the target's folder, so a file or link another user planted at a predictable temp name is
never written through or adopted. A destination that is itself a symbolic link is refused
rather than replaced: the person named a file, and the link may lead anywhere.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class UnsafeDestination(OSError):
    """The destination is a link, a folder or something else an export must not be written over."""


def check_destination(path: Path) -> None:
    """Raise :class:`UnsafeDestination` when ``path`` is a link, a folder, a pipe or a device."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeDestination(f"{path} is a symbolic link; taper-tui does not write exports through links")
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeDestination(f"{path} is a folder; give a file name inside it")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeDestination(f"{path} is not a regular file (a pipe or a device)")


def write_private_file(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` as a 0600 file, via an exclusive temp file and a rename.

    An existing regular file at ``path`` is replaced (and loses any wider permissions it had);
    a link, folder or device there raises :class:`UnsafeDestination`.
    """
    path = Path(path)
    check_destination(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
