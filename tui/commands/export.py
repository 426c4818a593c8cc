"""``taper-tui export``: the whole store as JSON (default) to stdout or a 0600 file."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from tui.commands.common import EXIT_OK, fail
from tui.exchange.json_export import dumps_export, export_document
from tui.exchange.private_file import write_private_file
from tui.store.errors import StoreError
from tui.store.journal import Journal, open_journal
from tui.store.locations import resolve_data_path


def _render_json(journal: Journal, args: argparse.Namespace) -> bytes:
    document = export_document(journal.days(), journal.get_plan(), journal.events(), datetime.now().astimezone(), journal.settings())
    return dumps_export(document)


RENDERERS: dict[str, Callable[[Journal, argparse.Namespace], bytes]] = {"json": _render_json}
"""Export formats by name; each turns the open journal into the bytes to write."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export the data (JSON by default)", description="Export everything. Exports hold health data and are written 0600.")
    parser.add_argument("--format", default="json", choices=sorted(RENDERERS), help="output format (default: json)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (mode 0600) instead of standard output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = resolve_data_path(args.data)
    if not path.exists():
        return fail(f"there is no data file at {path} yet; log a day or open the app first")
    try:
        with open_journal(path, read_only=True) as journal:
            payload = RENDERERS[args.format](journal, args)
    except StoreError as error:
        return fail(str(error))
    if args.output:
        target = Path(args.output).expanduser()
        try:
            write_private_file(target, payload)
        except OSError as error:
            return fail(f"-o: could not write {target}: {error.strerror or error}")
        print(f"exported to {target} (mode 0600: it holds health data)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return EXIT_OK
