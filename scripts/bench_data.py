"""``make bench`` figures measured in this process on data: saving, the chart, the planner, the
History table, the demo generator and the CSV export.

Each is set beside a reference timed in the same run: TinyDB's own storage for saving, plotext
alone for the chart, a bare ``DataTable`` for the History table, and for work with no natural
counterpart (the planner, the generator, the export) a fixed pure-Python yardstick that only
says how fast the machine was during the run.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from bench_figure import Figure, median, not_measured, p10

END = date(2027, 3, 15)
SEED = 2027
TEN_YEARS = 3650
SIZE = (80, 24)


def timed_ms(work, runs: int) -> tuple[list[float], list[float]]:
    """Run ``work()`` ``runs`` times: (wall ms, CPU ms) of each run."""
    walls, cpus = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - started_cpu) * 1000)
    return walls, cpus


# -- saving one day ---------------------------------------------------------------------------


def bench_save(runs: int) -> Figure:
    """Saving one day into ten years, our store against TinyDB's default storage."""
    from measure_save import measure_taper_store, measure_tinydb_default
    from tui.demo.story import generate_demo

    entries = list(generate_demo(TEN_YEARS, END, SEED).entries)
    with tempfile.TemporaryDirectory() as folder:
        ours = measure_taper_store(Path(folder), entries, runs)
        theirs = measure_tinydb_default(Path(folder), entries, runs)
    mine, ref = median(ours) * 1000, median(theirs) * 1000
    return Figure(
        "save_day",
        "saving one day",
        mine,
        ref,
        "ms",
        "TinyDB default JSONStorage",
        "ratio ≤ 0.4 and ≤ 15 ms",
        mine / ref <= 0.4 and mine <= 15,
    )


# -- the chart --------------------------------------------------------------------------------


def plotext_reference(days: int, runs: int) -> float:
    """Median ms for plotext to draw ``days`` raw points into two 80-column panels (no pooling)."""
    import plotext as plt

    rng = random.Random(SEED)
    xs = list(range(days))
    symptoms = [rng.randint(0, 40) for _ in xs]
    doses = [round(2 - 2 * n / days, 3) for n in xs]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        for values, height in ((symptoms, 12), (doses, 8)):
            plt.clear_figure()
            plt.plotsize(SIZE[0], height)
            plt.plot(xs, values)
            plt.build()
        samples.append(time.perf_counter() - started)
    return median(samples) * 1000


def bench_chart(runs: int) -> list[Figure]:
    """The Chart's redraw for a year's window and for all ten years."""
    try:
        from chart_redraw_timing import time_redraws
    except ImportError:
        return [not_measured("chart_redraw", "chart redraw", "≤ 30 ms / ≤ 100 ms", "not measured: no chart view")]
    timed = {label: ms for label, ms, _p90 in asyncio.run(time_redraws(TEN_YEARS, runs))}
    year, everything = timed["365 d"], timed["all"]
    return [
        Figure(
            "chart_365",
            "chart redraw, 365-day window",
            year,
            plotext_reference(365, runs),
            "ms",
            "plotext alone, same days, no pooling",
            "≤ 30 ms",
            year <= 30,
        ),
        Figure(
            "chart_all",
            "chart redraw, all 10 years",
            everything,
            plotext_reference(TEN_YEARS, runs),
            "ms",
            "plotext alone, same days, no pooling",
            "≤ 100 ms",
            everything <= 100,
        ),
    ]


# -- the planner -----------------------------------------------------------------------------


def yardstick_ms(runs: int) -> float:
    """A fixed pure-Python workload: how fast this machine is during the run."""
    numbers = random.Random(SEED).sample(range(10**7), 200_000)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        sorted(numbers)
        samples.append(time.perf_counter() - started)
    return median(samples) * 1000


def three_year_params():
    """2 mg clonazepam, 10 % of the current dose every 14 days, from a liquid (0.0001 mg steps)."""
    from tui.core.formulations import RawIncrement
    from tui.core.plan_model import PlanParams

    return PlanParams(
        drug="clonazepam",
        start=date(2027, 1, 4),
        dose_mg=Decimal("2"),
        formulation=RawIncrement.create("0.0001"),
        cut_pct=Decimal(10),
        step_days=14,
        split=(Decimal("1"), Decimal("1")),
    )


def bench_plan(runs: int) -> Figure:
    """Building a three-year plan (what the plan editor does on each key)."""
    from tui.core.planner import build_plan

    params = three_year_params()
    plan = build_plan(params)  # warm-up (imports, caches)
    walls, cpus = timed_ms(lambda: build_plan(params), runs)
    mine = median(walls)
    years = (plan.end_date - params.start).days / 365.25
    return Figure(
        "plan_3y",
        f"building a {years:.1f}-year plan ({len(plan.steps)} steps)",
        mine,
        yardstick_ms(runs),
        "ms",
        "yardstick: sort 200,000 ints",
        "≤ 5 ms",
        mine <= 5,
        cpu_p10=p10(cpus),
    )


# -- the History table -----------------------------------------------------------------------


async def history_rebuild_times(data: Path, runs: int) -> tuple[list[float], int]:
    """Seconds per :meth:`HistoryView.refresh_data` with every day of ``data`` in the table."""
    from tui.store.journal import open_journal
    from tui.ui.app import VIEWS, build_app
    from tui.ui.views.history import HistoryView

    journal = open_journal(data)
    try:
        app = build_app(journal, today=END, clock=lambda: datetime(2027, 3, 15, 12, tzinfo=UTC))
        key = f"f{[view_id for view_id, _t, _c in VIEWS].index('history') + 1}"
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            view = app.query_one(HistoryView)
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                view.refresh_data()
                samples.append(time.perf_counter() - started)
            return samples, view.table.row_count
    finally:
        journal.close()


async def bare_table_times(rows: int, columns: int, runs: int) -> list[float]:
    """Seconds for a bare ``DataTable`` to be cleared and filled with ``rows`` rows of short text."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    cells = [[f"r{r}c{c}" for c in range(columns)] for r in range(rows)]
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        table.add_columns(*(f"c{c}" for c in range(columns)))
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            table.clear()
            table.add_rows(cells)
            samples.append(time.perf_counter() - started)
        return samples


def bench_history(data: Path, runs: int) -> Figure:
    """Refilling the History table from every day (what a save costs while History shows)."""
    try:
        from tui.ui.views.history import COLUMNS

        samples, rows = asyncio.run(history_rebuild_times(data, runs))
    except (ImportError, AttributeError) as error:  # the table is being rebuilt differently
        return not_measured("history_rebuild", "rebuilding the History table", "≤ 1000 ms", f"not measured: {error}")
    mine = median(samples) * 1000
    reference = median(asyncio.run(bare_table_times(rows, len(COLUMNS), runs))) * 1000
    return Figure(
        "history_rebuild",
        f"rebuilding the History table ({rows:,} days)",
        mine,
        reference,
        "ms",
        "bare DataTable, as many rows of text",
        "≤ 1000 ms",
        mine <= 1000,
    )


# -- the demo data ---------------------------------------------------------------------------


def bench_demo(runs: int) -> Figure:
    """Generating the longest demo data set (``taper-tui demo --days 3650``)."""
    from tui.demo.story import MAX_DEMO_DAYS, generate_demo

    walls, cpus = timed_ms(lambda: generate_demo(MAX_DEMO_DAYS, END, seed=SEED), runs)
    mine = median(walls)
    return Figure(
        "demo_10y",
        f"generating {MAX_DEMO_DAYS:,} days of demo data",
        mine,
        yardstick_ms(runs),
        "ms",
        "yardstick: sort 200,000 ints",
        "≤ 2000 ms",
        mine <= 2000,
        cpu_p10=p10(cpus),
    )


# -- the CSV export ----------------------------------------------------------------------------


def bench_csv(data: Path, runs: int) -> Figure:
    """The days CSV of ten years from an open journal (its days already parsed, as in the app)."""
    from tui.exchange.render_export import render_export
    from tui.store.journal import open_journal

    now = datetime(2027, 3, 15, 12, tzinfo=UTC)
    with open_journal(data) as journal:
        journal.days()  # parsed once and cached, as the app and the CLI's export have them

        def export() -> None:
            render_export(journal, "csv", now=now, today=END)

        export()  # warm-up
        walls, cpus = timed_ms(export, runs)
    mine = median(walls)
    return Figure(
        "csv_10y",
        "CSV export of 10 years (days)",
        mine,
        yardstick_ms(runs),
        "ms",
        "yardstick: sort 200,000 ints",
        "≤ 200 ms",
        mine <= 200,
        cpu_p10=p10(cpus),
    )
