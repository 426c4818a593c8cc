"""Errors the store raises. Each ``str()`` says what happened, to which file, and what to do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something about the data file stops us from going on safely."""


class DataFileUnreadable(StoreError):
    """The file does not parse (truncated, garbage, empty). It is left exactly as it was."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"the data file {path} cannot be read ({reason}). It has not been changed. "
            f"Run `taper-tui --data {path} restore` to list backups and restore one "
            "(the damaged file is kept aside)."
        )


class DataFileTooNew(StoreError):
    """The file was written by a newer taper-tui (a higher schema version). It is left as it was."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"the data file {path} has schema version {found}, but this taper-tui understands up to "
            f"{supported}. It has not been changed. Upgrade taper-tui to open it."
        )


class StoreLocked(StoreError):
    """Another taper-tui process holds the writer lock on this file."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = path
        self.pid = pid
        who = f"process {pid}" if pid else "another process"
        super().__init__(
            f"another taper-tui ({who}) is writing to {path}. Close it first, or open this one "
            "read-only (`--read-only`); two writers would overwrite each other."
        )


class StoreWriteFailed(StoreError):
    """Saving failed (disk full, folder read-only …). The file on disk is as it was before the save."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"could not save to {path}: {reason}. The file on disk is unchanged and what you typed "
            "is kept; fix the cause (free some space, check the folder's permissions) and save again."
        )


class DataFolderNotWritable(StoreError):
    """The data folder or the lock file cannot be created: nothing could ever be saved there."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"cannot open {path} for writing: {reason}. Nothing has been changed. Check the "
            "permissions of its folder, or open it read-only (`--read-only`)."
        )


class StoreReadOnly(StoreError):
    """A write was attempted on a journal opened read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is open read-only (another taper-tui is writing to it); nothing was saved.")


class BackupFolderUnusable(StoreError):
    """The backups folder is a file, a link, or cannot be written: no save is made without its backup."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.path = folder
        self.reason = reason
        super().__init__(
            f"the backups folder {folder} cannot be used ({reason}). Nothing was saved, so the data file is "
            f"unchanged; taper-tui keeps the file as it was there before every save. Move {folder} aside "
            "(it must be a folder you own) and try again."
        )


class DataFileChanged(StoreError):
    """The data file is no longer the one this journal read: changed, removed or damaged by something else.

    Nothing was written: saving would overwrite the other change, or write a new file holding
    only this change over a journal that is missing. Reload (:meth:`Journal.reload`) to see the
    file as it is now; what was typed is kept by the caller.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        super().__init__(
            f"the data file {path} {what} since taper-tui read it, so nothing was saved (that would "
            "overwrite it). What you typed is kept. Reload to see the file as it is now, then save again; "
            f"if the file is gone or damaged, `taper-tui --data {path} restore` lists its backups."
        )


class DataPathUnusable(StoreError):
    """The data path names something that is not a data file (a folder, a pipe, a device)."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        super().__init__(
            f"the data path {path} is {what}, not a taper-tui data file. Nothing was changed. "
            "Give the file itself with `--data PATH` (for example a taper.json inside that folder)."
        )


class DataStillChecking(StoreError):
    """The app opened before checking every day of the file, and the check has not finished yet.

    Nothing is written meanwhile: a day that turns out not to validate must never be saved over.
    """

    def __init__(self, path: Path, days: int) -> None:
        self.path = path
        self.days = days
        super().__init__(
            f"taper-tui is still checking the data file {path} ({days:,} days), so nothing was changed. "
            "What you typed is kept: try again in a moment."
        )
