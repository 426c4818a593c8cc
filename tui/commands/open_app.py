"""Open the Textual app on the data file (what plain ``taper-tui`` does), or on demo data."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from tui.commands.common import EXIT_OK, fail, today_from, warn
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import resolve_data_path


def _demo_path(args: argparse.Namespace) -> Path:
    """Write the demo data set into a fresh private temp folder and return the file."""
    from tui.commands.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="taper-tui-demo-"))
    path = folder / "taper.json"
    write_demo(path, end=today_from(args))
    return path


def run(args: argparse.Namespace) -> int:
    path = _demo_path(args) if args.demo else resolve_data_path(args.data)
    try:
        journal = open_journal(path, read_only=args.read_only, fall_back_to_read_only=True)
    except StoreError as error:
        return fail(str(error))
    for warning in journal.warnings:
        warn(warning)
    from tui.ui.app import build_app  # Textual loads only when the app opens

    try:
        # The real clock, so the day rolls over while the app is open; --today stops it on that day.
        app = build_app(journal, today=today_from(args) if args.today else None)
        if args.demo:
            app.sub_title = f"demo data (temporary: {path})"
        app.run(mouse=not args.no_mouse)
    finally:
        journal.close()
        if args.demo:
            shutil.rmtree(path.parent, ignore_errors=True)
    # Non-zero after a crash (1, its log's path already printed) or a signal (128 + its number).
    return app.return_code or EXIT_OK
