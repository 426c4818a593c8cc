"""Soak taper-tui's promises: no save lost to a crash or a second writer, no bad file imported.

Runs, at full size (each prints how many were tried and how many lost or corrupted anything):

* the store's SIGKILL crash test at 1,000 kills (``tests/store/test_crash_safety.py``);
* two writer processes racing for the lock, thousands of saves each;
* 10,000 malformed exports through the import path of a real store;
* random text typed into every field of the Log form through Pilot, each followed by ctrl+s.

Exits non-zero if anything was lost, corrupted or crashed. ``tests/soak/test_soak_short.py``
runs the same checks with small counts in every ``make test``.

    .venv/bin/python scripts/soak.py [--kills 1000] [--races 2000] [--imports 10000] [--texts 700]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the soak runs live with the tests: tests/soak/soak_runs.py

from tests.soak.soak_runs import SoakResult, crash_kills, fuzz_imports, fuzz_log_form, race_writers  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000, help="SIGKILLs in the crash test (default 1000)")
    parser.add_argument("--races", type=int, default=2000, help="saves per racing writer (default 2000)")
    parser.add_argument("--imports", type=int, default=10_000, help="malformed exports to import (default 10000)")
    parser.add_argument("--texts", type=int, default=700, help="random texts typed into Log fields (default 700)")
    parser.add_argument("--seed", type=int, default=2027, help="seed of the fuzzers and the racers")
    args = parser.parse_args()

    results: list[SoakResult] = []
    with tempfile.TemporaryDirectory(prefix="taper-soak-") as folder:
        base = Path(folder)
        steps = (
            ("crash", lambda: crash_kills(args.kills)),
            ("race", lambda: race_writers(base, args.races, seed=args.seed)),
            ("imports", lambda: fuzz_imports(base, args.imports, seed=args.seed)),
            ("form", lambda: asyncio.run(fuzz_log_form(base, args.texts, seed=args.seed))),
        )
        for _name, step in steps:
            started = time.monotonic()
            result = step()
            results.append(result)
            print(f"{result.line()}  [{time.monotonic() - started:.0f} s]", flush=True)
            for failure in result.failures[:10]:
                print(f"    {failure}")
    failed = sum(r.failed for r in results)
    print(f"\ntotal: tried {sum(r.tried for r in results)}, lost or corrupted {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
