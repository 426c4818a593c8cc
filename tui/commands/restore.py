"""``taper-tui restore``: list the backups of the data file, or put one back."""

from __future__ import annotations

import argparse
from datetime import datetime

from tui.commands.common import EXIT_OK, fail, out, usage_error
from tui.store.atomic_storage import check_data_path
from tui.store.errors import StoreError
from tui.store.locations import real_data_path, resolve_data_path
from tui.store.restore import describe_backup, list_backups, restore_backup


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="list backups, or restore one",
        description="Without a number: list the backups (newest first). With a number: restore that "
        "backup; the current file is kept beside it as taper.json.replaced-<time>.",
    )
    parser.add_argument("number", nargs="?", type=int, help="the backup to restore, as numbered in the list")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = resolve_data_path(args.data)
    try:
        check_data_path(real_data_path(path))
        backups = list_backups(path)
    except StoreError as error:
        return fail(str(error))
    if not backups:
        return fail(f"there are no backups of {path} yet (one is kept every time a save replaces the file)")
    if args.number is None:
        out(f"Backups of {path}, newest first:")
        for number, backup in enumerate(backups, start=1):
            out(f"  {number:>2}  {describe_backup(backup)}")
        out("Restore one with: taper-tui restore NUMBER")
        return EXIT_OK
    if not 1 <= args.number <= len(backups):
        return usage_error("number", f'"{args.number}" is not allowed — use a number from 1 to {len(backups)}')
    chosen = backups[args.number - 1]
    try:
        kept = restore_backup(path, chosen, datetime.now())
    except StoreError as error:
        return fail(str(error))
    zone = " UTC" if chosen.sequence else ""
    out(f"restored the backup of {chosen.taken_at:%Y-%m-%d %H:%M:%S}{zone} to {path}")
    if kept:
        out(f"the file it replaced is kept as {kept}")
    return EXIT_OK
