"""``taper-tui plan --show | --hold-days N | --slow-down PCT | --return-to-stable``: the stored plan.

Rule: each change is the same core function the Schedule view calls (:mod:`tui.core.plan_changes`),
recorded with its reason as a plan event; a bad value is a usage error naming the flag, and
nothing is written then. Nothing here changes a dose by itself: the person asked for it.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from tui.commands.common import EXIT_OK, EXIT_USAGE, fail, usage_error
from tui.commands.plan_output import print_plan
from tui.core import plan_input
from tui.core.hold_suggestion import suggest_hold_for_plan
from tui.core.plan_changes import PlanChangeError, hold, return_to_stable, slow_down
from tui.core.planner import MAX_STEP_DAYS
from tui.core.validation import ValidationError, parse_int
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import resolve_data_path

_FIELD_FLAGS = {
    "tablet strength": "--tablet",
    "tablet weight": "--tablet-weight",
    "linear": "--linear-mg",
    "hold-days": "--hold-days",
    "plan.steps": "--data",
    "plan.params": "--data",
    "plan": "--data",
    "plan.version": "--data",
}
"""A stored field's name → the flag a message names (the rest are ``--`` and the name)."""


def flag_of(field: str) -> str:
    """The flag to name in a message about ``field``."""
    return _FIELD_FLAGS.get(field, field if field.startswith("--") else f"--{field.replace(' ', '-')}")


def parse_days(flag: str, text: str, low: int = 0) -> int:
    """A number of days given to ``flag``, ``low`` to a year."""
    return parse_int(flag, text, low, MAX_STEP_DAYS)


def event_time(today: date) -> datetime:
    """The event time: now, on ``--today``'s date when it is given (tests, screenshots)."""
    return datetime.combine(today, datetime.now().time().replace(microsecond=0))


def change_stored(args: argparse.Namespace, today: date) -> int:
    """Show the stored plan, or hold, slow or return it to stable as the flags say; the exit code."""
    path = resolve_data_path(args.data)
    at = event_time(today)
    try:
        with open_journal(path, read_only=args.show) as journal:
            plan = journal.plan()
            if plan is None:
                return fail("no plan is stored yet — create one with: taper-tui plan --dose MG … --save", EXIT_USAGE)
            if args.show:
                print_plan(
                    plan,
                    args.json,
                    {"hold_suggestion": suggest_hold_for_plan(journal.days(), plan, journal.events(), today)},
                )
                return EXIT_OK
            if args.hold_days is not None:
                new_plan, event = hold(plan, parse_days("--hold-days", args.hold_days, 1), today, at, args.reason)
            elif args.slow_down is not None:
                cut = plan_input.parse_cut({plan_input.SLOWER_CUT.key: args.slow_down}, plan_input.SLOWER_CUT)
                new_plan, event = slow_down(plan, cut, today, at, args.reason)
            else:
                if not args.reason.strip():
                    raise ValidationError("--reason", "", "say why you return to the last stable dose (it is recorded)")
                hold_days = parse_days("--hold", args.hold, 1) if args.hold not in (None, "0") else None
                new_plan, event = return_to_stable(plan, today, at, args.reason, hold_days=hold_days)
            journal.save_plan(new_plan.to_record(), event)
    except plan_input.PlanInputError as error:
        return fail(error.text(plan_input.Surface.CLI), EXIT_USAGE)
    except ValidationError as error:
        return usage_error(flag_of(error.field), str(error).split(": ", 1)[1])
    except PlanChangeError as error:
        return fail(str(error), EXIT_USAGE)
    except StoreError as error:
        return fail(str(error))
    print_plan(new_plan, args.json, {"event": event})
    return EXIT_OK
