"""``taper-tui status``: one line for a shell prompt, a tmux status bar or a daily reminder.

``Step 16/44 · today 0.131 mg = 1.31 mL ×2 · logged ✓ · next cut Mon 7 Dec (7 d)``

Each intake is shown in mg and in the unit the person measures, exactly as the plan's step
holds it (:attr:`Step.intake_doses`): the same text the Schedule shows, never re-rounded.

On a crossover day (docs/DOMAIN.md §3.12) each intake names its drug(s)
(``clonazepam 0.5 mg = 1 tab · clonazepam 0.25 mg = ½ tab + diazepam 5 mg = 1 tab``) and no figure
adds two drugs' mg: ``daily_mg`` is empty (null in JSON) and ``daily`` gives each drug's total.

Exit codes, so scripts can act (``taper-tui status -q || notify-send …``):

==== =====================================================================================
0    today is logged: every intake the plan sets for today (see :func:`is_logged`)
1    not yet — including a day with some of its intakes logged (the line then says
     ``1 of 2 intakes logged``), so an evening reminder still fires for the evening dose
2    a bad flag (argparse's own usage code, as every subcommand)
3    there is no data file yet: nothing to remind about, and a reminder must not say "not
     logged" to someone who has not started (and must not create the file by asking)
4    the data file cannot be read (damaged, too new): named on stderr, never touched
==== =====================================================================================

It runs on every prompt, so it opens the file read-only (no writer lock: the app may hold it)
and imports only the journal, the plan model and the settings rules — no Textual, no planner, no exports.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
from dataclasses import dataclass
from datetime import date

from tui.commands.common import today_from, usage_error
from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.intake_drugs import every_intake_logged, intakes_expected, intakes_logged, partly_logged
from tui.core.plan_model import Plan
from tui.core.step_drugs import intake_parts, names_drugs, step_drug_totals
from tui.core.terminal_text import terminal_safe
from tui.core.validation import ValidationError
from tui.store.errors import StoreError
from tui.store.locations import resolve_data_path

EXIT_LOGGED = 0
EXIT_NOT_YET = 1
EXIT_NO_DATA_FILE = 3
EXIT_UNREADABLE = 4

FIELDS = {
    "line": "the whole default line",
    "step": "16/44 (empty without a plan or before it starts)",
    "dose": "0.131 mg = 1.31 mL ×2 (each intake, mg = measured unit)",
    "daily_mg": "today's planned total in mg, e.g. 0.262 (empty on a crossover day: see {daily})",
    "daily": "today's planned total of each drug, e.g. 0.262 mg = 2.62 mL or clonazepam 0.75 mg + diazepam 5 mg",
    "logged": "✓ when every planned intake is logged, '1 of 2' when some are, else 'not yet'",
    "logged_mg": "the total logged today in mg (0 when nothing)",
    "next_cut": "Mon 7 Dec (empty when no cut is left)",
    "days_to_cut": "7 (empty when no cut is left)",
}
"""``--format`` fields and what each holds."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "status",
        help="print one line: step, today's dose, logged or not, next cut (exit 0 logged, 1 not yet)",
        description="Print today's state in one line for a prompt, a status bar or a reminder. Exit codes: 0 today "
        "is logged, 1 not yet, 2 bad flag, 3 no data file yet, 4 the data file cannot be read.",
        epilog="--format fields: " + "; ".join(f"{{{name}}} {meaning}" for name, meaning in FIELDS.items()),
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print one JSON object instead")
    shape.add_argument("--format", metavar="TEXT", help="print TEXT with {fields} filled in, e.g. '{dose} {logged}'")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing; only the exit code")
    parser.set_defaults(handler=run)


@dataclass(frozen=True)
class Status:
    """Today's state, computed from the plan and today's entry alone (see :func:`status_of`)."""

    today: date
    has_plan: bool
    step_number: int | None
    """1-based index of today's step; None without a plan or before it starts."""
    steps: int
    daily_mg: str | None
    """Today's planned total (exact decimal text); None without a plan or before it starts."""
    intakes: tuple[tuple[str, str], ...]
    """Each planned intake as ``(mg text, measured text)``, e.g. ``("0.131", "1.31 mL")``; the
    measured text comes from the data file, so it is made terminal-safe here."""
    logged: bool
    logged_mg: str
    starts_on: date | None
    """The plan's first day when today is before it."""
    next_cut: date | None
    intakes_logged: int = 0
    """How many intakes today's entry holds (:func:`~tui.core.intake_drugs.intakes_logged`: the
    rows at one time are one intake, whatever their drugs; any time, any dose)."""
    drug_intakes: tuple[tuple[tuple[str, str, str], ...], ...] = ()
    """On a crossover day (then :attr:`intakes` is empty): each planned intake's drugs as
    ``(drug, mg text, measured text)``, terminal-safe."""
    daily: str = ""
    """Today's planned total of each drug (``clonazepam 0.75 mg + diazepam 5 mg``), terminal-safe."""

    @property
    def planned_intakes(self) -> int:
        """How many intakes the plan sets today."""
        return len(self.drug_intakes) or len(self.intakes)

    @property
    def partly_logged(self) -> str | None:
        """``1 of 2`` when some but not all of today's planned intakes are logged, else None."""
        return None if self.logged else partly_logged(self.intakes_logged, self.planned_intakes)

    @property
    def days_to_cut(self) -> int | None:
        return None if self.next_cut is None else (self.next_cut - self.today).days

    def dose_text(self) -> str:
        """``0.131 mg = 1.31 mL ×2``, or each intake joined by `` and `` when they differ (not ``+``:
        ``0.875 mg = 1 ¾ tab + 1 mg = 2 tab`` reads as one sum; not `` · ``, which parts the fields)."""
        if self.drug_intakes:  # a crossover day: each intake's drugs, named
            return " and ".join(
                " + ".join(f"{drug} {_measured(mg, measured)}" for drug, mg, measured in parts)
                for parts in self.drug_intakes
            )
        if not self.intakes:
            return f"{self.daily_mg} mg" if self.daily_mg is not None else ""
        shown = [_measured(mg, measured) for mg, measured in self.intakes]
        if len(set(shown)) == 1 and len(shown) > 1:
            return f"{shown[0]} ×{len(shown)}"
        return " and ".join(shown)

    def fields(self) -> dict[str, str]:
        """The ``--format`` fields (:data:`FIELDS`), every value a plain string."""
        return {
            "line": self.line(),
            "step": "" if self.step_number is None else f"{self.step_number}/{self.steps}",
            "dose": self.dose_text(),
            "daily_mg": self.daily_mg or "",
            "daily": self.daily,
            "logged": "✓" if self.logged else self.partly_logged or "not yet",
            "logged_mg": self.logged_mg,
            "next_cut": "" if self.next_cut is None else short_day(self.next_cut),
            "days_to_cut": "" if self.days_to_cut is None else str(self.days_to_cut),
        }

    def line(self) -> str:
        """The default one-line status."""
        partly = self.partly_logged
        logged = "logged ✓" if self.logged else f"{partly} intakes logged" if partly else "not logged yet"
        if not self.has_plan:
            today = f"today {self.logged_mg} mg logged ✓" if self.logged else "today not logged yet"
            return f"No plan · {today}"
        parts = []
        if self.starts_on is not None:
            parts.append(f"Plan starts {short_day(self.starts_on)} ({(self.starts_on - self.today).days} d)")
        else:
            parts.append(f"Step {self.step_number}/{self.steps}")
            parts.append(f"today {self.dose_text()}")
        parts.append(logged)
        if self.next_cut is not None and self.next_cut != self.starts_on:
            parts.append(f"next cut {short_day(self.next_cut)} ({self.days_to_cut} d)")
        elif self.starts_on is None:
            parts.append("no cut left")
        return " · ".join(parts)

    def to_json(self) -> dict[str, object]:
        """Plain JSON: decimal strings, ISO dates, null for "none"."""
        return {
            "date": self.today.isoformat(),
            "plan": self.has_plan,
            "step": self.step_number,
            "steps": self.steps if self.has_plan else None,
            "daily_mg": self.daily_mg,
            "daily": self.daily or None,
            "intakes": [
                {"drugs": [{"drug": drug, "mg": mg, "measured": measured} for drug, mg, measured in parts]}
                for parts in self.drug_intakes
            ]
            or [{"mg": mg, "measured": measured} for mg, measured in self.intakes],
            "logged": self.logged,
            "logged_mg": self.logged_mg,
            "intakes_logged": self.intakes_logged,
            "intakes_planned": self.planned_intakes if self.step_number is not None else None,
            "plan_starts": None if self.starts_on is None else self.starts_on.isoformat(),
            "next_cut": None if self.next_cut is None else self.next_cut.isoformat(),
            "days_to_cut": self.days_to_cut,
            "line": self.line(),
        }


def _measured(mg: str, measured: str) -> str:
    """``0.131 mg = 1.31 mL`` (``0.5 mg`` when measured in mg)."""
    return f"{mg} mg" if measured == f"{mg} mg" else f"{mg} mg = {measured}"


def short_day(day: date) -> str:
    """``Mon 7 Dec``: a date within the coming weeks, as a prompt has room for."""
    return f"{day:%a} {day.day} {day:%b}"


def is_logged(plan_intakes: int, entry: DayEntry | None) -> bool:
    """Today counts as logged when it holds every intake the plan sets for it
    (:func:`~tui.core.intake_drugs.every_intake_logged`: an intake time is logged by a dose of any
    drug logged at it, so a crossover night of two drugs is one intake); on a day the plan sets nothing to take
    (0 mg, or no plan), when anything is logged."""
    if plan_intakes == 0:
        return entry is not None and not entry.is_empty()
    return every_intake_logged(entry, plan_intakes)


def status_of(plan: Plan | None, entry: DayEntry | None, today: date) -> Status:
    """Today's :class:`Status` from the stored plan and today's entry (pure: no file, no clock)."""
    logged_mg = format_decimal(entry.total_mg) if entry else "0"
    if plan is None:
        return Status(today, False, None, 0, None, (), is_logged(0, entry), logged_mg, None, None)
    index = plan.step_index_on(today)
    next_cut = plan.next_cut_on_or_after(today)
    if index is None:
        first = plan.steps[0]
        return Status(
            today, True, None, len(plan.steps), None, (), is_logged(0, entry), logged_mg, first.start, first.start
        )
    step = plan.steps[index]
    crossover = names_drugs(step)
    intakes = tuple(
        (format_decimal(mg), terminal_safe(measured))
        for mg, measured in zip(step.intake_mg, step.intake_doses, strict=False)
        if mg > 0 and not crossover
    )
    drug_intakes = tuple(
        tuple((terminal_safe(drug), format_decimal(mg), terminal_safe(measured)) for drug, mg, measured in parts)
        for parts in (intake_parts(plan, step) if crossover else ())
        if any(mg > 0 for _drug, mg, _measured in parts)
    )
    logged_count = intakes_logged(entry)
    logged = is_logged(intakes_expected(plan, today) or 0, entry)  # the one count of the day's intakes
    return Status(
        today=today,
        has_plan=True,
        step_number=index + 1,
        steps=len(plan.steps),
        daily_mg=None if crossover else format_decimal(step.dose_mg),
        intakes=intakes,
        logged=logged,
        logged_mg=logged_mg,
        starts_on=None,
        next_cut=None if next_cut is None else next_cut.start,
        intakes_logged=logged_count,
        drug_intakes=drug_intakes,
        daily=terminal_safe(step_drug_totals(plan, step)),
    )


def check_format(text: str) -> None:
    """Refuse a ``--format`` that names an unknown field or uses anything but ``{name}``."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError("--format", text, f"use {{field}} with single braces ({error})") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS or spec or conversion:
            typed = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValidationError("--format", typed, "use one of: " + ", ".join(f"{{{f}}}" for f in FIELDS))


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    if args.format is not None:
        try:
            check_format(args.format)
        except ValidationError as error:
            return usage_error(error.field, f'"{error.value}": {error.allowed}')
    path = resolve_data_path(args.data)
    if not path.exists():
        # Opening would create the file and its folder; a prompt must never do that.
        if args.json:
            print(json.dumps({"date": today.isoformat(), "data_file": None, "line": "no data file yet"}))
        elif not args.quiet:
            print("taper-tui: no data file yet")
        return EXIT_NO_DATA_FILE
    from tui.store.journal import open_journal  # after the cheap checks: most of the start-up time

    try:
        with open_journal(path, read_only=True) as journal:
            stored = journal.get_plan()
            plan = Plan.from_record(stored) if stored else None
            status = status_of(plan, journal.get_day(today), today)
    except (StoreError, ValidationError) as error:
        print(f"taper-tui: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps(status.to_json(), ensure_ascii=False))
    elif args.format is not None:
        print(args.format.format_map(status.fields()))
    elif not args.quiet:
        print(status.line())
    return EXIT_LOGGED if status.logged else EXIT_NOT_YET
