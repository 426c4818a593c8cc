"""What the Chart tests share: the demo data set, the way into the Chart, and its snapshots.

Each is written once, so that a change to how the Chart is reached (its key, the pauses its
first layout needs) or to the demo data is made in one place for every Chart test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.ui.conftest import TODAY
from tests.ui.view_keys import view_number
from tui.demo.story import generate_demo
from tui.store.journal import Journal, open_journal
from tui.ui.app import TaperApp, build_app
from tui.ui.chart.view import ChartView

CHART_KEY = str(view_number("chart"))
"""The number key that shows the Chart, read from the app's list of views."""

DEMO_SEED = 2027
"""The demo's seed: the same data set in every Chart test."""


def load_demo(journal: Journal, days: int = 270) -> None:
    """The demo data set (fixed seed, ending on TODAY) written into ``journal``."""
    data = generate_demo(days, TODAY, DEMO_SEED)
    journal.replace_all(list(data.entries), data.plan.to_record(), list(data.events))
    journal.update_settings(**data.settings)


def chart_of(app: TaperApp) -> ChartView:
    """The app's Chart view."""
    view = app.view("chart")
    assert isinstance(view, ChartView)
    return view


def shown(view: ChartView, selector: str) -> bool:
    """Whether the part of the Chart at ``selector`` is shown (not hidden by its class)."""
    return not view.query_one(selector).has_class("-hidden")


async def press(pilot: Pilot[Any], *keys: str, pauses: int = 1) -> None:
    """Press ``keys``, then let the app handle them (``pauses`` turns)."""
    await pilot.press(*keys)
    for _ in range(pauses):
        await pilot.pause()


async def to_chart(pilot: Pilot[Any]) -> None:
    """Show the Chart and let its first layout give the plots their size."""
    await press(pilot, CHART_KEY, pauses=2)


async def open_chart(app: TaperApp, pilot: Pilot[Any]) -> ChartView:
    """Show the Chart and return it."""
    await to_chart(pilot)
    return chart_of(app)


@asynccontextmanager
async def demo_chart(
    app_factory: Callable[..., TaperApp], journal: Journal, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[TaperApp, Pilot[Any], ChartView]]:
    """The app on the demo data set, running at ``size`` with the Chart shown."""
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_chart(app, pilot)


def demo_app(tmp_path: Path) -> tuple[Journal, TaperApp]:
    """A journal in ``tmp_path`` holding the demo data set, and the app on it (for snapshots)."""
    journal = open_journal(tmp_path / "taper.json")
    journal.update_settings(onboarded=True)
    load_demo(journal)
    return journal, build_app(journal, today=TODAY)


def chart_snapshot(snap_compare: Any, tmp_path: Path, *keys: str, size: tuple[int, int] = (80, 24)) -> bool:
    """Whether the Chart on the demo data, after ``keys``, matches its stored snapshot at ``size``."""
    journal, app = demo_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await to_chart(pilot)
        if keys:
            await press(pilot, *keys, pauses=2)

    try:
        return bool(snap_compare(app, terminal_size=size, run_before=run_before))
    finally:
        journal.close()
