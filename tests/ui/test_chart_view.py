"""The Chart view: its keys, the empty and gap cases, and how it looks at 80×24 and 100×30."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.ui.conftest import TODAY
from tui.core.entry import DayEntry, Intake
from tui.core.insights import ANXIETY, MOOD, SLEEP_HOURS, SLEEP_QUALITY, TOTAL
from tui.demo.story import generate_demo
from tui.store.journal import Journal, open_journal
from tui.ui.app import VIEWS, build_app
from tui.ui.chart import view as chart_view
from tui.ui.chart.cut_table import CutTable
from tui.ui.chart.dose_chart import DoseChart
from tui.ui.chart.heat_map import HeatMap
from tui.ui.chart.symptom_chart import SymptomChart
from tui.ui.chart.view import ChartView
from tui.ui.screens.symptom_picker import SymptomPicker

CHART_KEY = str([view_id for view_id, _title, _cls in VIEWS].index("chart") + 1)
DEMO_SEED = 2027


def load_demo(journal: Journal, days: int = 270) -> None:
    """The demo data set (fixed seed, ending on TODAY) written into ``journal``."""
    data = generate_demo(days, TODAY, DEMO_SEED)
    journal.replace_all(list(data.entries), data.plan.to_record(), list(data.events))
    journal.update_settings(**data.settings)


def chart_of(app) -> ChartView:
    view = app.view("chart")
    assert isinstance(view, ChartView)
    return view


def shown(view: ChartView, selector: str) -> bool:
    return not view.query_one(selector).has_class("-hidden")


async def open_chart(app, pilot) -> ChartView:
    await pilot.press(CHART_KEY)
    await pilot.pause()
    await pilot.pause()
    return chart_of(app)


# -- keys -----------------------------------------------------------------------------------


async def test_m_cycles_the_metrics_and_the_plot_follows(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert view.metric == TOTAL and view.frame is not None and view.frame.metric == TOTAL
        for expected in (ANXIETY, MOOD, SLEEP_HOURS, SLEEP_QUALITY, TOTAL):
            await pilot.press("m")
            await pilot.pause()
            assert view.metric == expected
            assert view.frame is not None and view.frame.metric == expected
            assert view.query_one(SymptomChart).frame is view.frame
        await pilot.press("M")
        await pilot.pause()
        assert view.metric == SLEEP_QUALITY


async def test_s_picks_one_symptom_to_chart(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SymptomPicker)
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0).id  # the symptom rated on most days
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert view.metric == f"symptom:{first}"
        assert view.frame is not None and view.frame.metric == view.metric
        assert max(v for v in view.frame.values if v is not None) <= 4
        await pilot.press("s", "escape")
        await pilot.pause()
        assert view.metric == f"symptom:{first}"  # escape keeps the choice
        await pilot.press("m")
        await pilot.pause()
        assert view.metric == TOTAL  # m leaves a single symptom for the start of the cycle


async def test_r_cycles_the_range(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert view.range_days == 90 and view.frame is not None and view.frame.days == 90
        first_logged = min(e.day for e in journal.days())
        for expected_range, expected_days in ((365, 365), (None, (TODAY - first_logged).days + 1), (30, 30), (90, 90)):
            await pilot.press("r")
            await pilot.pause()
            assert view.range_days == expected_range
            assert view.frame is not None and view.frame.days == expected_days and view.frame.end == TODAY
        # Pooled to the plot's width, never more columns than it has.
        await pilot.press("r", "r")
        await pilot.pause()
        assert len(view.frame.xs) <= view.query_one(SymptomChart).plot_columns


async def test_arrows_and_h_l_move_the_window_through_time(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await pilot.press("left")
        await pilot.pause()
        assert view.window_end == TODAY - timedelta(days=45)
        assert view.frame is not None and view.frame.end == TODAY - timedelta(days=45)
        await pilot.press("h")
        await pilot.pause()
        assert view.window_end == TODAY - timedelta(days=90)
        await pilot.press("l")
        await pilot.pause()
        assert view.window_end == TODAY - timedelta(days=45)
        await pilot.press("right", "right")
        await pilot.pause()
        assert view.window_end == TODAY and view.end is None  # never past today
        for _ in range(10):
            await pilot.press("left")
        await pilot.pause()
        first_logged = min(e.day for e in journal.days())
        assert view.frame is not None and view.frame.start == first_logged  # stops at the first logged day
        await pilot.press("e")
        await pilot.pause()
        assert view.window_end == TODAY


async def test_t_swaps_the_dose_panel_for_the_cut_table(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert shown(view, "#chart-dose") and not shown(view, "#chart-cuts")
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert view.show_cut_table
        assert shown(view, "#chart-cuts") and not shown(view, "#chart-dose")
        table = view.query_one(CutTable)
        assert table.rows, "90 days of a two-week taper hold cuts"
        assert [row.response.cut for row in table.rows] == sorted(view.frame.cuts)
        assert len(table.visible_rows()) >= 3  # the last three cuts at a glance
        last = table.rows[-1]
        assert last.dose_before is not None and last.dose_after is not None and last.dose_after < last.dose_before
        await pilot.press("t")
        await pilot.pause()
        assert not view.show_cut_table and shown(view, "#chart-dose")


async def test_c_shows_the_calendar_heat_map(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert view.show_calendar
        assert shown(view, "#chart-calendar") and not shown(view, "#chart-symptoms")
        heat = view.query_one(HeatMap)
        assert heat.end == TODAY
        text = heat.render().plain
        assert "March 2027" in text and "not logged" in text
        await pilot.press("left")
        await pilot.pause()
        assert heat.end == TODAY - timedelta(days=45)  # the map follows the window
        await pilot.press("c")
        await pilot.pause()
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


def demo_app(tmp_path: Path):
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    load_demo(journal)
    return journal, build_app(journal, today=TODAY)


async def _to_chart(pilot) -> None:
    await pilot.press(CHART_KEY)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_chart_snapshot(snap_compare, tmp_path: Path, size):
    journal, app = demo_app(tmp_path)
    try:
        assert snap_compare(app, terminal_size=size, run_before=_to_chart)
    finally:
        journal.close()


def test_chart_snapshot_year_with_cut_table_at_80x24(snap_compare, tmp_path: Path):
    journal, app = demo_app(tmp_path)

    async def run_before(pilot) -> None:
        await _to_chart(pilot)
        await pilot.press("r", "t")
        await pilot.pause()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        journal.close()


def test_chart_snapshot_calendar_at_80x24(snap_compare, tmp_path: Path):
    journal, app = demo_app(tmp_path)

    async def run_before(pilot) -> None:
        await _to_chart(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        journal.close()


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
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_chart(app, pilot)
        symptoms, dose = view.query_one(SymptomChart), view.query_one(DoseChart)
        assert view.frame is not None and symptoms.frame is view.frame
        assert plotted_as_now(symptoms) and plotted_as_now(dose)
        for key in ("t", "t", "c", "t", "c"):
            await pilot.press(key)
            await pilot.pause()
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
