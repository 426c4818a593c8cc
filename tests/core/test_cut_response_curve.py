"""The days-since-cut curve: per-cut curves, peak and settling days, the median, the sentence."""

from __future__ import annotations

from datetime import date, timedelta

from tui.core.cut_response_curve import (
    AFTER_DAYS,
    BEFORE_DAYS,
    MIN_CUTS,
    OFFSETS,
    cut_curve,
    sentence,
    summarise,
)
from tui.core.entry import DayEntry

START = date(2027, 1, 4)


def logged(day: date, anxiety: int) -> DayEntry:
    return DayEntry(day=day, anxiety=anxiety)


def wave(cut: date, peak: int = 6, calm: int = 2, peak_day: int = 6, settle_day: int = 10) -> list[DayEntry]:
    """Calm the week before, rising to ``peak`` on ``peak_day``, calm again from ``settle_day``."""
    days = [logged(cut - timedelta(days=back), calm) for back in range(1, 8)]
    for offset in range(0, 14):
        if offset < peak_day:
            level = calm + 1
        elif offset < settle_day:
            level = peak if offset == peak_day else calm + 2
        else:
            level = calm
        days.append(logged(cut + timedelta(days=offset), level))
    return days


def cuts_every_two_weeks(count: int) -> list[date]:
    return [START + timedelta(days=14 * i) for i in range(count)]


def entries_for(cuts: list[date], **shape: int) -> list[DayEntry]:
    by_day: dict[date, DayEntry] = {}
    for cut in cuts:
        for entry in wave(cut, **shape):
            by_day.setdefault(entry.day, entry)  # a later cut's week before is this cut's tail
    return sorted(by_day.values(), key=lambda e: e.day)


def test_one_cut_is_lined_up_from_day_minus_7_to_day_28():
    cut = START
    curve = cut_curve(wave(cut), cut, None, "anxiety")
    assert len(curve.values) == len(OFFSETS) == BEFORE_DAYS + AFTER_DAYS + 1
    assert curve.at(-7) == 2 and curve.at(-1) == 2 and curve.at(0) == 3
    assert curve.at(6) == 6 and curve.at(13) == 2 and curve.at(14) is None  # not logged: a gap, not 0
    assert curve.baseline == 2
    assert curve.peak_day == 6 and curve.settling_day == 10
    assert curve.logged_after == 13


def test_days_from_the_next_cut_on_belong_to_the_next_cut():
    first, second = START, START + timedelta(days=10)
    entries = [logged(first + timedelta(days=d), 3) for d in range(-7, 20)]
    curve = cut_curve(entries, first, second, "anxiety")
    assert curve.at(9) == 3 and curve.at(10) is None and curve.logged_after == 9


def test_mood_peaks_at_its_lowest_and_settles_when_back_up():
    cut = START
    entries = [DayEntry(day=cut - timedelta(days=d), mood=7) for d in range(1, 8)]
    entries += [DayEntry(day=cut + timedelta(days=d), mood=m) for d, m in enumerate([6, 5, 3, 4, 6, 7, 8])]
    curve = cut_curve(entries, cut, None, "mood")
    assert curve.peak_day == 2 and curve.settling_day == 5


def test_a_cut_that_never_gets_back_has_no_settling_day():
    cut = START
    entries = [logged(cut - timedelta(days=d), 1) for d in range(1, 8)]
    entries += [logged(cut + timedelta(days=d), 4) for d in range(0, 10)]
    assert cut_curve(entries, cut, None, "anxiety").settling_day is None


def test_six_alike_cuts_say_when_they_peak_and_settle():
    cuts = cuts_every_two_weeks(6)
    summary = summarise(entries_for(cuts), cuts, "anxiety", count=6)
    assert summary.enough and len(summary.curves) == 6
    assert summary.peak_days == (6, 6) and summary.settling_day == 10
    assert summary.median[OFFSETS.index(6)] == 6 and summary.median[OFFSETS.index(-3)] == 2
    assert sentence(summary) == (
        "After your last 6 cuts, anxiety peaked on day 6 and was back to the week-before level by day 10 (median)."
    )


def test_the_total_speaks_of_symptoms_and_the_report_of_my_cuts():
    cuts = cuts_every_two_weeks(4)
    entries = [
        DayEntry(day=e.day, symptoms={"insomnia": min(4, e.anxiety or 0)}) for e in entries_for(cuts, peak=4, calm=1)
    ]
    text = sentence(summarise(entries, cuts, "total", count=6), whose="my")
    assert text.startswith("After my last 4 cuts, symptoms peaked on day ")
    assert "were back to the week-before level by day 10 (median)" in text


def test_the_peak_range_is_the_middle_half_of_the_cuts():
    cuts = cuts_every_two_weeks(5)
    entries: list[DayEntry] = []
    for cut, peak_day in zip(cuts, (3, 5, 6, 7, 11), strict=True):
        for entry in wave(cut, peak_day=peak_day, settle_day=12):
            if entry.day not in {e.day for e in entries}:
                entries.append(entry)
    summary = summarise(sorted(entries, key=lambda e: e.day), cuts, "anxiety", count=None)
    assert summary.peak_days == (5, 7)
    assert "peaked on day 5–7" in sentence(summary)


def test_too_few_cuts_or_days_say_so_and_what_is_needed():
    cuts = cuts_every_two_weeks(2)
    summary = summarise(entries_for(cuts), cuts, "anxiety")
    assert not summary.enough and summary.peak_days is None and summary.settling_day is None
    assert sentence(summary) == (
        f"Not enough yet: 2 cuts with at least 5 logged days after them; {MIN_CUTS} are needed."
    )
    # A third cut only three days ago does not count yet.
    recent = [*cuts, cuts[-1] + timedelta(days=14)]
    entries = entries_for(cuts) + [logged(recent[-1] + timedelta(days=d), 3) for d in range(0, 4)]
    assert "2 cuts" in sentence(summarise(entries, recent, "anxiety"))
    assert sentence(summarise([], [], "total")) == (
        "Not enough yet: no cut with at least 5 logged days after it; 3 are needed."
    )


def test_r_chooses_how_many_recent_cuts():
    cuts = cuts_every_two_weeks(8)
    entries = entries_for(cuts)
    assert [c.cut for c in summarise(entries, cuts, "anxiety", count=3).curves] == cuts[-3:]
    assert len(summarise(entries, cuts, "anxiety", count=None).curves) == 8


def test_most_cuts_not_settled_is_said_plainly():
    # Worse after every cut, and never back down to the week before (the previous cut's days).
    cuts = [START + timedelta(days=7 * i) for i in range(3)]
    entries = [logged(START - timedelta(days=d), 1) for d in range(1, 8)]
    for cut, level in zip(cuts, (3, 5, 7), strict=True):
        entries += [logged(cut + timedelta(days=d), level) for d in range(0, 7)]
    summary = summarise(entries, cuts, "anxiety")
    assert summary.settling_day is None
    assert "not back to the week-before level" in sentence(summary)


def test_a_range_of_peak_days_says_it_is_the_middle_half_of_the_cuts():
    from tui.core.cut_response_curve import _days

    assert _days(6, 6) == "day 6"
    assert _days(6, 24) == "day 6–24 (the middle half of the cuts)"
