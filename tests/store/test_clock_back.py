"""Backups survive a clock that goes back: they are ordered by sequence number, not by the time in their name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from tui.store.backups import KEEP_LAST_SAVES, list_backups
from tui.store.journal import open_journal
from tui.store.restore import restore_backup

DAY = date(2027, 3, 15)


def test_newest_backups_survive_the_clock_going_back(data_path, make_entry):
    now = [datetime(2027, 3, 15, 12, 0)]
    states = []
    with open_journal(data_path, clock=lambda: now[0]) as journal:
        for anxiety in range(KEEP_LAST_SAVES + 2):
            now[0] += timedelta(minutes=1)
            states.append(data_path.read_bytes())
            journal.save_day(make_entry(DAY, anxiety=anxiety % 11))
        now[0] = datetime(2027, 3, 14, 20, 0)  # back a day: travel west, an NTP correction
        after_the_jump = []
        for mood in range(3):
            now[0] += timedelta(minutes=1)
            after_the_jump.append(data_path.read_bytes())
            journal.save_day(make_entry(DAY, mood=mood))
    backups = list_backups(data_path)
    # The three saves made after the jump kept the three newest backups, newest first.
    assert [b.path.read_bytes() for b in backups[:3]] == after_the_jump[::-1]
    assert len(backups) >= KEEP_LAST_SAVES
    # Restoring the newest gives the state just before the last save.
    restore_backup(data_path, backups[0], datetime(2027, 3, 14, 21, 0))
    assert data_path.read_bytes() == after_the_jump[-1]


def test_a_time_zone_change_orders_nothing_differently(data_path, make_entry):
    """Aware clocks in two zones 26 hours apart: backups follow the saves, not the zone."""
    east = timezone(timedelta(hours=14))
    west = timezone(timedelta(hours=-12))
    instant = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
    now = [instant]
    with open_journal(data_path, clock=lambda: now[0]) as journal:
        before = []
        for minute, zone in enumerate([east, east, west, west]):
            now[0] = (instant + timedelta(minutes=minute)).astimezone(zone)
            before.append(data_path.read_bytes())
            journal.save_day(make_entry(DAY, anxiety=minute))
    assert [b.path.read_bytes() for b in list_backups(data_path)] == before[::-1]


def test_backups_of_the_old_naming_sort_older_than_numbered_ones(data_path, make_entry):
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAY))
    folder = data_path.with_name("taper.json.backups")
    old = folder / "taper-20991231T235959.000000.json"  # a far-future local time from an older version
    old.write_bytes(data_path.read_bytes())
    with open_journal(data_path) as journal:
        journal.save_day(make_entry(DAY, anxiety=7))
    backups = list_backups(data_path)
    assert backups[0].sequence > 0 and backups[-1].path == old
