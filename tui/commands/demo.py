"""``taper-tui demo``: write a generated, realistic data set into a data file.

For trying the app, tests, screenshots and benchmarks (up to ten years of days). The app's
``--demo`` flag uses :func:`write_demo` on a temporary file.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tui.commands.common import EXIT_OK, fail, out, today_from, usage_error
from tui.demo.story import DEFAULT_SEED, DEMO_DAYS, MAX_DEMO_DAYS, DemoData, generate_demo
from tui.store.errors import StoreError
from tui.store.journal import open_journal


def write_demo(
    path: Path | str,
    days: int = DEMO_DAYS,
    end: date | None = None,
    seed: int = DEFAULT_SEED,
    *,
    overwrite: bool = False,
) -> DemoData:
    """Generate ``days`` days ending on ``end`` and store them, with the plan, its events and
    settings, in one atomic write to ``path``.

    Raises ``FileExistsError`` when ``path`` exists and ``overwrite`` is false; with
    ``overwrite`` the old content is replaced (the store keeps a backup of it). Store errors
    (:class:`~tui.store.errors.StoreError`) propagate.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(target)
    data = generate_demo(days, end, seed)
    with open_journal(target) as journal, journal.batch():
        journal.replace_all(list(data.entries), data.plan.to_record(), list(data.events))
        journal.update_settings(**data.settings)
    return data


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a generated demo data set into a file",
        description="Write a realistic generated data set (a clonazepam micro-taper with holds, a return "
        "to a stable dose, windows and waves, gaps and a red-flag day) into PATH, ending today.",
    )
    parser.add_argument(
        "--data",
        dest="demo_path",
        metavar="PATH",
        required=True,
        help="the file to write (refused if it exists, unless --force)",
    )
    parser.add_argument(
        "--days",
        default=str(DEMO_DAYS),
        metavar="N",
        help=f"how many days, 1 to {MAX_DEMO_DAYS} (default: {DEMO_DAYS})",
    )
    parser.add_argument(
        "--seed",
        default=str(DEFAULT_SEED),
        metavar="S",
        help=f"random seed: the same seed gives the same data (default: {DEFAULT_SEED})",
    )
    parser.add_argument("--end", metavar="YYYY-MM-DD", help="the last generated day (default: today)")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists (a backup of it is kept)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        days = int(args.days)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DEMO_DAYS:
        return usage_error("--days", f'"{args.days}" is not allowed — use a whole number from 1 to {MAX_DEMO_DAYS}')
    try:
        seed = int(args.seed)
    except ValueError:
        return usage_error("--seed", f'"{args.seed}" is not allowed — use a whole number')
    if args.end:
        try:
            end = date.fromisoformat(args.end)
        except ValueError:
            return usage_error("--end", f'"{args.end}" is not an ISO date YYYY-MM-DD')
    else:
        end = today_from(args)
    path = Path(args.demo_path).expanduser()
    if path.is_dir():
        return usage_error("--data", f"{path} is a folder — give a file name, e.g. {path / 'taper.json'}")
    try:
        write_demo(path, days, end, seed, overwrite=args.force)
    except FileExistsError:
        return usage_error("--data", f"{path} already exists; pass --force to replace it (a backup of it is kept)")
    except StoreError as error:
        return fail(str(error))
    out(f"wrote {days} demo days ending {end.isoformat()} to {path}")
    return EXIT_OK
