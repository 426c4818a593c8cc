"""Helpers for store tests: a way to say "this file was not touched"."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

OLD_MTIME_NS = 1_700_000_000 * 10**9
"""A fixed, long-past mtime set on files that must stay untouched, so any write would show."""


class FileState(NamedTuple):
    """Everything that changes when a file is rewritten: its bytes, inode and mtime."""

    content: bytes
    inode: int
    mtime_ns: int


def file_state(path: Path) -> FileState:
    """The bytes, inode and mtime of ``path`` (compare two of these to prove nothing changed)."""
    stat = os.stat(path)
    return FileState(path.read_bytes(), stat.st_ino, stat.st_mtime_ns)


def age_file(path: Path) -> FileState:
    """Give ``path`` an old mtime, so a later rewrite cannot hide inside the same clock tick."""
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return file_state(path)
