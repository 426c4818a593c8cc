"""Fixtures for Pilot tests: an app on a fresh data file with a fixed "today"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tui.store.journal import Journal, open_journal
from tui.ui.app import TaperApp, build_app

TODAY = date(2027, 3, 15)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """A writable journal on a new file in tmp_path, past the first-run welcome."""
    opened = open_journal(tmp_path / "data" / "taper.json")
    opened.update_settings(onboarded=True)
    yield opened
    opened.close()


@pytest.fixture
def app_factory(journal: Journal) -> Callable[..., TaperApp]:
    """Build the app on the ``journal`` fixture; ``today`` defaults to 2027-03-15."""

    def make(today: date = TODAY, **options: object) -> TaperApp:
        return build_app(journal, today=today, **options)

    return make
