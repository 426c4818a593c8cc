"""``taper-tui export``: JSON (default), CSV, the prescriber report or an .ics calendar.

Output goes to stdout or, with ``-o``, to a file written 0600 (exports hold health data).

An export is data, so it is written exactly — to a file, and to stdout when stdout is a pipe or
a redirect (``> days.csv`` gives the same bytes as ``-o days.csv``; sanitising there would not
protect anyone, since ``cat days.csv`` shows the exact file anyway). JSON is always safe on a
terminal and still lossless (:func:`tui.exchange.json_export.dumps_export` writes every control
character as a JSON ``\\uXXXX`` escape). When stdout *is* a terminal, a person is reading it, so
every other format (CSV, .ics, the reports) is shown with every control character as a visible
escape (``\\x1b``), as in every message; the CRLF line ends of .ics are shown as plain line ends.
To keep such characters exactly, write to a file (``-o`` or a redirect).

Messages (where the export went, warnings, errors) go through :func:`common.out`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from tui.commands.common import EXIT_OK, fail, out, today_from, usage_error, warn
from tui.core.terminal_text import terminal_safe
from tui.exchange.export_formats import FORMAT_EXTENSIONS, WHAT_CHOICES
from tui.exchange.private_file import UnsafeDestination, write_private_file
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import reserved_use, resolve_data_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export the data: JSON (default), CSV, the prescriber report, a calendar",
        description="Export everything as JSON (lossless; `taper-tui import` reads it back), the days or the steps as CSV, a one-page report for your prescriber, or the schedule as an .ics calendar. Exports hold health data and are written 0600.",
    )
    parser.add_argument(
        "--format",
        default="json",
        choices=sorted(FORMAT_EXTENSIONS),
        help="json (lossless, default), csv, report (Markdown for your prescriber), text (the report in 80 columns), html, ics (the schedule as a calendar)",
    )
    parser.add_argument(
        "--what",
        choices=WHAT_CHOICES,
        help="for --format csv: one row per logged day (default) or per step of the plan",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (mode 0600) instead of standard output (there, on a terminal, control characters in notes are shown as escapes such as \\x1b in every format but JSON; a pipe, a redirect or FILE gets them exactly)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.what and args.format != "csv":
        return usage_error("--what", f'only applies to --format csv (not "{args.format}")')
    args.what = args.what or "days"
    path = resolve_data_path(args.data)
    if args.output:
        target = Path(args.output).expanduser()
        # Writing over the data file, its lock, backups or drafts would leave a store that can't
        # open, or let a second writer in; a folder is not a file name.
        reserved = reserved_use(path, target)
        if reserved:
            return usage_error("-o", f'"{args.output}" is {reserved} — write the export somewhere else')
        if target.is_dir():
            example = target / "taper-export.json"
            return usage_error("-o", f'"{args.output}" is a folder — give a file name, e.g. {example}')
    if not path.exists():
        return fail(f"there is no data file at {path} yet; log a day or open the app first")
    # Loaded here: the report and calendar modules cost ~40 ms that `log` should not pay.
    from tui.exchange.render_export import NothingToExport, render_export

    try:
        with open_journal(path, read_only=True) as journal:
            for warning in journal.warnings:
                warn(warning)
            payload = render_export(
                journal, args.format, what=args.what, now=datetime.now().astimezone(), today=today_from(args)
            )
    except (StoreError, NothingToExport) as error:
        return fail(str(error))
    if args.output:
        target = Path(args.output).expanduser()
        try:
            write_private_file(target, payload)
        except UnsafeDestination as error:
            return usage_error("-o", f"{error} — write the export somewhere else")
        except OSError as error:
            return fail(f"-o: could not write {target}: {error.strerror or error}")
        out(f"exported to {target} (mode 0600: it holds health data)", err=True)
    else:
        shown = for_terminal(payload) if args.format != "json" and sys.stdout.isatty() else payload
        sys.stdout.buffer.write(shown)
        sys.stdout.flush()
    return EXIT_OK


def for_terminal(payload: bytes) -> bytes:
    """A CSV, .ics or report ``payload`` as shown on a terminal: every control character a visible escape.

    .ics lines end in CRLF: shown as plain line ends; a lone CR (it could overwrite a line) stays escaped.
    """
    text = payload.decode("utf-8", errors="surrogateescape")
    return terminal_safe(text.replace("\r\n", "\n")).encode("utf-8", errors="surrogateescape")
