"""Run ``python -m tui`` as a person would, on a test's own data file and a fixed "today"."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TODAY = "2027-03-15"


@pytest.fixture
def taper(data_path: Path) -> Callable[..., subprocess.CompletedProcess]:
    """``taper("log", "--anxiety", "3")`` runs the CLI on ``data_path`` and returns the result."""

    def run(*args: str, data: Path | None = data_path, env: dict | None = None) -> subprocess.CompletedProcess:
        prefix = ["--data", str(data)] if data is not None else []
        return subprocess.run(
            [sys.executable, "-m", "tui", *prefix, "--today", TODAY, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    return run
