"""``taper-tui export``: JSON (default), CSV, the prescriber report or an .ics calendar.

Output goes to stdout or, with ``-o``, to a file written 0600 (exports hold health data).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from tui.commands.common import EXIT_OK, fail, today_from, usage_error
from tui.core.plan_model import Plan
from tui.core.validation import ValidationError
from tui.exchange.calendar_export import schedule_ics
from tui.exchange.csv_export import days_csv, steps_csv
from tui.exchange.json_export import dumps_export, export_document
from tui.exchange.report import build_report, render_html, render_markdown, render_text
from tui.exchange.private_file import write_private_file
from tui.store.errors import StoreError
from tui.store.journal import Journal, open_journal
from tui.store.locations import resolve_data_path


def _render_json(journal: Journal, args: argparse.Namespace) -> bytes:
    document = export_document(journal.days(), journal.get_plan(), journal.events(), datetime.now().astimezone(), journal.settings())
    return dumps_export(document)


class NothingToExport(Exception):
    """The chosen format needs something the data file does not hold yet (e.g. a plan)."""


def _stored_plan(journal: Journal) -> Plan | None:
    record = journal.get_plan()
    if record is None:
        return None
    try:
        return Plan.from_record(record)
    except ValidationError as error:
        raise NothingToExport(f"the stored plan cannot be read ({error}); re-save it in the app") from None


def _render_csv(journal: Journal, args: argparse.Namespace) -> bytes:
    if args.what == "steps":
        plan = _stored_plan(journal)
        if plan is None:
            raise NothingToExport("there is no plan yet, so no steps to export; make one in the app or with `taper-tui plan`")
        return steps_csv(plan).encode()
    return days_csv(journal.days(), _stored_plan(journal), journal.settings()).encode()


def _render_ics(journal: Journal, args: argparse.Namespace) -> bytes:
    plan = _stored_plan(journal)
    if plan is None:
        raise NothingToExport("there is no plan yet, so no schedule to put in a calendar; make one first")
    return schedule_ics(plan, datetime.now().astimezone())


def _report_renderer(render: Callable[..., str]) -> Callable[[Journal, argparse.Namespace], bytes]:
    def render_report(journal: Journal, args: argparse.Namespace) -> bytes:
        report = build_report(journal.days(), _stored_plan(journal), journal.events(), journal.settings(), today_from(args))
        return render(report).encode()

    return render_report


RENDERERS: dict[str, Callable[[Journal, argparse.Namespace], bytes]] = {
    "json": _render_json,
    "csv": _render_csv,
    "ics": _render_ics,
    "report": _report_renderer(render_markdown),
    "text": _report_renderer(render_text),
    "html": _report_renderer(render_html),
}
"""Export formats by name; each turns the open journal into the bytes to write."""

WHAT_CHOICES = ("days", "steps")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export the data: JSON (default), CSV, the prescriber report, a calendar", description="Export everything as JSON (lossless; `taper-tui import` reads it back), the days or the steps as CSV, a one-page report for your prescriber, or the schedule as an .ics calendar. Exports hold health data and are written 0600.")
    parser.add_argument("--format", default="json", choices=sorted(RENDERERS), help="json (lossless, default), csv, report (Markdown for your prescriber), text (the report in 80 columns), html, ics (the schedule as a calendar)")
    parser.add_argument("--what", choices=WHAT_CHOICES, help="for --format csv: one row per logged day (default) or per step of the plan")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (mode 0600) instead of standard output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.what and args.format != "csv":
        return usage_error("--what", f'only applies to --format csv (not "{args.format}")')
    args.what = args.what or "days"
    path = resolve_data_path(args.data)
    if not path.exists():
        return fail(f"there is no data file at {path} yet; log a day or open the app first")
    try:
        with open_journal(path, read_only=True) as journal:
            payload = RENDERERS[args.format](journal, args)
    except (StoreError, NothingToExport) as error:
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
