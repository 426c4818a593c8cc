"""Benchmark taper-tui against references measured in the same run; print a table, write JSON.

Shared machines are noisy, so every speed figure is set beside a reference timed in the same
run, alternating with it where that is possible, and is the median of several runs; the 10th
percentile of the CPU time of the same runs stands beside it where it is known (what the code
costs when nothing else gets in the way). Unless noted, the data is ten years (3,650 days) of
the seeded demo data set (``write_demo``), at 80×24. Before measuring, every module of taper-tui
and of its dependencies is compiled to bytecode (``compileall``), as an installed package is:
with ``PYTHONDONTWRITEBYTECODE`` set, a clone would otherwise compile on every start.

Whole processes (:mod:`bench_processes`):

* start-up to first paint and exit, and first paint alone — ``python -m tui`` in a
  pseudo-terminal, from spawning it until the first frame is written, then ctrl+q until it has
  exited; the reference is a bare one-Label Textual app run the same way;
* peak memory (VmHWM) at the first paint and after opening every view, against the bare app;
* the first opening of each view — a new app under Pilot per view, timed from its F-key until
  the screen is repainted (its imports, compose and data included);
* ``taper-tui log`` (one day) and ``taper-tui status`` on the ten-year file, against
  ``python -c pass`` with the same interpreter, interleaved.

Key presses (:mod:`bench_keys`), Pilot in this process: every view switch against the same
switch in a bare six-tab Textual app; moving a day and ctrl+s in the Log against a key that
updates a Label.

Work on data (:mod:`bench_data`): saving one day (against TinyDB's own storage), the chart's
redraw (against plotext alone), a three-year plan, the History table's refill (against a bare
``DataTable``), generating ten years of demo data and the ten-year CSV export.

These figures are measured here and never asserted in the unit tests, where a busy machine
would turn a timing into a random failure.

    .venv/bin/python scripts/bench.py [--runs 5] [--quick] [--only startup …] [--strict] [--json bench-results.json]
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a fresh clone without installing
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling timing scripts

from bench_data import bench_chart, bench_csv, bench_demo, bench_history, bench_plan, bench_save  # noqa: E402
from bench_figure import Figure, table  # noqa: E402
from bench_keys import bench_keys  # noqa: E402
from bench_processes import bench_cli, bench_first_openings, bench_memory, bench_start_up  # noqa: E402

END = date(2027, 3, 15)
SEED = 2027
TEN_YEARS = 3650
SIZE = (80, 24)
DEPENDENCIES = ("textual", "rich", "tinydb", "orjson", "platformdirs", "plotext", "textual_plotext", "markdown_it")
"""Packages the app imports at start-up, compiled with taper-tui before measuring."""


def compile_bytecode() -> list[str]:
    """Compile taper-tui, these scripts and the app's dependencies; the folders compiled."""
    folders = [REPO / "tui", Path(__file__).resolve().parent]
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders += [Path(location) for location in spec.submodule_search_locations]
    for folder in folders:
        compileall.compile_dir(folder, quiet=1, workers=1)
    return [str(folder) for folder in folders]


def machine() -> dict[str, object]:
    """What the figures were measured on."""
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
    "startup": lambda data, a: bench_start_up(data, a.runs),
    "keys": lambda data, a: bench_keys(data, a.runs),
    "views": lambda data, a: bench_first_openings(data, max(2, a.runs // 2)),
    "memory": lambda data, a: bench_memory(data, max(3, a.runs // 2)),
    "cli": lambda data, a: bench_cli(data, a.runs * 2 + 1),
    "csv": lambda data, a: [bench_csv(data, a.runs + 2)],
    "save": lambda data, a: [bench_save(a.runs * 4 + 1)],
    "chart": lambda data, a: bench_chart(a.runs * 3),
    "plan": lambda data, a: [bench_plan(a.runs * 4 + 1)],
    "history": lambda data, a: [bench_history(data, a.runs)],
    "demo": lambda data, a: [bench_demo(a.runs)],
}
"""Each ``--only`` name and what it measures; the table keeps this order (the issue's targets first)."""


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

    print("compiling to bytecode …", file=sys.stderr, flush=True)
    compiled = compile_bytecode()
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
        f"(base {args.runs}), on bytecode, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    print(table(figures))
    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "days": TEN_YEARS,
        "runs": args.runs,
        "compiled": compiled,
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
