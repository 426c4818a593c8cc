"""``taper-tui log``: add to one day without opening the app (scripts, cron, aliases).

A run adds, it never silently replaces: ``--dose`` adds an intake (a dose of the drug already
logged at that time replaces that one intake, and the run says so: two doses of one drug at one
time are one dose, logged as their total), each ``--note`` adds a line. Replacing or emptying a field takes
an explicit ``--replace-doses``, ``--replace-note`` or ``--clear FIELD``, so a second command
typed in a fog cannot erase the first one's work. Every run prints what the day now holds.

During a crossover (docs/DOMAIN.md §3.12) a dose of the drug crossed over to names it before the
amount: ``--dose diazepam:5@20:00`` (a brand finds its drug; a drug not in the plan is refused).
A dose without a drug is of the plan's own drug, as before.

A day whose doses look like a typo (:func:`tui.core.plausibility.day_dose_warnings`) is not saved
without ``--yes``.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import timedelta

from tui.commands.common import EXIT_OK, EXIT_USAGE, fail, out, today_from, usage_error, warn
from tui.core.crisis_lines import crisis_lines_for, situation_for
from tui.core.doses import format_decimal
from tui.core.entry import DayEntry, Intake, parse_intake, split_dose_spec
from tui.core.intake_drugs import drug_of, drug_totals_text, logged_drug_intakes, names_day_drugs, plan_intake_drug
from tui.core.plan_model import Plan
from tui.core.plausibility import day_dose_warnings
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM
from tui.core.symptoms import Symptom, catalogue, red_flags_in, symptom_key
from tui.core.validation import ValidationError, parse_day, parse_int, parse_note, parse_phase, parse_sleep_hours
from tui.store.errors import StoreError
from tui.store.journal import DEFAULT_SETTINGS, open_journal
from tui.store.locations import resolve_data_path

CLEARABLE = {
    "anxiety": "anxiety",
    "mood": "mood",
    "sleep": "sleep_hours",
    "sleep-quality": "sleep_quality",
    "phase": "phase",
    "note": "note",
    "doses": "intakes",
    "symptoms": "symptoms",
}
"""``--clear`` names and the :class:`DayEntry` field each empties."""

CLEAR_RATING = "-"
"""``--symptom NAME=-`` removes the rating; ``NAME=0`` stores 0 ("none"), as the app does."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "log",
        help="add to one day's entry",
        description="Add to one day. Fields you don't give keep what is stored; --dose and --note add, "
        "--replace-doses, --replace-note and --clear replace or empty.",
    )
    parser.add_argument("--date", default="today", help="YYYY-MM-DD, today, yesterday or -N (default: today)")
    parser.add_argument(
        "--dose",
        action="append",
        metavar="[DRUG:]MG[@HH:MM]",
        help="a dose taken, e.g. 0.25@08:00; adds an intake. One of the same drug at the same time is replaced "
        "(a correction; the output says what it replaced): two doses of one drug at one time are one dose, "
        "give their total. During a crossover name the drug crossed over to first: diazepam:5@20:00 (no drug: "
        "the plan's own)",
    )
    parser.add_argument("--replace-doses", action="store_true", help="the --dose values become the day's only intakes")
    parser.add_argument("--anxiety", metavar="0-10")
    parser.add_argument("--mood", metavar="0-10", help="0 worst … 10 best")
    parser.add_argument("--sleep", metavar="HOURS", help="hours slept, e.g. 6.5")
    parser.add_argument("--sleep-quality", metavar="1-5")
    parser.add_argument(
        "--symptom",
        action="append",
        metavar="NAME=0-4",
        help=f"e.g. insomnia=2 (repeatable; 0 means none, {CLEAR_RATING} removes the rating)",
    )
    parser.add_argument("--phase", metavar="window|wave|none")
    parser.add_argument(
        "--note", action="append", metavar="TEXT", help="a line added to the day's note (repeatable: one line each)"
    )
    parser.add_argument("--replace-note", action="store_true", help="the --note lines replace the stored note")
    parser.add_argument(
        "--clear",
        action="append",
        metavar="FIELD",
        help="empty a field: " + ", ".join(CLEARABLE) + " (repeatable; applied before the other flags)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="save doses that look wrong (far above the plan or the label)"
    )
    parser.set_defaults(handler=run)


def _apply(
    args: argparse.Namespace,
    entry: DayEntry,
    known_symptoms: set[str],
    plan: Plan | None = None,
    replaced: list[tuple[Intake, Intake]] | None = None,
) -> DayEntry:
    """The entry with each given flag applied; raises ValidationError naming the flag. Each
    logged intake a ``--dose`` replaced is added to ``replaced`` as (old, new)."""
    empty = DayEntry(day=entry.day)
    for name in args.clear or ():
        if name not in CLEARABLE:
            raise ValidationError("--clear", name, "use one of: " + ", ".join(CLEARABLE))
        entry = entry.merged(**{CLEARABLE[name]: getattr(empty, CLEARABLE[name])})
    changes: dict[str, object] = {}
    if args.replace_doses and not args.dose:
        raise ValidationError(
            "--replace-doses", "(no --dose)", "give the new intakes with --dose, or empty them with --clear doses"
        )
    if args.dose:
        intakes = [] if args.replace_doses else list(entry.intakes)
        for spec in args.dose:
            new = _dose(spec, plan)
            old = _add_intake(intakes, new)
            if old is not None and replaced is not None and not args.replace_doses:
                replaced.append((old, new))
        changes["intakes"] = tuple(intakes)
    if args.anxiety is not None:
        changes["anxiety"] = parse_int("--anxiety", args.anxiety, ANXIETY.low, ANXIETY.high)
    if args.mood is not None:
        changes["mood"] = parse_int("--mood", args.mood, MOOD.low, MOOD.high)
    if args.sleep is not None:
        changes["sleep_hours"] = parse_sleep_hours(args.sleep, "--sleep")
    if args.sleep_quality is not None:
        changes["sleep_quality"] = parse_int(
            "--sleep-quality", args.sleep_quality, SLEEP_QUALITY.low, SLEEP_QUALITY.high
        )
    if args.symptom:
        changes["symptoms"] = _rated(entry.symptoms, args.symptom, known_symptoms)
    if args.phase is not None:
        changes["phase"] = parse_phase(args.phase, "--phase")
    if args.replace_note and not args.note:
        raise ValidationError(
            "--replace-note", "(no --note)", "give the new note with --note, or empty it with --clear note"
        )
    if args.note:
        # Each --note is a line, added in the order given (argparse would keep only the last).
        lines = [_note_line(text) for text in args.note]
        if entry.note and not args.replace_note:
            lines.insert(0, entry.note)
        changes["note"] = parse_note("\n".join(lines), "--note")
    return entry.merged(**changes)


def _note_line(text: str) -> str:
    """One ``--note`` value, checked; raises ValidationError naming the flag."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes the terminal's encoding can't decode reach us as lone surrogates, which
        # the data file (UTF-8 JSON) cannot hold: refuse them here, not at save time.
        shown = text.encode("utf-8", "backslashreplace").decode()
        raise ValidationError("--note", shown, "use text your terminal encodes as UTF-8") from None
    return parse_note(text, "--note")


def _dose(spec: str, plan: Plan | None) -> Intake:
    """One ``--dose`` value, ``[DRUG:]MG[@HH:MM]``: the drug checked against the plan's (stored
    only when it is not the plan's own); raises ValidationError naming the flag."""
    typed, amount = split_dose_spec(spec)
    if typed is None:
        return parse_intake(spec, "--dose")
    drug = plan_intake_drug(plan, typed, "--dose drug")
    return replace(parse_intake(amount, "--dose"), drug=drug)


def _add_intake(intakes: list[Intake], intake: Intake) -> Intake | None:
    """Add ``intake``; one of the same drug already logged at the same clock time is replaced in
    its place (a correction) and returned, to be said."""
    if intake.time is not None:
        for index, logged in enumerate(intakes):
            if logged.time == intake.time and logged.drug == intake.drug:
                intakes[index] = intake
                return logged
    intakes.append(intake)
    return None


def _rated(symptoms: dict[str, int], items: list[str], known: set[str]) -> dict[str, int]:
    """``symptoms`` with each ``NAME=N`` (or ``NAME=-``) applied."""
    rated = dict(symptoms)
    for item in items:
        name, sep, level_text = item.partition("=")
        key = symptom_key(name)
        if not sep or not key:
            raise ValidationError(
                "--symptom", item, f"use NAME=N, e.g. insomnia=2 (or insomnia={CLEAR_RATING} to remove it)"
            )
        if key not in known:
            raise ValidationError(
                "--symptom",
                name,
                "use one of: " + ", ".join(sorted(known)) + " (add your own symptom in the app's Log view first)",
            )
        if level_text.strip() == CLEAR_RATING:
            rated.pop(key, None)
        else:
            rated[key] = parse_int(f"--symptom {key}", level_text, SYMPTOM.low, SYMPTOM.high)
    return rated


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
                warn(warning)
            settings = journal.settings()
            symptoms = catalogue(list(settings.custom_symptoms))
            entry = journal.get_day(day) or DayEntry(day=day)
            try:
                plan = journal.plan()
            except ValidationError as error:
                warn(f"the stored plan cannot be read ({error}); doses are checked without it")
                plan = None
            replaced: list[tuple[Intake, Intake]] = []
            try:
                updated = _apply(args, entry, {s.key for s in symptoms}, plan, replaced)
            except ValidationError as error:
                return usage_error(error.field, str(error).split(": ", 1)[1])
            if updated.intakes != entry.intakes and not args.yes:
                warnings = day_dose_warnings(updated, plan, settings, lambda: journal.get_day(day - timedelta(days=1)))
                if warnings:
                    return _refuse_implausible(day.isoformat(), warnings)
            journal.save_day(updated)
    except StoreError as error:
        return fail(str(error))
    out(f"saved {day.isoformat()} in {path}")
    for old, new in replaced:
        if old != new:
            out(f"replaced {_intake_text(old, plan, updated)} by {format_decimal(new.mg)} mg")
    print("\n".join(describe_day(updated, symptoms, plan)))
    flags = red_flags_in(updated.symptoms)
    if flags:
        names = ", ".join(s.label.lower() for s in flags)
        out(f"You logged {names}. Please contact your prescriber now, or a crisis line:")
        for line in crisis_lines_for(settings, situation_for(s.key for s in flags)):
            out(f"  {line.describe()}")
    return EXIT_OK


def _refuse_implausible(day: str, warnings: list[str]) -> int:
    lines = [f"--dose: {day} was not saved — these doses look wrong:"]
    lines += [f"  {warning}" for warning in warnings]
    lines.append("If they are right, run the same command again with --yes.")
    return fail("\n".join(lines), EXIT_USAGE)


def describe_day(entry: DayEntry, symptoms: list[Symptom], plan: Plan | None = None) -> list[str]:
    """What ``entry`` holds, one indented line per part, user text made safe for a terminal; on a
    day of two drugs each intake and the daily total name their drug."""
    if entry.intakes:
        # In time order (a dose added later is listed where it was taken), the plan's own drug
        # first at one time, the untimed last.
        order = sorted(entry.intakes, key=lambda i: (i.time is None, i.time or "", i.drug is not None))
        timed = entry.merged(intakes=tuple(order))
        if names_day_drugs(plan, entry):
            # Each dose names its drug, in its own form, as the app's views say it.
            doses = logged_drug_intakes(plan, timed)
            doses += f" (daily total {drug_totals_text(plan, entry.intakes)})"
        else:
            doses = " · ".join(_intake_text(i, plan, entry) for i in timed.intakes)
            doses += f" (daily total {format_decimal(entry.total_mg)} mg)"
    else:
        doses = "none logged"
    labels = {s.key: s.label for s in symptoms}
    rated = ", ".join(
        f"{_terminal_safe(labels.get(key, key))} {level} {SYMPTOM.label(level)}"
        for key, level in sorted(entry.symptoms.items())
    )
    sleep = "not logged" if entry.sleep_hours is None else f"{format_decimal(entry.sleep_hours)} h"
    quality = (
        "not logged"
        if entry.sleep_quality is None
        else f"{entry.sleep_quality} {SLEEP_QUALITY.label(entry.sleep_quality)}"
    )
    lines = [
        f"{entry.day.isoformat()} now holds:",
        f"  doses: {doses}",
        f"  {_rating('anxiety', entry.anxiety, ANXIETY.high)} · {_rating('mood', entry.mood, MOOD.high)}",
        f"  sleep {sleep} · quality {quality}",
        f"  symptoms: {rated or 'none rated'}",
        f"  phase: {entry.phase or 'neither window nor wave'}",
    ]
    if entry.note:
        lines.append("  note:")
        lines += [f"    {_terminal_safe(line)}" for line in entry.note.split("\n")]
    else:
        lines.append("  note: none")
    return lines


def _intake_text(intake: Intake, plan: Plan | None, entry: DayEntry) -> str:
    """``20:00 diazepam 10 mg`` (``0.25 mg (no time)``): the drug named on a day of two drugs."""
    drug = f"{drug_of(plan, intake)} " if names_day_drugs(plan, entry) else ""
    dose = f"{drug}{format_decimal(intake.mg)} mg"
    return f"{intake.time} {dose}" if intake.time else f"{dose} (no time)"


def _rating(name: str, value: int | None, high: int) -> str:
    return f"{name} not logged" if value is None else f"{name} {value} /{high}"


def _terminal_safe(text: str) -> str:
    """``text`` with every control or format character shown as an escape (``\\x1b``), never sent raw.

    A note is the person's data, stored exactly as typed; printed raw, an escape sequence in it
    could retitle the window, write the clipboard or hide the lines around it.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
