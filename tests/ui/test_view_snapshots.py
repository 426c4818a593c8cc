"""Snapshots at 80×24 of Today, Schedule and Help on the demo data (fixed seed and "today").

Log, History and Chart have theirs beside their own tests. Update with
``pytest --snapshot-update`` after a deliberate change, and look at the new SVGs.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tui.commands.demo import write_demo
from tui.store.journal import open_journal
from tui.ui.app import VIEWS, build_app

TODAY = date(2027, 3, 15)
KEYS = {view_id: f"f{number}" for number, (view_id, _title, _cls) in enumerate(VIEWS, start=1)}


@pytest.fixture
def demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # A relative path, so Help shows the same data file path on every machine.
    monkeypatch.chdir(tmp_path)
    write_demo(Path("data/taper.json"), end=TODAY)
    journal = open_journal(Path("data/taper.json"))
    yield build_app(journal, today=TODAY, clock=lambda: datetime(2027, 3, 15, 9, 0))
    journal.close()


@pytest.mark.parametrize("view_id", ["today", "schedule", "help"])
def test_view_snapshot_at_80x24(snap_compare, demo_app, view_id):
    async def show(pilot) -> None:
        await pilot.press(KEYS[view_id])
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=show)
