"""Benchmark taper-tui against references measured in the same run; print a table, write JSON.

Shared machines are noisy, so every speed figure is set beside a reference timed in the same
run, alternating with it where that is possible, and is the median of several runs. Unless
noted, the data is ten years (3,650 days) of the seeded demo data set (``write_demo``).

1. start-up to first paint and exit — ``python -m tui`` in a pseudo-terminal at 80×24, from
   spawning it until the first frame has been written, then ctrl+q until the process has
   exited; the reference is a bare Textual app with one Label, run the same way;
2. saving one day — our store (atomic replace, fsync, backup) against TinyDB's default
   ``JSONStorage`` on the same days (the code of ``scripts/measure_save.py``);
3. switching views and moving a day in the Log — Pilot at 80×24, timed from the key press
   until the screen has been repainted; the reference is the same round trip in a bare app
   whose key changes a Label;
4. chart redraw at 80×24, a 365-day window and all ten years (the code of
   ``scripts/chart_redraw_timing.py``); the reference is plotext plotting the same days into
   the same two panels without our pooling;
5. building a three-year plan; the reference is a fixed pure-Python yardstick (sorting
   200,000 integers), which only says how fast this machine was during the run;
6. peak memory (max RSS) of the app after opening every view, against the bare app doing the
   same;
7. rebuilding the History table from ten years of days (what each save costs while History
   shows); the reference is a bare Textual ``DataTable`` filled with as many rows of text;
8. generating ten years of demo data; the reference is the yardstick of 5.

These figures are measured here and never asserted in the unit tests, where a busy machine
would turn a timing into a random failure.

    .venv/bin/python scripts/bench.py [--runs 5] [--quick] [--only startup …] [--strict] [--json bench-results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import platform
import pty
import random
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a fresh clone without installing
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling timing scripts

END = date(2027, 3, 15)
SEED = 2027
TEN_YEARS = 3650
SIZE = (80, 24)
CTRL_Q = b"\x11"

FIRST_PAINT_MARKER = b"symptom total"
"""The last line the Today view writes in its first frame (with the demo data ending on END)."""
BARE_MARKER = b"bare-app-ready"

BARE_APP = f"""
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("{BARE_MARKER.decode()}")

Bare().run()
"""


@dataclass
class Figure:
    """One row of the table: our median, the reference's, and the target it is held to."""

    key: str
    what: str
    ours: float | None
    reference: float | None
    unit: str
    reference_what: str
    target: str
    met: bool | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- 1 and 6: whole processes in a pseudo-terminal ---------------------------------------------


@dataclass
class ProcessRun:
    first_paint_s: float
    total_s: float
    max_rss_kb: int


def run_in_pty(
    argv: list[str], marker: bytes, keys_after_paint: tuple[bytes, ...] = (), key_pause: float = 0.4
) -> ProcessRun:
    """Spawn ``argv`` on an 80×24 pseudo-terminal; time the first frame and the exit.

    First paint is when ``marker`` has been written; then each of ``keys_after_paint`` is typed
    (``key_pause`` apart, the output drained meanwhile) and ctrl+q; the process is reaped with
    ``wait4``. Its peak memory is its own high-water mark (VmHWM) read just before ctrl+q:
    ``ru_maxrss`` would not do, as a child forked from this large process starts at its size.
    """
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env.pop("NO_COLOR", None)
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    seen = b""
    first_paint = None
    peak_kb = 0
    pending = [*list(keys_after_paint), CTRL_Q]
    next_key_at = None
    try:
        while True:
            waiting_for_key = next_key_at is not None and pending
            timeout = max(0.0, next_key_at - time.perf_counter()) if waiting_for_key else 30.0
            ready, _, _ = select.select([fd], [], [], timeout)
            if ready:
                try:
                    chunk = os.read(fd, 1 << 16)
                except OSError:  # EIO: the child closed the terminal (it exited)
                    break
                if not chunk:
                    break
                if first_paint is None:
                    seen = seen[-len(marker) :] + chunk
                    if marker in seen:
                        first_paint = time.perf_counter() - started
                        next_key_at = time.perf_counter() + (key_pause if keys_after_paint else 0.0)
            elif not waiting_for_key:
                raise RuntimeError(f"{argv}: {'no first paint' if first_paint is None else 'no exit'} within 30 s")
            if next_key_at is not None and pending and time.perf_counter() >= next_key_at:
                if len(pending) == 1:
                    peak_kb = _high_water_kb(pid)
                os.write(fd, pending.pop(0))
                next_key_at = time.perf_counter() + key_pause
    finally:
        _, status, _usage = os.wait4(pid, 0)
        os.close(fd)
    total = time.perf_counter() - started
    if first_paint is None or os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv}: exit status {os.waitstatus_to_exitcode(status)} before a first paint")
    return ProcessRun(first_paint, total, peak_kb)


def _high_water_kb(pid: int) -> int:
    """The peak resident set size of process ``pid`` so far, in kB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def ours_argv(data: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "--data", str(data), "--today", END.isoformat()]


def bare_argv() -> list[str]:
    return [sys.executable, "-c", BARE_APP]


def bench_start_up(data: Path, runs: int) -> tuple[Figure, Figure]:
    ours, bare = [], []
    for _ in range(runs):  # alternate, so both see the same noise
        ours.append(run_in_pty(ours_argv(data), FIRST_PAINT_MARKER))
        bare.append(run_in_pty(bare_argv(), BARE_MARKER))
    total = median([r.total_s for r in ours]) * 1000
    total_ref = median([r.total_s for r in bare]) * 1000
    paint = median([r.first_paint_s for r in ours]) * 1000
    paint_ref = median([r.first_paint_s for r in bare]) * 1000
    return (
        Figure(
            "startup_exit",
            "start-up to first paint and exit",
            total,
            total_ref,
            "ms",
            "bare Textual app, one Label",
            "ratio ≤ 1.3",
            total / total_ref <= 1.3,
        ),
        Figure(
            "first_paint",
            "  of which start-up to first paint",
            paint,
            paint_ref,
            "ms",
            "bare Textual app, one Label",
            "(shown for reference)",
            None,
        ),
    )


def bench_memory(data: Path, runs: int) -> Figure:
    # Every view is opened once (F2…F6 work even with a text field focused), so each has drawn
    # its ten years; the bare app gets the same keys, which it ignores.
    keys = (b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~")
    ours = [run_in_pty(ours_argv(data), FIRST_PAINT_MARKER, keys).max_rss_kb for _ in range(runs)]
    bare = [run_in_pty(bare_argv(), BARE_MARKER, keys).max_rss_kb for _ in range(runs)]
    mine, ref = median(ours) / 1024, median(bare) / 1024
    return Figure(
        "peak_memory",
        "peak memory, every view opened",
        mine,
        ref,
        "MB",
        "bare Textual app, one Label",
        "ratio ≤ 1.3",
        mine / ref <= 1.3,
    )


# -- 2: saving one day ------------------------------------------------------------------------


def bench_save(runs: int) -> Figure:
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


# -- 3: key presses through Pilot ---------------------------------------------------------------


async def time_key(pilot, key: str) -> float:
    """Seconds from a key press until its effects are processed and the screen repainted.

    Pilot's own ``press``/``pause`` sleep in 20 ms steps until the process looks idle, which
    would be timed too; here the key goes to the driver as a terminal's would, every message it
    causes is processed, and the screen is laid out and painted (what the next frame of a real
    terminal gets), twice, so that work scheduled "after refresh" (focus moves) counts as well.
    """
    from textual import events

    app = pilot.app
    started = time.perf_counter()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)
    for _ in range(2):
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
    await pilot._wait_for_screen()
    return time.perf_counter() - started


async def bare_key_times(presses: int) -> list[float]:
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


async def app_key_times(data: Path, rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    from tui.store.journal import open_journal
    from tui.ui.app import VIEWS, build_app

    journal = open_journal(data)
    try:
        app = build_app(journal, today=END, clock=lambda: datetime(2027, 3, 15, 12, tzinfo=UTC))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            views: dict[str, list[float]] = {view_id: [] for view_id, _t, _c in VIEWS}
            order = [(str(n), view_id) for n, (view_id, _t, _c) in enumerate(VIEWS, start=1)]
            for _ in range(rounds + 1):
                for key, view_id in order:
                    views[view_id].append(await time_key(pilot, f"f{key}"))
            for samples in views.values():
                del samples[0]  # the first visit of each view is a warm-up
            await time_key(pilot, "f3")  # the Log opens in its first dose: ctrl+← moves a day from there
            moves = [await time_key(pilot, "ctrl+left") for _ in range(rounds * 3)]
            return views, moves
    finally:
        journal.close()


def bench_keys(data: Path, rounds: int) -> tuple[Figure, Figure]:
    views, moves = asyncio.run(app_key_times(data, rounds))
    reference = median(asyncio.run(bare_key_times(rounds * 3))) * 1000
    per_view = {view: median(samples) * 1000 for view, samples in views.items()}
    slowest = max(per_view, key=per_view.get)
    switch = per_view[slowest]
    move = median(moves) * 1000
    shown = ", ".join(f"{view} {ms:.0f}" for view, ms in per_view.items())
    return (
        Figure(
            "switch_view",
            f"switching views (slowest: to {slowest})",
            switch,
            reference,
            "ms",
            "bare app, key updates a Label",
            "≤ 50 ms",
            switch <= 50,
            f"ms per view: {shown}",
        ),
        Figure(
            "log_day_move",
            "moving a day in the Log (ctrl+←)",
            move,
            reference,
            "ms",
            "bare app, key updates a Label",
            "≤ 50 ms",
            move <= 50,
        ),
    )


# -- 4: the chart ------------------------------------------------------------------------------


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
    try:
        from chart_redraw_timing import time_redraws
    except ImportError:
        return [
            Figure(
                "chart_redraw",
                "chart redraw",
                None,
                None,
                "ms",
                "",
                "30 ms / 100 ms",
                None,
                "not measured: chart view not present",
            )
        ]
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


# -- 5: the planner ----------------------------------------------------------------------------


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
    from tui.core.planner import build_plan

    params = three_year_params()
    plan = build_plan(params)  # warm-up (imports, caches)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        build_plan(params)
        samples.append(time.perf_counter() - started)
    mine = median(samples) * 1000
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
    )


# -- 7: the History table ----------------------------------------------------------------------


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
    from tui.ui.views.history import COLUMNS

    samples, rows = asyncio.run(history_rebuild_times(data, runs))
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


# -- 8: the demo data --------------------------------------------------------------------------


def bench_demo(runs: int) -> Figure:
    from tui.demo.story import MAX_DEMO_DAYS, generate_demo

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        generate_demo(MAX_DEMO_DAYS, END, seed=SEED)
        samples.append(time.perf_counter() - started)
    mine = median(samples) * 1000
    return Figure(
        "demo_10y",
        f"generating {MAX_DEMO_DAYS:,} days of demo data",
        mine,
        yardstick_ms(runs),
        "ms",
        "yardstick: sort 200,000 ints",
        "≤ 2000 ms",
        mine <= 2000,
    )


# -- output ------------------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    rows = [("figure", "taper-tui", "reference", "ratio", "target", "met")]
    for f in figures:
        if f.ours is None:
            rows.append((f.what, f.note, "", "", f.target, "—"))
            continue
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        rows.append(
            (
                f.what,
                f"{f.ours:.1f} {f.unit}",
                f"{f.reference:.1f} {f.unit}" if f.reference else "",
                ratio,
                f.target,
                met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(
        "references: " + "; ".join(sorted({f"{f.key}: {f.reference_what}" for f in figures if f.reference_what}))
    )
    lines += [f"{f.key}: {f.note}" for f in figures if f.note and f.ours is not None]
    return "\n".join(lines)


def machine() -> dict[str, object]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "textual": version("textual"),
        "tinydb": version("tinydb"),
        "load_average": os.getloadavg(),
    }


STEPS: dict[str, Callable[[Path, argparse.Namespace], list[Figure]]] = {
    "startup": lambda data, a: list(bench_start_up(data, a.runs)),
    "save": lambda data, a: [bench_save(a.runs * 4 + 1)],
    "keys": lambda data, a: list(bench_keys(data, a.runs)),
    "chart": lambda data, a: bench_chart(a.runs * 3),
    "plan": lambda data, a: [bench_plan(a.runs * 4 + 1)],
    "memory": lambda data, a: [bench_memory(data, max(3, a.runs // 2))],
    "history": lambda data, a: [bench_history(data, a.runs)],
    "demo": lambda data, a: [bench_demo(a.runs)],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure, the base count (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs each: a smoke test, not figures to quote")
    parser.add_argument("--only", choices=sorted(STEPS), action="append", help="run only these figures (repeatable)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, default=REPO / "bench-results.json", help="where to write the results")
    args = parser.parse_args()
    if args.quick:
        args.runs = 2
    from tui.commands.demo import write_demo

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="taper-bench-") as folder:
        data = Path(folder) / "taper.json"
        write_demo(data, days=TEN_YEARS, end=END, seed=SEED)
        for name, step in STEPS.items():
            if args.only and name not in args.only:
                continue
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            figures += step(data, args)
    print(
        f"taper-tui bench: {TEN_YEARS:,} days of demo data, {SIZE[0]}×{SIZE[1]}, median of runs "
        f"(base {args.runs}), {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n"
    )
    print(table(figures))
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "days": TEN_YEARS,
        "runs": args.runs,
        "figures": [dict(asdict(f), ratio=f.ratio) for f in figures],
    }
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    missed = [f.key for f in figures if f.met is False]
    print(
        f"\n{len(missed)} target(s) missed{': ' + ', '.join(missed) if missed else ''} (docs/PERFORMANCE.md says why)"
    )
    print(f"written to {args.json}")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
