"""The Chart view: its keys, the empty and gap cases, and how it looks at 80×24 and 100×30."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.ui.chart_helpers import CHART_KEY, chart_snapshot, demo_chart, load_demo, open_chart, press, shown
from tests.ui.conftest import TODAY
from tui.core.entry import DayEntry, Intake
from tui.core.insights import ANXIETY, MOOD, SLEEP_HOURS, SLEEP_QUALITY, TOTAL
from tui.ui.chart import view as chart_view
from tui.ui.chart.cut_table import CutTable
from tui.ui.chart.dose_chart import DoseChart
from tui.ui.chart.heat_map import HeatMap
from tui.ui.chart.symptom_chart import SymptomChart
from tui.ui.screens.symptom_picker import SymptomPicker

# -- keys -----------------------------------------------------------------------------------


async def test_m_cycles_the_metrics_and_the_plot_follows(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        assert view.metric == TOTAL and view.frame is not None and view.frame.metric == TOTAL
        for expected in (ANXIETY, MOOD, SLEEP_HOURS, SLEEP_QUALITY, TOTAL):
            await press(pilot, "m")
            assert view.metric == expected
            assert view.frame is not None and view.frame.metric == expected
            assert view.query_one(SymptomChart).frame is view.frame
        await press(pilot, "M")
        assert view.metric == SLEEP_QUALITY


async def test_s_picks_one_symptom_to_chart(app_factory, journal):
    async with demo_chart(app_factory, journal) as (app, pilot, view):
        await press(pilot, "s")
        assert isinstance(app.screen, SymptomPicker)
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0).id  # the symptom rated on most days
        await press(pilot, "enter", pauses=2)
        assert view.metric == f"symptom:{first}"
        assert view.frame is not None and view.frame.metric == view.metric
        assert max(v for v in view.frame.values if v is not None) <= 4
        await press(pilot, "s", "escape")
        assert view.metric == f"symptom:{first}"  # escape keeps the choice
        await press(pilot, "m")
        assert view.metric == TOTAL  # m leaves a single symptom for the start of the cycle


async def test_r_cycles_the_range(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        assert view.range_days == 90 and view.frame is not None and view.frame.days == 90
        first_logged = min(e.day for e in journal.days())
        for expected_range, expected_days in ((365, 365), (None, (TODAY - first_logged).days + 1), (30, 30), (90, 90)):
            await press(pilot, "r")
            assert view.range_days == expected_range
            assert view.frame is not None and view.frame.days == expected_days and view.frame.end == TODAY
        # Pooled to the plot's width, never more columns than it has.
        await press(pilot, "r", "r")
        assert len(view.frame.xs) <= view.query_one(SymptomChart).plot_columns


async def test_arrows_and_h_l_move_the_window_through_time(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        await press(pilot, "left")
        assert view.window_end == TODAY - timedelta(days=45)
        assert view.frame is not None and view.frame.end == TODAY - timedelta(days=45)
        await press(pilot, "h")
        assert view.window_end == TODAY - timedelta(days=90)
        await press(pilot, "l")
        assert view.window_end == TODAY - timedelta(days=45)
        await press(pilot, "right", "right")
        assert view.window_end == TODAY and view.end is None  # never past today
        for _ in range(10):
            await pilot.press("left")
        await pilot.pause()
        first_logged = min(e.day for e in journal.days())
        assert view.frame is not None and view.frame.start == first_logged  # stops at the first logged day
        await press(pilot, "e")
        assert view.window_end == TODAY


async def test_t_swaps_the_dose_panel_for_the_cut_table(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        assert shown(view, "#chart-dose") and not shown(view, "#chart-cuts")
        await press(pilot, "t", pauses=2)
        assert view.show_cut_table
        assert shown(view, "#chart-cuts") and not shown(view, "#chart-dose")
        table = view.query_one(CutTable)
        assert table.rows, "90 days of a two-week taper hold cuts"
        assert [row.response.cut for row in table.rows] == sorted(view.frame.cuts)
        assert len(table.visible_rows()) >= 3  # the last three cuts at a glance
        last = table.rows[-1]
        assert last.dose_before is not None and last.dose_after is not None and last.dose_after < last.dose_before
        await press(pilot, "t")
        assert not view.show_cut_table and shown(view, "#chart-dose")


async def test_c_shows_the_calendar_heat_map(app_factory, journal):
    async with demo_chart(app_factory, journal) as (_app, pilot, view):
        await press(pilot, "c", pauses=2)
        assert view.show_calendar
        assert shown(view, "#chart-calendar") and not shown(view, "#chart-symptoms")
        heat = view.query_one(HeatMap)
        assert heat.end == TODAY
        text = heat.render().plain
        assert "March 2027" in text and "not logged" in text
        await press(pilot, "left")
        assert heat.end == TODAY - timedelta(days=45)  # the map follows the window
        await press(pilot, "c")
        assert not view.show_calendar and shown(view, "#chart-symptoms")


# -- no data and gaps ----------------------------------------------------------------------


async def test_without_any_data_a_helpful_message_instead_of_an_empty_plot(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert shown(view, "#chart-empty") and not shown(view, "#chart-symptoms")
        message = str(view.query_one("#chart-empty", Static).render())
        assert "Nothing to chart yet" in message and "Log" in message
        await pilot.press("m", "r", "left", "t")  # keys do no harm
        await pilot.pause()
        assert shown(view, "#chart-empty")


async def test_a_window_with_nothing_logged_says_so(app_factory, journal):
    journal.save_day(DayEntry(day=TODAY - timedelta(days=200), anxiety=3, symptoms={"insomnia": 2}))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert view.frame is None and shown(view, "#chart-empty")
        assert "Nothing logged from" in str(view.query_one("#chart-empty", Static).render())
        await pilot.press("r")  # a year holds the one logged day
        await pilot.pause()
        assert view.frame is not None and shown(view, "#chart-symptoms")


async def test_gaps_stay_gaps_in_the_series_handed_to_the_plot(app_factory, journal):
    gap = {TODAY - timedelta(days=d) for d in range(10, 15)}  # five days not logged
    half = TODAY - timedelta(days=20)  # a day with doses only: no symptom score, not zero
    for offset in range(30):
        day = TODAY - timedelta(days=offset)
        if day in gap:
            continue
        intakes = (Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.25"), "20:00"))
        if day == half:
            journal.save_day(DayEntry(day=day, intakes=intakes))
        else:
            journal.save_day(DayEntry(day=day, intakes=intakes, symptoms={"insomnia": 2, "tinnitus": 1}))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await pilot.press("r", "r", "r")  # 30 days: one column per day at 80 columns
        await pilot.pause()
        frame = view.frame
        assert frame is not None and frame.days == 30 and len(frame.xs) == 30
        by_day = {frame.start + timedelta(days=int(x)): v for x, v in zip(frame.xs, frame.values, strict=True)}
        for day in gap | {half}:
            assert by_day[day] is None
        assert all(v == 3.0 for d, v in by_day.items() if d not in gap and d != half)
        # What plotext received: separate runs of dots, none of them inside the gap.
        plt = view.query_one(SymptomChart).plt
        gap_xs = {float((d - frame.start).days) for d in gap | {half}}
        monitor = plt.monitor
        dot_runs = [
            (xs, ys)
            for xs, ys, markers, line in zip(monitor.x, monitor.y, monitor.marker, monitor.lines, strict=True)
            if not line and markers[0] == "•"
        ]
        assert len(dot_runs) == 3  # before the half-logged day, between it and the gap, after the gap
        plotted = {x for xs, _ys in dot_runs for x in xs}
        assert not plotted & gap_xs and all(y == 3.0 for _xs, ys in dot_runs for y in ys)
        # The dose: unlogged days are not zero either.
        taken_xs, taken_mg = frame.taken_points()
        assert not set(taken_xs) & {float((d - frame.start).days) for d in gap}
        assert set(taken_mg) == {0.5}
        assert view.query_one(DoseChart).frame is frame


# -- snapshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_chart_snapshot(snap_compare, tmp_path: Path, size):
    assert chart_snapshot(snap_compare, tmp_path, size=size)


def test_chart_snapshot_year_with_cut_table_at_80x24(snap_compare, tmp_path: Path):
    assert chart_snapshot(snap_compare, tmp_path, "r", "t")


def test_chart_snapshot_calendar_at_80x24(snap_compare, tmp_path: Path):
    assert chart_snapshot(snap_compare, tmp_path, "c")


# -- drawn for the size it is shown at -------------------------------------------------------


def plotted_as_now(panel) -> bool:
    """The panel shows what plotting its frame again at its present size would show."""
    shown_text = panel.render().plain
    panel.show(panel.frame)
    return panel.render().plain == shown_text


async def test_the_panels_are_plotted_for_the_size_they_are_shown_at(app_factory, journal):
    # The upper panel's height changes without the view's: by a row when the cut table (a row
    # taller than the dose panel) comes and goes, and at the first layout of the tab, which may
    # come before or after the view hears it is shown. Each time the plot must follow.
    async with demo_chart(app_factory, journal, size=(100, 30)) as (_app, pilot, view):
        symptoms, dose = view.query_one(SymptomChart), view.query_one(DoseChart)
        assert view.frame is not None and symptoms.frame is view.frame
        assert plotted_as_now(symptoms) and plotted_as_now(dose)
        for key in ("t", "t", "c", "t", "c"):
            await press(pilot, key)
            assert plotted_as_now(symptoms), f"after {key}"


async def test_each_change_draws_once_and_a_resize_to_the_same_size_not_at_all(app_factory, journal, monkeypatch):
    load_demo(journal)
    builds: list[str] = []
    build_frame = chart_view.build_frame

    def counted(*args, **kwargs):
        builds.append(args[2])  # the metric
        return build_frame(*args, **kwargs)

    monkeypatch.setattr(chart_view, "build_frame", counted)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:

        async def builds_after(*keys: str, size: tuple[int, int] | None = None) -> int:
            builds.clear()
            if size is not None:
                await pilot.resize_terminal(*size)
            if keys:
                await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            return len(builds)

        assert await builds_after(CHART_KEY) == 1  # once, after the layout gave the plot its width
        for key in ("m", "r", "t", "t", "s"):  # s opens the picker: nothing changes yet
            assert await builds_after(key) == (0 if key == "s" else 1), key
        assert await builds_after("enter") == 1  # the symptom picked
        assert await builds_after("c") == 0  # the calendar plots nothing
        assert await builds_after("c") == 1
        assert await builds_after(size=(80, 24)) == 0
        assert await builds_after(size=(100, 30)) == 1
        # Hidden, a new version of the journal waits; shown, it draws once; shown again, not at all.
        assert await builds_after("1") == 0
        app.session.save_day(DayEntry(day=TODAY, anxiety=2))
        assert await builds_after() == 0
        assert await builds_after(CHART_KEY) == 1
        assert await builds_after("1", CHART_KEY) == 0
