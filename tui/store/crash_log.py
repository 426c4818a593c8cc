"""Crash logs: what went wrong, for a bug report, without the person's data.

An unexpected exception is written as a plain traceback — the exception, the files, lines and
code of each frame — and never with local variables: those hold the days, notes and doses
being handled, and a crash log is exactly the file people paste into a public bug report.
The log is created exclusively (``O_EXCL``, random name) as 0600 beside the data file, or in
the temp folder when that folder can't be written.
"""

from __future__ import annotations

import os
import platform
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from tui import __version__
from tui.store.locations import real_data_path


def crash_report(error: BaseException, when: datetime) -> str:
    """The text of a crash log: versions, time (UTC) and the traceback without local variables."""
    lines = [
        f"taper-tui {__version__} crash log — {when:%Y-%m-%d %H:%M:%S} UTC",
        f"python {platform.python_version()} on {platform.platform()}",
        "",
        # capture_locals stays False: local variables hold the days, notes and doses being handled.
        *traceback.TracebackException.from_exception(error, capture_locals=False).format(),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_crash_log(data_path: Path | None, error: BaseException, when: datetime | None = None) -> Path:
    """Write the crash log of ``error`` (0600) beside ``data_path`` and return its path.

    Falls back to the temp folder when the data folder can't be written (or is not known).
    Raises ``OSError`` only when neither can be written.
    """
    moment = when or datetime.now(UTC)
    text = crash_report(error, moment).encode("utf-8", "replace")
    folders = [] if data_path is None else [real_data_path(data_path).parent]
    folders.append(Path(tempfile.gettempdir()))
    last_error: OSError | None = None
    for folder in folders:
        try:
            fd, name = tempfile.mkstemp(prefix=f"taper-tui-crash-{moment:%Y%m%dT%H%M%S}-", suffix=".log", dir=folder)
        except OSError as failed:
            last_error = failed
            continue
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(text)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return Path(name)
    raise last_error or OSError("no folder to write a crash log to")
