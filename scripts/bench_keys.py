"""``make bench`` figures for key presses: switching views, moving a day and saving in the Log.

Pilot at 80×24 on the ten-year file, in this process. A switch is set beside the same switch in
a bare Textual app with six tabs (``TabbedContent``, one Label in each): what Textual itself
costs to change the visible tab. Moving a day and saving are set beside a bare app whose key
updates a Label: the least a key that changes the screen can cost.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench_figure import Figure, median, not_measured, p10

SIZE = (80, 24)
END = date(2027, 3, 15)
TABS = 6


async def time_key(pilot, key: str) -> tuple[float, float]:
    """(wall, CPU) seconds from a key press until its effects are processed and the screen repainted.

    Pilot's own ``press``/``pause`` sleep in 20 ms steps until the process looks idle, which
    would be timed too; here the key goes to the driver as a terminal's would, every message it
    causes is processed, and the screen is laid out and painted (what the next frame of a real
    terminal gets), twice, so that work scheduled "after refresh" (focus moves) counts as well.
    The CPU time is this process's (``time.process_time``): the app runs in it.
    """
    from textual import events

    app = pilot.app
    started, started_cpu = time.perf_counter(), time.process_time()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)
    for _ in range(2):
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
    await pilot._wait_for_screen()
    return time.perf_counter() - started, time.process_time() - started_cpu


async def bare_label_times(presses: int) -> list[tuple[float, float]]:
    """A bare app whose key updates a Label, ``presses`` times."""
    from textual.app import App
    from textual.widgets import Label

    class Bare(App):
        BINDINGS = [("x", "bump", "Bump")]

        def compose(self):
            yield Label("0", id="count")

        def action_bump(self) -> None:
            label = self.query_one("#count", Label)
            label.update(str(int(str(label.content)) + 1))

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return [await time_key(pilot, "x") for _ in range(presses)]


async def bare_tab_times(rounds: int) -> list[tuple[float, float]]:
    """A bare app with six tabs switched by F1…F6, each visited ``rounds`` times after a warm-up."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label, TabbedContent, TabPane

    class BareTabs(App[None]):
        BINDINGS = [(f"f{n}", f"show('tab{n}')", f"Tab {n}") for n in range(1, TABS + 1)]

        def compose(self) -> ComposeResult:
            with TabbedContent():
                for n in range(1, TABS + 1):
                    with TabPane(f"Tab {n}", id=f"tab{n}"):
                        yield Label(f"tab {n}")

        def action_show(self, tab: str) -> None:
            self.query_one(TabbedContent).active = tab

    app = BareTabs()
    samples: list[tuple[float, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for round_ in range(rounds + 1):
            for n in range(1, TABS + 1):
                timed = await time_key(pilot, f"f{n}")
                if round_:  # the first round is a warm-up, as for the app
                    samples.append(timed)
    return samples


async def app_key_times(
    data: Path, rounds: int
) -> tuple[dict[str, list[tuple[float, float]]], list[tuple[float, float]], list[tuple[float, float]]]:
    """Per view, its switches; then moves of a day and ctrl+s in the Log."""
    from tui.store.journal import open_journal
    from tui.ui.app import VIEWS, build_app

    journal = open_journal(data)
    try:
        app = build_app(journal, today=END, clock=lambda: datetime(2027, 3, 15, 12, tzinfo=UTC))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            views: dict[str, list[tuple[float, float]]] = {view_id: [] for view_id, _t, _c in VIEWS}
            order = [(str(n), view_id) for n, (view_id, _t, _c) in enumerate(VIEWS, start=1)]
            for _ in range(rounds + 1):
                for key, view_id in order:
                    views[view_id].append(await time_key(pilot, f"f{key}"))
            for samples in views.values():
                del samples[0]  # the first visit of each view is a warm-up (bench_processes times it)
            log_key = f"f{[view_id for view_id, _t, _c in VIEWS].index('log') + 1}"
            await time_key(pilot, log_key)  # the Log opens in its first dose: ctrl+← moves a day from there
            moves = [await time_key(pilot, "ctrl+left") for _ in range(rounds * 3)]
            saves = []
            for _ in range(rounds * 2):
                saves.append(await time_key(pilot, "ctrl+s"))  # the day shown, saved as it is
                await pilot.pause(0.2)  # let the file write's follow-ups settle between saves
            return views, moves, saves
    finally:
        journal.close()


def _wall_ms(samples: list[tuple[float, float]]) -> float:
    return median([wall for wall, _cpu in samples]) * 1000


def _cpu_ms(samples: list[tuple[float, float]]) -> float | None:
    low = p10([cpu for _wall, cpu in samples])
    return None if low is None else low * 1000


def bench_keys(data: Path, rounds: int) -> list[Figure]:
    """The slowest view switch against a bare six-tab app; a day moved and saved in the Log."""
    try:
        views, moves, saves = asyncio.run(app_key_times(data, rounds))
    except ImportError as error:
        return [not_measured("switch_view", "switching views", "≤ 50 ms", f"not measured: {error}")]
    tabs = asyncio.run(bare_tab_times(rounds))
    label = asyncio.run(bare_label_times(rounds * 3))
    tab_ms, label_ms = _wall_ms(tabs), _wall_ms(label)
    per_view = {view: _wall_ms(samples) for view, samples in views.items()}
    slowest = max(per_view, key=lambda view: per_view[view])
    switch = per_view[slowest]
    move, save = _wall_ms(moves), _wall_ms(saves)
    shown = ", ".join(f"{view} {ms:.0f} (CPU p10 {_cpu_ms(views[view]) or 0:.0f})" for view, ms in per_view.items())
    return [
        Figure(
            "switch_view",
            f"each view switch (slowest: to {slowest})",
            switch,
            tab_ms,
            "ms",
            "bare Textual app with six tabs (TabbedContent), same keys",
            "≤ 50 ms and ≤ 3× bare six-tab",
            switch <= 50 and switch / tab_ms <= 3,
            f"ms per view: {shown}",
            cpu_p10=_cpu_ms(views[slowest]),
            reference_cpu_p10=_cpu_ms(tabs),
        ),
        Figure(
            "log_day_move",
            "moving a day in the Log (ctrl+←)",
            move,
            label_ms,
            "ms",
            "bare app, key updates a Label",
            "≤ 50 ms",
            move <= 50,
            cpu_p10=_cpu_ms(moves),
            reference_cpu_p10=_cpu_ms(label),
        ),
        Figure(
            "log_save",
            "ctrl+s in the Log to repaint",
            save,
            label_ms,
            "ms",
            "bare app, key updates a Label",
            "≤ 40 ms",
            save <= 40,
            cpu_p10=_cpu_ms(saves),
            reference_cpu_p10=_cpu_ms(label),
        ),
    ]
