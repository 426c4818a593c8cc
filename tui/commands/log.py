"""``taper-tui log``: add or update one day without opening the app (scripts, cron, aliases)."""

from __future__ import annotations

import argparse
import sys

from tui.commands.common import EXIT_OK, fail, today_from, usage_error
from tui.core.entry import DayEntry, parse_intake
from tui.core.safety import crisis_lines
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM
from tui.core.symptoms import catalogue, red_flags_in, symptom_key
from tui.core.validation import ValidationError, parse_day, parse_int, parse_note, parse_phase, parse_sleep_hours
from tui.store.errors import StoreError
from tui.store.journal import DEFAULT_SETTINGS, open_journal
from tui.store.locations import resolve_data_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "log",
        help="add or update one day's entry",
        description="Add or update one day. Fields you don't give keep what is stored.",
    )
    parser.add_argument("--date", default="today", help="YYYY-MM-DD, today, yesterday or -N (default: today)")
    parser.add_argument("--dose", action="append", metavar="MG[@HH:MM]", help="a dose taken, e.g. 0.25@08:00 (repeat for each intake; replaces the day's intakes)")
    parser.add_argument("--anxiety", metavar="0-10")
    parser.add_argument("--mood", metavar="0-10", help="0 worst … 10 best")
    parser.add_argument("--sleep", metavar="HOURS", help="hours slept, e.g. 6.5")
    parser.add_argument("--sleep-quality", metavar="1-5")
    parser.add_argument("--symptom", action="append", metavar="NAME=0-4", help="e.g. insomnia=2 (repeatable; 0 clears it)")
    parser.add_argument("--phase", metavar="window|wave|none")
    parser.add_argument("--note", help="free text (replaces the stored note)")
    parser.set_defaults(handler=run)


def _apply(args: argparse.Namespace, entry, known_symptoms: set[str]):
    """The entry with each given flag applied; raises ValidationError naming the flag."""
    changes = {}
    if args.dose is not None:
        changes["intakes"] = tuple(parse_intake(spec, "--dose") for spec in args.dose)
    if args.anxiety is not None:
        changes["anxiety"] = parse_int("--anxiety", args.anxiety, ANXIETY.low, ANXIETY.high)
    if args.mood is not None:
        changes["mood"] = parse_int("--mood", args.mood, MOOD.low, MOOD.high)
    if args.sleep is not None:
        changes["sleep_hours"] = parse_sleep_hours(args.sleep, "--sleep")
    if args.sleep_quality is not None:
        changes["sleep_quality"] = parse_int("--sleep-quality", args.sleep_quality, SLEEP_QUALITY.low, SLEEP_QUALITY.high)
    if args.symptom:
        symptoms = dict(entry.symptoms)
        for item in args.symptom:
            name, sep, level_text = item.partition("=")
            key = symptom_key(name)
            if not sep or not key:
                raise ValidationError("--symptom", item, "use NAME=N, e.g. insomnia=2")
            if key not in known_symptoms:
                raise ValidationError(
                    "--symptom", name, "use one of: " + ", ".join(sorted(known_symptoms)) +
                    " (add your own symptom in the app's Log view first)")
            level = parse_int(f"--symptom {key}", level_text, SYMPTOM.low, SYMPTOM.high)
            if level:
                symptoms[key] = level
            else:
                symptoms.pop(key, None)
        changes["symptoms"] = symptoms
    if args.phase is not None:
        changes["phase"] = parse_phase(args.phase, "--phase")
    if args.note is not None:
        try:
            args.note.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes the terminal's encoding can't decode reach us as lone surrogates, which
            # the data file (UTF-8 JSON) cannot hold: refuse them here, not at save time.
            raise ValidationError("--note", args.note.encode("utf-8", "backslashreplace").decode(), "use text your terminal encodes as UTF-8") from None
        changes["note"] = parse_note(args.note, "--note")
    return entry.merged(**changes)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    try:
        day = parse_day(args.date, today, "--date")
    except ValidationError as error:
        return usage_error(error.field, str(error).split(": ", 1)[1])
    path = resolve_data_path(args.data)
    if not path.exists():
        # Opening a new journal creates the file, so check every flag first: bad input on a
        # first run must leave nothing behind. A new file has only the default symptoms.
        try:
            _apply(args, DayEntry(day=day), {s.key for s in catalogue(DEFAULT_SETTINGS["custom_symptoms"])})
        except ValidationError as error:
            return usage_error(error.field, str(error).split(": ", 1)[1])
    try:
        with open_journal(path) as journal:
            for warning in journal.warnings:
                print(f"taper-tui: {warning}", file=sys.stderr)
            settings = journal.settings()
            known = {s.key for s in catalogue(settings["custom_symptoms"])}
            entry = journal.get_day(day) or DayEntry(day=day)
            try:
                updated = _apply(args, entry, known)
            except ValidationError as error:
                return usage_error(error.field, str(error).split(": ", 1)[1])
            journal.save_day(updated)
            region = settings["region"]
    except StoreError as error:
        return fail(str(error))
    print(f"saved {day.isoformat()} in {path}")
    flags = red_flags_in(updated.symptoms)
    if flags:
        names = ", ".join(s.label.lower() for s in flags)
        print(f"You logged {names}. Please contact your prescriber now, or a crisis line:")
        for line in crisis_lines(region):
            print(f"  {line}")
    return EXIT_OK
