"""``taper-tui import FILE``: bring a JSON export back in — checked first, all or nothing."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.common import EXIT_OK, fail, out
from tui.core.settings import Settings
from tui.store.backups import list_backups
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import resolve_data_path

if TYPE_CHECKING:
    from tui.exchange.json_import import ImportMode


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import a JSON export (checked first; all or nothing)",
        description="Import a file written by `taper-tui export`. The whole file is checked first: one bad "
        "entry imports nothing, and every problem is listed by date and field. By default the file "
        "wins on the days it has and your other days stay; the data file as it was is kept in its "
        "backups (`taper-tui restore`).",
    )
    parser.add_argument("file", metavar="FILE", help="the JSON export to import")
    parser.add_argument("--dry-run", action="store_true", help="only say what would change; write nothing")
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--keep-existing", action="store_true", help="on days both have, keep your logged version (and your plan)"
    )
    how.add_argument(
        "--replace", action="store_true", help="make the log exactly the file: days not in the file are removed"
    )
    parser.set_defaults(handler=run)


def _mode(args: argparse.Namespace) -> ImportMode:
    from tui.exchange.json_import import ImportMode

    if args.replace:
        return ImportMode.REPLACE
    if args.keep_existing:
        return ImportMode.KEEP_EXISTING
    return ImportMode.MERGE


def run(args: argparse.Namespace) -> int:
    # Loaded here: jsonschema costs ~35 ms of start-up that other commands should not pay.
    from tui.exchange.json_import import ImportRefused, apply_import, plan_import, read_import_file

    source = Path(args.file).expanduser()
    try:
        document = read_import_file(source)
    except ImportRefused as refused:
        return fail(f"cannot import {source}: {refused}")
    path = resolve_data_path(args.data)
    existed = path.exists()
    try:
        if args.dry_run and not existed:
            plan = plan_import([], None, [], document, _mode(args), Settings())
            return _report_dry_run(source, path, plan.summary())
        with open_journal(path, read_only=args.dry_run) as journal:
            plan = plan_import(
                journal.days(),
                journal.get_plan(),
                journal.events(),
                document,
                _mode(args),
                journal.settings(),
            )
            if args.dry_run:
                return _report_dry_run(source, path, plan.summary())
            if not plan.changes_anything:
                out(f"nothing to import: {path} already holds everything in {source}")
                return EXIT_OK
            apply_import(journal, plan, datetime.now().astimezone(), source.name)
            before = journal.last_backup
        numbers = {backup.path: number for number, backup in enumerate(list_backups(path), start=1)}
    except StoreError as error:
        return fail(str(error))
    out(f"imported {source} into {path}")
    out(plan.summary())
    if existed and before is not None:
        # The backup this very save kept, found by name: never "the newest" by some other order.
        out(f"the data file as it was before the import is kept as {before}", err=True)
        if before in numbers:
            out(f"(undo with `taper-tui restore {numbers[before]}`)", err=True)
    return EXIT_OK


def _report_dry_run(source: Path, path: Path, summary: str) -> int:
    out(f"dry run: importing {source} into {path} would change:")
    out(summary)
    out("nothing was written (run again without --dry-run to import)")
    return EXIT_OK
