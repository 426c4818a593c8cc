"""The Chart's days-since-cut mode (``a``) and the estimated level over the dose panel (``L``)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from textual.widgets import Static

from tests.ui.chart_helpers import chart_of, chart_snapshot, demo_chart, load_demo, open_chart, press, shown
from tests.ui.conftest import TODAY
from tui.core.cut_response_curve import OFFSETS, sentence, summarise
from tui.core.entry import DayEntry, Intake
from tui.core.insights import ANXIETY, TOTAL, cut_dates
from tui.ui.chart import commands as chart_commands
from tui.ui.chart import view as chart_view
from tui.ui.chart.aligned_chart import AlignedChart
from tui.ui.chart.dose_chart import DoseChart
from tui.ui.chart.level_frame import LevelFrame


def sentence_of(view) -> str:
    return str(view.query_one("#chart-sentence", Static).render())


async def test_a_lines_up_the_recent_cuts_by_day_since_the_cut(app_factory, journal):
    async with demo_chart(app_factory, journal) as (app, pilot, view):
        await press(pilot, "a", pauses=2)
        assert view.show_aligned and shown(view, "#chart-aligned") and shown(view, "#chart-sentence")
        assert not shown(view, "#chart-symptoms") and not shown(view, "#chart-dose")
        panel = view.query_one(AlignedChart)
        summary = panel.summary
        assert summary is not None and len(summary.curves) == 6 and summary.metric == TOTAL
        cuts = [c for c in cut_dates(journal.days(), app.session.plan) if c <= TODAY]
        assert [c.cut for c in summary.curves] == cuts[-6:]
        assert sentence_of(view) == sentence(summary)
        assert sentence_of(view).startswith("After your last 6 cuts, symptoms peaked on day ")
        assert "(median)" in sentence_of(view)
        # What plotext received: one line per cut that counts, and the median, over days −7 … +28.
        plotted = panel.plt.monitor.x
        assert (
            min(min(xs) for xs in plotted if xs) >= OFFSETS[0] and max(max(xs) for xs in plotted if xs) <= OFFSETS[-1]
        )
        # m changes the metric, r how many recent cuts; the sentence follows.
        await press(pilot, "m")
        assert panel.summary is not None and panel.summary.metric == ANXIETY
        assert "anxiety peaked on day" in sentence_of(view)
        await press(pilot, "r")
        assert view.cut_count == 12 and panel.summary is not None and len(panel.summary.curves) == 12
        assert view.range_days == 90  # the date range is left as it was
        await press(pilot, "R", "R")
        assert view.cut_count == 3 and "After your last 3 cuts" in sentence_of(view)
        await press(pilot, "a")
        assert not view.show_aligned and shown(view, "#chart-symptoms") and not shown(view, "#chart-sentence")


async def test_too_few_cuts_says_what_is_missing(app_factory, journal):
    # Two cuts, read from the doses taken (no plan), with a week logged after each.
    doses = {0: "0.5", 10: "0.45", 20: "0.4"}
    for offset in range(0, 26):
        mg = Decimal(doses[max(k for k in doses if k <= offset)])
        day = TODAY - timedelta(days=25 - offset)
        journal.save_day(DayEntry(day=day, intakes=(Intake(mg, "08:00"),), anxiety=3, symptoms={"insomnia": 1}))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await press(pilot, "a")
        assert sentence_of(view) == "Not enough yet: 2 cuts with at least 5 logged days after them; 3 are needed."


async def test_each_key_of_the_mode_draws_once(app_factory, journal, monkeypatch):
    load_demo(journal)
    summaries: list[object] = []
    original = chart_view.summarise

    def counted(*args, **kwargs):
        summaries.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(chart_view, "summarise", counted)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chart(app, pilot)
        for key in ("a", "m", "r", "R"):
            summaries.clear()
            await press(pilot, key, pauses=2)
            assert len(summaries) == 1, key
        summaries.clear()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert summaries == []


async def test_l_lays_the_estimated_level_over_the_dose_panel(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        dose = view.query_one(DoseChart)
        assert dose.level is None and not shown(view, "#chart-note")
        await press(pilot, "L", pauses=2)
        assert view.show_level and shown(view, "#chart-note")
        level = dose.level
        note = str(view.query_one("#chart-note", Static).render())
        assert isinstance(level, LevelFrame) and note == level.note
        assert "⠒ half-life 34 h" in note and "· half-life 18 h (trough)" in note and "not a measurement" in note
        assert isinstance(level, LevelFrame) and view.frame is not None and level.xs == view.frame.xs
        drawn = [v for v in level.peaks + level.troughs + level.low_troughs if v is not None]
        assert drawn and all(0 <= v <= 1 for v in drawn)
        for trough, low, peak in zip(level.troughs, level.low_troughs, level.peaks, strict=True):
            if peak is not None:
                assert trough is not None and low is not None and trough <= peak
        await press(pilot, "L")
        assert dose.level is None and not shown(view, "#chart-note")


async def test_without_a_named_medicine_the_level_says_why(app_factory, journal):
    for offset in range(10):
        day = TODAY - timedelta(days=offset)
        journal.save_day(DayEntry(day=day, intakes=(Intake(Decimal("0.5"), "08:00"),), anxiety=2))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await press(pilot, "L")
        assert view.query_one(DoseChart).level is None
        assert "no level can be estimated" in str(view.query_one("#chart-note", Static).render())


async def test_the_palette_entries_show_the_chart_in_that_mode(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = chart_of(app)
        await pilot.pause()  # built hidden, as when the palette lists its modes: composed before a choice
        commands = {title: run for title, _help, run in chart_commands.palette_commands(view)}
        commands["Chart: days since each cut"]()
        await pilot.pause()
        await pilot.pause()
        assert app.session is not None and view.shown and view.show_aligned


def test_chart_snapshot_days_since_cut_at_80x24(snap_compare, tmp_path: Path):
    assert chart_snapshot(snap_compare, tmp_path, "a")


def test_the_same_sentence_is_what_the_core_says_for_the_demo():
    from tui.demo.story import generate_demo

    data = generate_demo(270, TODAY, 2027)
    cuts = cut_dates(list(data.entries), data.plan, TODAY)
    text = sentence(summarise(list(data.entries), cuts, TOTAL, 6))
    assert text.startswith("After your last 6 cuts")
