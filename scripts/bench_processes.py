"""``make bench`` figures taken on whole processes: start-up, memory, the command line, first openings.

Each run is a new Python process, so imports, the first compose and the file's parsing count as
a person would feel them. The app and the bare Textual app run in a pseudo-terminal at 80×24;
the command-line runs with their output thrown away. CPU time is the child's own (user +
system, from ``wait4``).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from bench_figure import Figure, median, not_measured, p10

SIZE = (80, 24)
END_ISO = "2027-03-15"
CTRL_Q = b"\x11"
VIEW_KEYS = (b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~")
"""F2…F6 as a terminal sends them: every view after Today, opened once (they work in any field)."""

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
class ProcessRun:
    """One run of a program in the pseudo-terminal (seconds, kB)."""

    first_paint_s: float
    total_s: float
    cpu_s: float
    max_rss_kb: int


def run_in_pty(
    argv: list[str],
    marker: bytes,
    keys_after_paint: tuple[bytes, ...] = (),
    key_pause: float = 0.4,
    memory_at_paint: bool = False,
) -> ProcessRun:
    """Spawn ``argv`` on an 80×24 pseudo-terminal; time the first frame and the exit.

    First paint is when ``marker`` has been written; then each of ``keys_after_paint`` is typed
    (``key_pause`` apart, the output drained meanwhile) and ctrl+q; the process is reaped with
    ``wait4``. Its peak memory is its own high-water mark (VmHWM) read at the first paint with
    ``memory_at_paint``, else just before ctrl+q: ``ru_maxrss`` would not do, as a child forked
    from this large process starts at its size.
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
                        if memory_at_paint:
                            peak_kb = _high_water_kb(pid)
                        next_key_at = time.perf_counter() + (key_pause if keys_after_paint else 0.0)
            elif not waiting_for_key:
                raise RuntimeError(f"{argv}: {'no first paint' if first_paint is None else 'no exit'} within 30 s")
            if next_key_at is not None and pending and time.perf_counter() >= next_key_at:
                if len(pending) == 1 and not memory_at_paint:
                    peak_kb = _high_water_kb(pid)
                os.write(fd, pending.pop(0))
                next_key_at = time.perf_counter() + key_pause
    finally:
        _, status, usage = os.wait4(pid, 0)
        os.close(fd)
    total = time.perf_counter() - started
    if first_paint is None or os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv}: exit status {os.waitstatus_to_exitcode(status)} before a first paint")
    return ProcessRun(first_paint, total, usage.ru_utime + usage.ru_stime, peak_kb)


def _high_water_kb(pid: int) -> int:
    """The peak resident set size of process ``pid`` so far, in kB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def ours_argv(data: Path) -> list[str]:
    """The app on ``data``, "today" fixed at the demo's last day."""
    return [sys.executable, "-m", "tui", "--data", str(data), "--today", END_ISO]


def bare_argv() -> list[str]:
    """The bare one-Label Textual app."""
    return [sys.executable, "-c", BARE_APP]


def _ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def bench_start_up(data: Path, runs: int) -> list[Figure]:
    """Start-up to first paint and exit, and first paint alone, against the bare app."""
    ours, bare = [], []
    for _ in range(runs):  # alternate, so both see the same noise
        ours.append(run_in_pty(ours_argv(data), FIRST_PAINT_MARKER))
        bare.append(run_in_pty(bare_argv(), BARE_MARKER))
    total, total_ref = median(_ms([r.total_s for r in ours])), median(_ms([r.total_s for r in bare]))
    paint, paint_ref = median(_ms([r.first_paint_s for r in ours])), median(_ms([r.first_paint_s for r in bare]))
    cpu, cpu_ref = p10(_ms([r.cpu_s for r in ours])), p10(_ms([r.cpu_s for r in bare]))
    return [
        Figure(
            "startup_exit",
            "start-up to first paint and exit, 10 years",
            total,
            total_ref,
            "ms",
            "bare Textual app, one Label, run the same way",
            "≤ 1.3× bare (aim 1.2×)",
            total / total_ref <= 1.3,
            cpu_p10=cpu,
            reference_cpu_p10=cpu_ref,
        ),
        Figure(
            "first_paint",
            "first paint alone",
            paint,
            paint_ref,
            "ms",
            "bare Textual app, one Label, run the same way",
            "≤ 1.5× bare",
            paint / paint_ref <= 1.5,
            "CPU is the whole run's (to the exit); the first paint has no CPU time of its own",
        ),
    ]


def bench_memory(data: Path, runs: int) -> list[Figure]:
    """Peak memory at the first paint and after opening every view, against the bare app."""
    at_paint = [run_in_pty(ours_argv(data), FIRST_PAINT_MARKER, memory_at_paint=True).max_rss_kb for _ in range(runs)]
    at_paint_ref = [run_in_pty(bare_argv(), BARE_MARKER, memory_at_paint=True).max_rss_kb for _ in range(runs)]
    # The bare app gets the same keys, which it ignores.
    every = [run_in_pty(ours_argv(data), FIRST_PAINT_MARKER, VIEW_KEYS).max_rss_kb for _ in range(runs)]
    every_ref = [run_in_pty(bare_argv(), BARE_MARKER, VIEW_KEYS).max_rss_kb for _ in range(runs)]
    paint, paint_ref = median(at_paint) / 1024, median(at_paint_ref) / 1024
    mine, ref = median(every) / 1024, median(every_ref) / 1024
    return [
        Figure(
            "memory_first_paint",
            "peak memory at first paint",
            paint,
            paint_ref,
            "MB",
            "bare Textual app, one Label",
            "≤ 1.3× bare",
            paint / paint_ref <= 1.3,
        ),
        Figure(
            "memory_every_view",
            "peak memory, every view opened",
            mine,
            ref,
            "MB",
            "bare Textual app, one Label",
            "≤ 1.5× bare",
            mine / ref <= 1.5,
        ),
    ]


# -- the command line --------------------------------------------------------------------------


def run_quietly(argv: list[str]) -> tuple[float, float, int]:
    """Run ``argv`` with its output discarded: (wall seconds, CPU seconds, exit code)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read() if process.stderr else b""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0, 1):  # status exits 1 for "not logged yet"
        raise RuntimeError(f"{argv}: exit status {process.returncode}: {errors.decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def bench_cli(data: Path, runs: int) -> list[Figure]:
    """``taper-tui log`` (one day) and ``taper-tui status`` on ten years, against ``python -c pass``."""
    with tempfile.TemporaryDirectory(prefix="taper-bench-cli-") as folder:
        copy = Path(folder) / "taper.json"
        shutil.copyfile(data, copy)  # the log run writes: keep the other figures' file as generated
        base = [sys.executable, "-m", "tui", "--data", str(copy), "--today", END_ISO]
        commands = {
            "log": [*base, "log", "--date", "2027-03-14", "--anxiety", "3"],
            "status": [*base, "status"],
            "pass": [sys.executable, "-c", "pass"],
        }
        for argv in commands.values():
            run_quietly(argv)  # warm the disk cache and the bytecode
        samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, so all three see the same noise
            for name, argv in commands.items():
                samples[name].append(run_quietly(argv))
    wall = {name: median(_ms([s[0] for s in runs_])) for name, runs_ in samples.items()}
    cpu = {name: p10(_ms([s[1] for s in runs_])) for name, runs_ in samples.items()}
    return [
        Figure(
            f"cli_{name}",
            what,
            wall[name],
            wall["pass"],
            "ms",
            "python -c pass, same interpreter",
            target,
            wall[name] / wall["pass"] <= 3,
            cpu_p10=cpu[name],
            reference_cpu_p10=cpu["pass"],
        )
        for name, what, target in (
            ("log", "taper-tui log, one day, 10-year file", "≤ 3× python -c pass"),
            ("status", "taper-tui status, 10-year file", "≤ 3× python -c pass (ours: a prompt)"),
        )
    ]


# -- the first opening of each view ------------------------------------------------------------

FIRST_OPENING = """
import asyncio, json, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from bench_keys import time_key
from tui.store.journal import open_journal
from tui.ui.app import build_app

async def main(data, key):
    journal = open_journal(data)
    try:
        app = build_app(journal, today=date.fromisoformat(sys.argv[4]))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            wall, cpu = await time_key(pilot, key)
            print(json.dumps({"wall": wall, "cpu": cpu}))
    finally:
        journal.close()

asyncio.run(main(sys.argv[2], sys.argv[3]))
"""
"""A new process: the app under Pilot at 80×24; times one F-key, the first opening of its view."""


def view_ids() -> list[str]:
    """The views in tab order (F1 is the first)."""
    from tui.ui.app import VIEWS

    return [view_id for view_id, _title, _class in VIEWS]


def bench_first_openings(data: Path, runs: int) -> list[Figure]:
    """Each view after the first, opened for the first time in a new app (its imports included)."""
    try:
        views = view_ids()
    except ImportError as error:
        return [not_measured("first_open", "first opening of each view", "≤ 250 ms", f"not measured: {error}")]
    scripts = str(Path(__file__).resolve().parent)
    walls: dict[str, list[float]] = {view: [] for view in views[1:]}
    cpus: dict[str, list[float]] = {view: [] for view in views[1:]}
    for _ in range(runs):
        for number, view in enumerate(views[1:], start=2):
            argv = [sys.executable, "-c", FIRST_OPENING, scripts, str(data), f"f{number}", END_ISO]
            result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise RuntimeError(f"first opening of {view}: {result.stderr[-800:]}")
            timed = json.loads(result.stdout.strip().splitlines()[-1])
            walls[view].append(timed["wall"] * 1000)
            cpus[view].append(timed["cpu"] * 1000)
    per_view = {view: median(samples) for view, samples in walls.items()}
    slowest = max(per_view, key=lambda view: per_view[view])
    shown = ", ".join(f"{view} {ms:.0f}" for view, ms in per_view.items())
    return [
        Figure(
            "first_open",
            f"first opening of any view (slowest: {slowest})",
            per_view[slowest],
            None,
            "ms",
            "",
            "≤ 250 ms",
            per_view[slowest] <= 250,
            f"first opening, ms per view (new app each, imports included): {shown}",
            cpu_p10=p10(cpus[slowest]),
        )
    ]
