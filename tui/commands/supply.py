"""``taper-tui supply``: how much medicine the plan needs, and when the bottle runs out or expires.

``--until DATE [--from DATE]`` prints the amount the plan takes between two dates (inclusive) in
the unit the medicine is counted in (:mod:`tui.core.supply`): what to ask the prescriber for.
``--set-bottle SIZE --opened DATE --use-by DATE`` stores the current bottle or pack once; after
that every run also says when it runs out or expires, whichever comes first. Past logged days
count what was logged; today counts at least the planned dose (an intake not logged yet is still
to come out of the bottle); days ahead count the plan (:mod:`tui.core.supply`).

After a switch of form (docs/DOMAIN.md §3.11) each day is counted in the form it uses: a span
across the switch says the tablets for the days before it and the mL for the days after (JSON:
``need.forms``, one object per form; the flat ``amount``/``unit``/tablet fields are null then, as
no one amount is right). A bottle's bare size is in the unit of the form in use the day it was
opened (a unit of the plan's other form may be typed), and it is counted only against the days
of its own form; one no longer used after the switch ends there (JSON ``reason`` "not needed",
``not_needed_after`` its last day).

On a plan with a crossover (docs/DOMAIN.md §3.12) two drugs may both come as tablets, so
``--bottle-drug DRUG`` names the bottle's drug (a brand finds its drug; one the plan does not take
is refused) and is required there; it is stored with the bottle and the bottle is counted against
that drug's intakes only, as is the "you need another" line after it (the other drug is not in
it). On any other plan the drug is the plan's and nothing more is stored. A bottle's problems are
said in the order it is read: its drug (on a crossover plan), its size, then its dates.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from datetime import date

from tui.commands.common import EXIT_OK, fail, today_from, usage_error
from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.formulations import Formulation
from tui.core.intake_drugs import drug_form_on, plan_drugs, plan_intake_drug
from tui.core.plan_model import Plan
from tui.core.supply import (
    SUPPLY_SETTING,
    Bottle,
    FormNeed,
    Need,
    Outlook,
    bottle_need,
    counted,
    drug_forms,
    need_between,
    outlook,
    plan_forms,
    read_bottle,
    stock_unit,
    supply_form_on,
)
from tui.core.validation import ValidationError, parse_plan_date
from tui.store.errors import StoreError
from tui.store.journal import Journal, open_journal
from tui.store.locations import resolve_data_path

_UNIT_WORDS = {
    "mL": ("ml", "millilitres", "milliliters"),
    "tablets": ("tablets", "tablet", "tabs", "tab"),
    "drops": ("drops", "drop"),
    "mg of powder": ("mg of powder", "mg powder", "mg"),
    "mg": ("mg",),
}
"""What a person may type after the bottle size, for each stock unit."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "supply",
        help="how much medicine the plan needs until a date; when the bottle runs out or expires",
        description="How much medicine (mL, tablets with their pieces, drops, mg of powder) the plan needs "
        "between two dates, and — once the bottle is entered with --set-bottle — when it runs out or expires.",
    )
    parser.add_argument("--until", metavar="DATE", help="last day to count (YYYY-MM-DD, +N, tomorrow)")
    parser.add_argument(
        "--from", dest="start", metavar="DATE", default="today", help="first day to count (default today)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    bottle = parser.add_argument_group("enter the current bottle or pack (stored in the data file)")
    bottle.add_argument(
        "--set-bottle", metavar="SIZE", help="how much it held when opened, e.g. 100, '100 mL', '30 tablets'"
    )
    bottle.add_argument("--opened", metavar="DATE", default="today", help="the day it was opened (default today)")
    bottle.add_argument("--use-by", metavar="DATE", help="its use-by date: the last day it may be used")
    bottle.add_argument(
        "--bottle-drug", metavar="DRUG", help="the drug in it (needed on a plan with a crossover), e.g. diazepam"
    )
    parser.set_defaults(handler=run)


def parse_size(text: str, units: Sequence[str]) -> tuple[str, str]:
    """The number and unit in ``100``, ``100 mL`` or ``30 tablets``: a bare number is in
    ``units[0]``; a typed unit must be one of ``units`` (the stock units of the plan's forms)."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z ]*?)\s*", text)
    typed = match.group(2).lower() if match is not None else ""
    unit = next((u for u in units if typed in _UNIT_WORDS[u]), None) if typed else units[0]
    if match is None or unit is None:
        raise ValidationError(
            "--set-bottle", text, f"use the amount in {' or '.join(units)}, e.g. 30 or '30 {units[0]}'"
        )
    return match.group(1), unit


def bottle_drug(plan: Plan, typed: str | None) -> str | None:
    """The drug stored with a new bottle: on a plan with a crossover the one ``typed`` (required, a
    drug of the plan); on any other plan None (a drug typed must be the plan's)."""
    drugs = plan_drugs(plan)
    if typed is None:
        if plan.params.crosses_over:
            raise ValidationError(
                "--bottle-drug",
                "(missing)",
                f"the plan takes {' and '.join(drugs)}: name the bottle's, e.g. {drugs[-1]}",
            )
        return None
    name = plan_intake_drug(plan, typed, "--bottle-drug") or plan.params.drug
    return name if plan.params.crosses_over else None


def bottle_forms(plan: Plan, opened: date, drug: str | None) -> tuple[Formulation, ...]:
    """The forms a new bottle may be counted in, the one in use the day it was opened first: of
    its drug when named, else every form of the plan (a bare size is in the first one's unit)."""
    if drug is None:
        return (supply_form_on(plan, opened), *plan_forms(plan))
    opened_form = drug_form_on(plan, opened, None if drug == plan.params.drug else drug)
    return (*(() if opened_form is None else (opened_form,)), *drug_forms(plan, drug))


def _logged_mg(journal: Journal, start: date, today: date) -> dict[date, DayEntry]:
    """Each logged day with intakes, from ``start`` to ``today`` (days ahead are the plan's); each
    supply counts its own drug's intakes of it (a crossover stage)."""
    entries: list[DayEntry] = journal.days(start, today) if start <= today else []
    return {entry.day: entry for entry in entries if entry.intakes}


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    try:
        start = parse_plan_date(args.start, today, "--from")
        until = None if args.until is None else parse_plan_date(args.until, today, "--until")
        opened = parse_plan_date(args.opened, today, "--opened")
        use_by = None if args.use_by is None else parse_plan_date(args.use_by, today, "--use-by")
        if args.set_bottle is None and args.use_by is not None:
            raise ValidationError("--use-by", args.use_by, "give it with --set-bottle SIZE")
        if args.set_bottle is None and args.bottle_drug is not None:
            raise ValidationError("--bottle-drug", args.bottle_drug, "give it with --set-bottle SIZE")
    except ValidationError as error:
        return usage_error(error.field, f'"{error.value}": {error.allowed}')
    path = resolve_data_path(args.data)
    if not path.exists():
        return fail(f"no data file at {path} yet: make a plan first (taper-tui plan … --save)")
    try:
        with open_journal(path, read_only=args.set_bottle is None) as journal:
            stored = journal.get_plan()
            if not stored:
                return fail("no plan is saved: the supply is worked out from the plan (taper-tui plan … --save)")
            plan = Plan.from_record(stored)
            if args.set_bottle is not None:
                try:  # the bottle as it is read: its drug (which the plan decides), its size, its dates
                    drug = bottle_drug(plan, args.bottle_drug)
                    units = tuple(dict.fromkeys(stock_unit(f) for f in bottle_forms(plan, opened, drug)))
                    size = parse_size(args.set_bottle, units)
                    if use_by is None:
                        raise ValidationError(
                            "--use-by", "(missing)", "give the bottle's use-by date with --use-by YYYY-MM-DD"
                        )
                    new_bottle = Bottle.create(*size, opened, use_by, drug)
                except ValidationError as error:
                    return usage_error(error.field, f'"{error.value}": {error.allowed}')
                journal.update_settings(**{SUPPLY_SETTING: new_bottle.to_record()})
                print(f"saved the bottle in {path}")
            bottle = read_bottle(journal.settings())
            earliest = min(start, bottle.opened) if bottle else start
            logged = _logged_mg(journal, earliest, today)
    except (StoreError, ValidationError) as error:
        return fail(str(error))
    if until is None and bottle is None:
        return usage_error(
            "--until", "give the last day to count, e.g. --until 2027-01-31 (or enter a bottle with --set-bottle)"
        )
    try:
        need = None if until is None else need_between(plan, start, until, logged, today=today)
        seen = None if bottle is None else outlook(plan, bottle, today, logged)
    except ValidationError as error:
        if error.field == SUPPLY_SETTING:  # the stored bottle no longer fits the plan: not a flag's fault
            return fail(f"{error.field}: {error.value}: {error.allowed}")
        return usage_error(error.field, f'"{error.value}": {error.allowed}')
    if args.json:
        print(json.dumps(_as_json(need, seen, today), ensure_ascii=False))
    else:
        print("\n".join(_lines(plan, need, seen, today, logged)))
    return EXIT_OK


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _lines(plan: Plan, need: Need | None, seen: Outlook | None, today: date, logged: dict[date, DayEntry]) -> list[str]:
    lines = []
    if need is not None:
        lines.append(f"From {_day(need.start)} to {_day(need.end)} ({need.days} days) the plan needs {need.describe()}")
        if len(need.parts) == 1:  # across a switch of form each amount names its form
            lines.append(f"  of {need.parts[0].formulation.describe()}.")
        if need.days_before_plan:
            before = format_decimal(plan.dose_before_mg)
            lines.append(f"  {need.days_before_plan} days before the plan starts are counted at {before} mg a day.")
    if seen is not None:
        bottle = seen.bottle
        size = bottle.contents
        lines.append(
            f"Bottle: {size} opened {_day(bottle.opened)}, use by {_day(bottle.use_by)}; "
            f"{counted(seen.left_after, bottle.unit)} left after {_day(seen.as_of)}."
        )
        lines.append(f"It {seen.describe(today)}.")
        if need is not None and need.end >= seen.ends_on:
            # A bottle naming its drug is followed by another of that drug: the other is not in it.
            more = bottle_need(plan, bottle, max(seen.ends_on, need.start), need.end, logged, today)
            span = f"From {_day(more.start)} to {_day(more.end)}"
            if more.parts:
                lines.append(f"{span} you need another {more.describe()}.")
            else:
                lines.append(f"{span} the plan takes no more {bottle.drug}.")
    lines.append("Amounts follow the saved plan; ask your prescriber and pharmacist for what to have in hand.")
    return lines


def _form_json(part: FormNeed) -> dict[str, object]:
    """One form's share of the need (``need.forms``)."""
    return {
        "from": part.start.isoformat(),
        "until": part.end.isoformat(),
        "formulation": part.formulation.describe(),
        "amount": format_decimal(part.amount),
        "unit": part.unit,
        "drug_mg": format_decimal(part.drug_mg),
        "whole_tablets": part.whole_tablets,
        "pieces": part.pieces,
        "piece_name": part.piece_name,
    }


def _as_json(need: Need | None, seen: Outlook | None, today: date) -> dict[str, object]:
    result: dict[str, object] = {"date": today.isoformat()}
    if need is not None:
        forms = [_form_json(part) for part in need.parts]
        only = forms[0] if len(forms) == 1 else dict.fromkeys(forms[0])
        result["need"] = {
            "from": need.start.isoformat(),
            "until": need.end.isoformat(),
            "days": need.days,
            "amount": only["amount"],
            "unit": only["unit"],
            "drug_mg": format_decimal(need.drug_mg),
            "whole_tablets": only["whole_tablets"],
            "pieces": only["pieces"],
            "piece_name": only["piece_name"],
            "days_before_plan": need.days_before_plan,
            "forms": forms,
        }
    if seen is not None:
        result["bottle"] = {
            **seen.bottle.to_record(),
            "left_after_today": format_decimal(seen.left_after),
            "runs_out_on": None if seen.runs_out_on is None else seen.runs_out_on.isoformat(),
            "ends_on": seen.ends_on.isoformat(),
            "reason": seen.reason,
            "not_needed_after": None if seen.not_needed_after is None else seen.not_needed_after.isoformat(),
            "days_left": seen.days_left(today),
        }
    return result
