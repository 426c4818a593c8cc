"""Shared fixtures: every test gets its own data file and a fixed "today"."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

FIXED_TODAY = date(2027, 3, 15)
"""Tests never depend on the real date."""


@pytest.fixture(autouse=True)
def _isolate_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME and the XDG folders at a temp dir so nothing touches the real data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("TAPER_TUI_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)  # it changes every snapshot


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """A data file path in a fresh folder (the file itself does not exist yet)."""
    return tmp_path / "data" / "taper.json"


@pytest.fixture
def today() -> date:
    return FIXED_TODAY


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("NO_COLOR", None)
