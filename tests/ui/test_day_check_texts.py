"""The check of every day on a file read day by day (laid out as taper-tui writes it).

A day that does not validate and a day whose text is not even JSON are both named by date in the
banner, every write is refused and the file is left exactly as it was.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.core.entry import DayEntry
from tui.store.atomic_storage import dump_bytes
from tui.store.day_texts import split_days
from tui.store.journal import Journal, open_journal
from tui.ui.app import build_app

from .test_day_check import SIZE, TODAY, messages, save_anxiety_in_log

NOT_VALID = TODAY - timedelta(days=2)
NOT_JSON = TODAY - timedelta(days=3)


@pytest.fixture
def hand_edited(tmp_path: Path) -> Path:
    """Four days: one with an anxiety of 12 (0–10 allowed), one with a doubled comma in its text."""
    path = tmp_path / "data" / "taper.json"
    with open_journal(path) as journal:
        journal.update_settings(onboarded=True)
        for offset in range(1, 5):
            journal.save_day(DayEntry(day=TODAY - timedelta(days=offset), anxiety=offset))
    data = json.loads(path.read_text())
    data["entries"][str(NOT_VALID.toordinal())]["anxiety"] = 12
    line = f'"date": "{NOT_JSON.isoformat()}",'.encode()
    path.write_bytes(dump_bytes(data).replace(line, line + b","))
    assert split_days(path.read_bytes()) is not None  # read day by day, not whole
    return path


async def test_a_bad_day_and_a_day_that_is_not_json_are_named_and_nothing_is_saved(hand_edited):
    before = hand_edited.read_bytes()
    journal: Journal = open_journal(hand_edited)
    try:
        app = build_app(journal, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.session.invalid_days.keys() == {NOT_VALID, NOT_JSON}
            banner = str(app.screen.query_one("#file-banner").render())
            assert NOT_VALID.isoformat() in banner or NOT_JSON.isoformat() in banner
            assert "nothing can be saved" in banner
            assert [d.day for d in journal.days()] == [TODAY - timedelta(days=4), TODAY - timedelta(days=1)]
            app.clear_notifications()
            await save_anxiety_in_log(pilot, "4")
            assert any("is not valid" in m for m in messages(app))
        assert hand_edited.read_bytes() == before
    finally:
        journal.close()


def test_the_two_days_are_what_the_check_finds(hand_edited):
    with open_journal(hand_edited) as journal:
        journal.parsed_days.skip_invalid = True
        found = journal.check_days()
    assert found.keys() == {NOT_VALID, NOT_JSON}
    assert "anxiety" in found[NOT_VALID]
    assert "valid JSON" in found[NOT_JSON]
    assert date(2027, 3, 14) not in found
