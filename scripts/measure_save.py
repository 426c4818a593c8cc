"""Measure how long saving one day takes with 3,650 days in the file.

Compares taper-tui's store (atomic replace, fsync, backup link, orjson) with the same data in
TinyDB's default JSONStorage (rewrites the file in place, no fsync). Prints the median and
spread of each over ``--runs`` saves.

    .venv/bin/python scripts/measure_save.py [--days 3650] [--runs 21] [--dir PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document

from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal


def history(days: int) -> list[DayEntry]:
    """``days`` typical days ending on 2027-03-15: two doses, ratings, symptoms and a note."""
    last = date(2027, 3, 15)
    return [
        DayEntry(
            day=last - timedelta(days=n),
            intakes=(Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.125"), "20:00")),
            anxiety=n % 11,
            mood=(n * 3) % 11,
            sleep_hours=Decimal("6.5"),
            sleep_quality=1 + n % 5,
            symptoms={"insomnia": n % 5, "tremor": (n // 2) % 5},
            note=f"day {n}: a short note about how it went",
        )
        for n in range(days)
    ]


def median_ms(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):6.1f} ms   (min {min(ms):.1f}, max {max(ms):.1f}, n={len(ms)})"


def measure_taper_store(folder: Path, entries: list[DayEntry], runs: int) -> list[float]:
    path = folder / "taper.json"
    with open_journal(path) as journal:
        journal.replace_all(entries, None, [])
        timings = []
        for run in range(runs):
            changed = entries[run % len(entries)].merged(anxiety=run % 11, note=f"edited {run}")
            start = time.perf_counter()
            journal.save_day(changed)
            timings.append(time.perf_counter() - start)
    return timings


def measure_tinydb_default(folder: Path, entries: list[DayEntry], runs: int) -> list[float]:
    db = TinyDB(folder / "tinydb-default.json")  # JSONStorage, stdlib json, rewrite in place
    table = db.table("entries")
    table.insert_multiple(Document(e.to_record(), doc_id=e.day.toordinal()) for e in entries)
    timings = []
    for run in range(runs):
        changed = entries[run % len(entries)].merged(anxiety=run % 11, note=f"edited {run}")
        start = time.perf_counter()
        table.update(changed.to_record(), doc_ids=[changed.day.toordinal()])
        timings.append(time.perf_counter() - start)
    db.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--dir", type=Path, help="folder to measure in (default: a temp folder)")
    args = parser.parse_args()
    entries = history(args.days)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        ours = measure_taper_store(Path(folder), entries, args.runs)
        theirs = measure_tinydb_default(Path(folder), entries, args.runs)
        size = (Path(folder) / "taper.json").stat().st_size
        print(
            f"one day saved with {args.days:,} days in the file ({size / 1e6:.1f} MB), {args.runs} runs each, in {folder}"
        )
        print(f"  taper-tui store (atomic + fsync + backup): {median_ms(ours)}")
        print(f"  TinyDB default JSONStorage (in place):     {median_ms(theirs)}")


if __name__ == "__main__":
    main()
