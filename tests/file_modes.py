"""Reading file permissions in tests, and a umask that hides nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import pytest


def mode(path: os.PathLike[str] | str) -> int:
    """The permission bits of ``path`` (e.g. ``0o600``)."""
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """umask 0: any private mode seen afterwards was set on purpose, not left to the umask."""
    previous = os.umask(0)
    yield
    os.umask(previous)
