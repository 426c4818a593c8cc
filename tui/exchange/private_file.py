"""Writing exports that hold health data: mode 0600, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_file(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` as a 0600 file, via a temp file and a rename.

    An existing file at ``path`` is replaced (and loses any wider permissions it had).
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
