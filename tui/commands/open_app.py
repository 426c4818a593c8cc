"""Open the Textual app on the data file (what plain ``taper-tui`` does)."""

from __future__ import annotations

import argparse
import sys

from tui.commands.common import EXIT_OK, fail, today_from
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import resolve_data_path


def run(args: argparse.Namespace) -> int:
    path = resolve_data_path(args.data)
    try:
        journal = open_journal(path, read_only=args.read_only, fall_back_to_read_only=True)
    except StoreError as error:
        return fail(str(error))
    for warning in journal.warnings:
        print(f"taper-tui: {warning}", file=sys.stderr)
    from tui.ui.app import build_app  # Textual loads only when the app opens

    try:
        app = build_app(journal, today=today_from(args))
        app.run(mouse=not args.no_mouse)
    finally:
        journal.close()
    return EXIT_OK
