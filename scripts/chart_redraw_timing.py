"""Time the Chart view's redraw at 80×24 on generated data (365 and 3,650 days).

A redraw is what a key press in the Chart view costs: cutting the window out of the data
read once, pooling it to the plot's width, handing it to plotext, and plotext building the
text of both panels (the ``render()`` the next repaint calls). Prints the median and the
90th percentile of each over repeated runs.

    .venv/bin/python scripts/chart_redraw_timing.py [--runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from tui.commands.demo import write_demo
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.chart.cut_table import CutTable
from tui.ui.chart.dose_chart import DoseChart
from tui.ui.chart.symptom_chart import SymptomChart
from tui.ui.chart.view import ChartView

END = date(2027, 3, 15)
SIZE = (80, 24)


async def time_redraws(days: int, runs: int) -> list[tuple[str, float, float]]:
    """(label, median ms, p90 ms) per range for ``days`` days of demo data."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "taper.json"
        write_demo(path, days=days, end=END, seed=2027)
        journal = open_journal(path)
        try:
            app = build_app(journal, today=END)
            async with app.run_test(size=SIZE) as pilot:
                app.action_show_view("chart")
                await pilot.pause()
                view = app.view("chart")
                assert isinstance(view, ChartView)
                symptoms = view.query_one(SymptomChart)
                dose = view.query_one(DoseChart)
                for range_days in (30, 90, 365, None):
                    view.range_days = range_days
                    view.redraw()
                    await pilot.pause()
                    samples = []
                    for _ in range(runs):
                        started = time.perf_counter()
                        view.redraw()
                        symptoms.render()
                        dose.render()
                        samples.append((time.perf_counter() - started) * 1000)
                    samples.sort()
                    label = "all" if range_days is None else f"{range_days} d"
                    results.append((label, statistics.median(samples), samples[int(len(samples) * 0.9) - 1]))
                # The cut table instead of the dose panel, over everything.
                view.show_cut_table = True
                view.redraw()
                await pilot.pause()
                table = view.query_one(CutTable)
                samples = []
                for _ in range(runs):
                    started = time.perf_counter()
                    view.redraw()
                    symptoms.render()
                    table.render()
                    samples.append((time.perf_counter() - started) * 1000)
                samples.sort()
                results.append(("all + cut table", statistics.median(samples), samples[int(len(samples) * 0.9) - 1]))
        finally:
            journal.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="redraws timed per range (default 30)")
    args = parser.parse_args()
    print(f"Chart redraw at {SIZE[0]}×{SIZE[1]}, {args.runs} runs each: median / p90 in ms")
    for days in (365, 3650):
        for label, median, p90 in asyncio.run(time_redraws(days, args.runs)):
            print(f"  {days:>5} days of data, range {label:<16} {median:6.1f} / {p90:6.1f}")


if __name__ == "__main__":
    main()
