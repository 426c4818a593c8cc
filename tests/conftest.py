"""Shared fixtures: every test gets its own data file, a fixed "today" and a still screen.

A snapshot must not depend on the moment it is taken: Textual animates the tab underline when
the view changes and blinks the cursor of a focused input every half second, so a slow or busy
machine would catch either mid-way. Every app a test builds therefore runs with animations off
and a steady cursor (docs/TEXTUAL.md, "Deterministic screens").
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import textual.constants
from textual.widgets import Input, TextArea

from tests.file_modes import permissive_umask  # noqa: F401 - a fixture, shared by the store and security tests

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


@pytest.fixture(autouse=True)
def _still_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Animations off and no cursor blink for every app built in this test (see the module docstring)."""
    # App.__init__ reads this constant; the environment variable alone is too late, because the
    # snapshot plugin imports Textual before this file runs. Subprocesses get the variable.
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    for widget_class in (Input, TextArea):
        monkeypatch.setattr(widget_class, "__init__", _without_blink(widget_class.__init__))


def _without_blink(init: Callable[..., None]) -> Callable[..., None]:
    """``init`` followed by ``cursor_blink = False`` (the cursor then stays shown while focused)."""

    @functools.wraps(init)
    def steady_init(self: Input | TextArea, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.cursor_blink = False

    return steady_init


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """A data file path in a fresh folder (the file itself does not exist yet)."""
    return tmp_path / "data" / "taper.json"


@pytest.fixture
def today() -> date:
    return FIXED_TODAY


def pytest_configure(config: pytest.Config) -> None:
    os.environ.pop("NO_COLOR", None)
