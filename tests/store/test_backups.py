"""Rolling backups: the last 10 saves and the newest of each of the last 30 days, never more."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tui.store.backups import KEEP_DAILY_DAYS, KEEP_LAST_SAVES, Backup, backups_to_prune, list_backups
from tui.store.journal import open_journal

NOW = datetime(2027, 3, 15, 20, 0)


def backups_at(*times: datetime) -> list[Backup]:
    """Backups taken at ``times``, newest first (as :func:`list_backups` returns them)."""
    ordered = sorted(times, reverse=True)
    return [Backup(Path(f"taper-{t:%Y%m%dT%H%M%S.%f}.json"), t) for t in ordered]


def kept(backups: list[Backup], now: datetime = NOW) -> list[datetime]:
    pruned = set(backups_to_prune(backups, now))
    return [b.taken_at for b in backups if b not in pruned]


def test_fewer_than_ten_are_all_kept():
    backups = backups_at(*(NOW - timedelta(days=400 * n) for n in range(KEEP_LAST_SAVES)))
    assert backups_to_prune(backups, NOW) == []


def test_keeps_last_ten_saves_of_a_busy_day():
    saves = [NOW - timedelta(minutes=m) for m in range(50)]
    assert kept(backups_at(*saves)) == saves[:KEEP_LAST_SAVES]


def test_keeps_newest_of_each_of_the_last_30_days():
    # Four saves a day for 60 days, plus nothing today.
    saves = [datetime(2027, 3, 14, h) - timedelta(days=d) for d in range(60) for h in (8, 12, 18, 22)]
    result = kept(backups_at(*saves))
    last_ten = sorted(saves, reverse=True)[:KEEP_LAST_SAVES]
    daily = [datetime(2027, 3, 14, 22) - timedelta(days=d) for d in range(KEEP_DAILY_DAYS - 1)]  # 14 Mar … 15 Feb
    assert set(result) == set(last_ten) | set(daily)
    assert len(result) <= KEEP_LAST_SAVES + KEEP_DAILY_DAYS
    assert min(result).date() >= (NOW - timedelta(days=KEEP_DAILY_DAYS - 1)).date()


def test_backups_from_a_clock_that_ran_ahead_do_not_pile_up():
    """A clock set a year ahead, then fixed: those 'future' days are not kept one per day forever."""
    future = [NOW + timedelta(days=d) for d in range(1, 200)]
    past = [NOW - timedelta(hours=h) for h in range(5)]
    result = kept(backups_at(*future, *past))
    assert len(result) <= KEEP_LAST_SAVES + KEEP_DAILY_DAYS


def test_many_saves_over_months_stay_bounded(data_path, make_entry):
    """Saves through the journal with a fake clock: after every save, never more than 40 backups."""
    clock_now = [datetime(2027, 1, 1, 9, 0)]
    with open_journal(data_path, clock=lambda: clock_now[0]) as journal:
        for day_number in range(75):
            for save in range(3):
                clock_now[0] = datetime(2027, 1, 1, 9 + 4 * save) + timedelta(days=day_number)
                journal.save_day(make_entry(clock_now[0].date(), anxiety=save))
                assert len(list_backups(data_path)) <= KEEP_LAST_SAVES + KEEP_DAILY_DAYS
    backups = list_backups(data_path)
    days_kept = {b.taken_at.date() for b in backups}
    last = clock_now[0].date()
    assert days_kept == {last - timedelta(days=d) for d in range(KEEP_DAILY_DAYS)}


def test_each_backup_is_the_file_before_a_save(data_path, today, make_entry):
    versions = []
    with open_journal(data_path) as journal:
        for anxiety in range(4):
            versions.append(data_path.read_bytes())
            journal.save_day(make_entry(today, anxiety=anxiety))
    assert [b.path.read_bytes() for b in list_backups(data_path)] == versions[::-1]
