"""``taper-tui plan``: compute a taper schedule, print it, and (with ``--save``) store it.

Also changes the stored plan on request: ``--hold-days N``, ``--slow-down PCT``,
``--return-to-stable --reason TEXT`` — the same core functions the Schedule view calls.
Every schedule is for discussion with the prescriber; nothing here changes a dose by itself.

This module holds the flags and the new plan's run; the printed table and ``--json`` are in
:mod:`tui.commands.plan_output`, the changes to a stored plan in :mod:`tui.commands.plan_change`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from typing import Any

from tui.commands.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, fail, out, today_from, usage_error
from tui.commands.plan_change import change_stored, event_time, flag_of
from tui.commands.plan_output import DISCLAIMER, print_plan
from tui.core import plan_input
from tui.core.hold_suggestion import suggest_hold_for_plan
from tui.core.plan_changes import PlanChangeError, creation_event, replan, replan_hold_days
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.validation import ValidationError
from tui.store.errors import StoreError
from tui.store.journal import open_journal
from tui.store.locations import resolve_data_path

_THEN_FLAGS = (
    *(f for kind in plan_input.THEN_FORM_FIELDS.kinds for f in kind.fields if f is not plan_input.THEN_TABLET),
    plan_input.THEN_TABLET,
)
"""The second form's flags (``--then-liquid`` …), each once, read from the one field list."""

_TO_FLAGS = (
    *(f for kind in plan_input.TO_FORM_FIELDS.kinds for f in kind.fields if f is not plan_input.TO_TABLET),
    plan_input.TO_TABLET,
)
"""The flags of the form of the drug crossed over to (``--to-tablet`` …), from the one field list."""
_CROSSOVER_FLAGS = (
    plan_input.CROSSOVER_TO,
    plan_input.CROSSOVER_STAGES,
    plan_input.CROSSOVER_EVERY,
    plan_input.CROSSOVER_FIRST,
    plan_input.EQUIVALENCE,
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="compute a taper schedule (--save to store it; --hold-days/--slow-down/--return-to-stable change it)",
        description="Compute a dated taper schedule in doses you can measure. " + DISCLAIMER,
    )
    what = parser.add_argument_group("the taper")
    what.add_argument("--drug", default="clonazepam", help="drug name (default clonazepam)")
    what.add_argument("--dose", metavar="MG", help="current daily dose in mg, e.g. 1")
    what.add_argument(
        "--method", default="proportional", choices=[m.value for m in Method], help="default proportional"
    )
    what.add_argument("--cut", metavar="PCT", default="10", help="%% of the current dose cut each step (default 10)")
    what.add_argument("--every", metavar="DAYS", default="14", help="days per step (default 14)")
    what.add_argument("--start", metavar="YYYY-MM-DD", help="first day of the plan (default today)")
    what.add_argument(
        "--hold",
        metavar="DAYS",
        help="days at the current dose before the first cut (default 0; re-planning a stored plan, one full step "
        "or a running hold's days left: --hold 0 cuts on the start day)",
    )
    what.add_argument("--jump-off", metavar="MG", help="from this dose or below, the next step is 0 mg")
    what.add_argument("--target", metavar="MG", default="0", help="final dose (default 0)")
    what.add_argument("--intakes", metavar="N", help="intakes per day, 1 to 6, split evenly (default 1)")
    what.add_argument("--split-doses", metavar="MG,MG", help="each intake's dose, e.g. 0.25,0.25 or 0.25+0.25")
    what.add_argument(
        "--cut-first", metavar="N", default="1", help="which intake takes an uneven cut first (1 = first)"
    )
    what.add_argument(
        "--order",
        default="even",
        choices=["even", "sequential"],
        help="how a cut is shared between intakes: even (default) or sequential (the --cut-first intake to 0 first)",
    )
    what.add_argument(
        "--below",
        metavar="MG:PCT:DAYS",
        action="append",
        help="repeatable: from this dose down cut PCT %% (or e.g. 0.5mg) every DAYS, e.g. --below 20:1mg:14",
    )
    what.add_argument(
        "--lengthen", action="store_true", help="lengthen a step instead of a bigger one-increment cut pace"
    )
    what.add_argument(
        "--linear-mg", metavar="MG", help="linear method: mg cut each step (default --cut %% of the start dose)"
    )
    what.add_argument("--emax", metavar="PCT", help="occupancy method: maximum occupancy %%")
    what.add_argument("--ec50", metavar="MG", help="occupancy method: dose giving half the maximum")
    what.add_argument("--steps", metavar="N", default="8", help="occupancy method: number of steps (default 8)")
    what.add_argument(
        "--custom",
        metavar="DATE=MG,…",
        help="custom method: dated doses, e.g. 2027-01-04=1,2027-01-18=0.9; per intake 2027-01-04=9+10",
    )
    form = parser.add_argument_group("how the dose is measured (default a 0.01 mg increment)")
    form.add_argument("--increment", metavar="MG", help="a raw measurable increment in mg")
    form.add_argument("--tablet", metavar="MG", help="tablet strength in mg")
    form.add_argument("--split", metavar="N", help="pieces per tablet: 1, 2 or 4 (default 1)")
    form.add_argument("--liquid", metavar="MG_PER_ML", help="liquid concentration in mg/mL")
    form.add_argument("--resolution", metavar="ML", default="0.1", help="syringe resolution in mL (default 0.1)")
    form.add_argument("--drops", metavar="MG", nargs="?", const="0.1", help="drops; mg per drop (default 0.1)")
    form.add_argument("--scale", metavar="MG", help="scale readability in mg (with --tablet and --tablet-weight)")
    form.add_argument("--tablet-weight", metavar="MG", help="weight of one tablet in mg (for --scale)")
    then = parser.add_argument_group(
        "a switch of form partway (e.g. tablets, then a liquid): --switch-below MG and the second form's flags"
    )
    then.add_argument("--switch-below", metavar="MG", help="from the first step below this dose, use the second form")
    for field in _THEN_FLAGS:
        extra: dict[str, Any] = {"nargs": "?", "const": "0.1"} if field is plan_input.THEN_DROPS else {}
        then.add_argument(field.flag, metavar=field.metavar, help=f"second form: {field.hint}", **extra)
    cross = parser.add_argument_group(
        "a crossover to another drug first (docs/DOMAIN.md §3.12): --crossover-to DRUG, its stages and the new "
        "drug's form (--to-tablet …); the taper's pace, bands, jump-off and target are then in mg of the new drug"
    )
    for field in (*_CROSSOVER_FLAGS, *_TO_FLAGS):
        extra = {"nargs": "?", "const": "0.1"} if field is plan_input.TO_DROPS else {}
        cross.add_argument(field.flag, metavar=field.metavar, help=field.hint, **extra)
    out = parser.add_argument_group("output and storing")
    out.add_argument(
        "--json",
        action="store_true",
        help="machine-readable output; a step's flags are the stable codes (over_10, too_coarse …) for scripts, "
        "where the table shows signs (! >10%%, ◇ coarse …)",
    )
    out.add_argument(
        "--save", action="store_true", help="store as the active plan (a stored plan is re-planned from --start)"
    )
    out.add_argument(
        "--yes", action="store_true", help="confirm cuts above 25 %% in 14 days or a stop above the jump-off"
    )
    out.add_argument("--reason", default="", help="why (recorded with the change)")
    change = parser.add_argument_group("changing the stored plan")
    change.add_argument("--show", action="store_true", help="print the stored plan")
    change.add_argument("--hold-days", metavar="N", help="hold the current dose N days longer (later steps move)")
    change.add_argument("--slow-down", metavar="PCT", help="cut this %% from the next step on")
    change.add_argument(
        "--return-to-stable", action="store_true", help="go back up to the last stable dose (needs --reason)"
    )
    parser.set_defaults(handler=run)


def plan_text(args: argparse.Namespace) -> dict[str, str | None]:
    """The flags as the text fields :mod:`tui.core.plan_input` reads (``None``: not given)."""
    return {
        plan_input.DRUG.key: args.drug,
        plan_input.START.key: args.start,
        plan_input.DOSE.key: args.dose,
        plan_input.INTAKES.key: args.intakes,
        plan_input.SPLIT.key: args.split_doses,
        plan_input.CUT_FIRST.key: args.cut_first,
        plan_input.METHOD.key: args.method,
        plan_input.CUT.key: args.cut,
        plan_input.EVERY.key: args.every,
        plan_input.HOLD.key: args.hold,
        plan_input.JUMP_OFF.key: args.jump_off,
        plan_input.TARGET.key: args.target,
        plan_input.LINEAR.key: args.linear_mg,
        plan_input.EMAX.key: args.emax,
        plan_input.EC50.key: args.ec50,
        plan_input.STEPS.key: args.steps,
        plan_input.CUSTOM.key: args.custom,
        plan_input.ORDER.key: args.order,
        plan_input.BELOW.key: ", ".join(args.below) if args.below else None,
        plan_input.INCREMENT.key: args.increment,
        plan_input.TABLET.key: args.tablet,
        plan_input.PIECES.key: args.split,
        plan_input.LIQUID.key: args.liquid,
        plan_input.RESOLUTION.key: args.resolution,
        plan_input.DROPS.key: args.drops,
        plan_input.SCALE.key: args.scale,
        plan_input.TABLET_WEIGHT.key: args.tablet_weight,
        plan_input.SWITCH_BELOW.key: args.switch_below,
        **{field.key: vars(args)[field.flag[2:].replace("-", "_")] for field in _THEN_FLAGS},
        **{field.key: vars(args)[field.flag[2:].replace("-", "_")] for field in (*_CROSSOVER_FLAGS, *_TO_FLAGS)},
    }


def params_from_args(args: argparse.Namespace, today: date) -> PlanParams:
    """Build plan parameters from the flags; PlanInputError names the flag."""
    return plan_input.params_from_text(plan_text(args), today, lengthen=args.lengthen)


def _confirmed(plan: Plan, args: argparse.Namespace) -> bool:
    """True when nothing needs confirmation, ``--yes`` was given, or the person typed yes."""
    reasons = plan.confirmations_needed()
    if not reasons or args.yes:
        return True
    if sys.stdin.isatty():
        out("\n".join(reasons), err=True)
        answer = input("Type yes to confirm this plan: ")
        return answer.strip().lower() == "yes"
    return False


def _unconfirmed(plan: Plan) -> int:
    """The usage error for a plan saved without the confirmation it needs (nothing is written)."""
    reasons = "; ".join(plan.confirmations_needed())
    return fail(
        f"--save: this plan needs explicit confirmation ({reasons}) — check it with your prescriber, then add --yes",
        EXIT_USAGE,
    )


def run(args: argparse.Namespace) -> int:
    """Print a new plan, or save it (asking for confirmation where the guideline says), or change the stored one."""
    today = today_from(args)
    if args.show or args.hold_days is not None or args.slow_down is not None or args.return_to_stable:
        return change_stored(args, today)
    try:
        plan = plan_input.plan_from_text(plan_text(args), today, lengthen=args.lengthen)
    except plan_input.PlanInputError as error:
        return fail(error.text(plan_input.Surface.CLI), EXIT_USAGE)
    params = plan.params
    if not args.save:
        print_plan(plan, args.json)
        return EXIT_OK
    if not _confirmed(plan, args):
        return _unconfirmed(plan)
    path = resolve_data_path(args.data)
    at = event_time(today)
    try:
        with open_journal(path) as journal:
            stored = journal.plan()
            if stored is None:
                event = creation_event(plan, at, args.reason)
            else:
                if params.start < today:
                    raise ValidationError(
                        "--start",
                        params.start.isoformat(),
                        f"a plan is stored: re-plan from today ({today.isoformat()}) or later",
                    )
                if args.hold is None:  # not asked to cut on the first day: the dose taken then is held first
                    params = replace(params, hold_days=replan_hold_days(stored, params.start, params))
                plan, event = replan(stored, params, today, at, args.reason)
                # Against what was taken before it, the re-planned tail can need a confirmation the
                # new plan alone did not (a switch of drug read in ≈ diazepam): asked before saving.
                tail = replace(plan, steps=tuple(step for step in plan.steps if step.start >= params.start))
                if not _confirmed(tail, args):
                    return _unconfirmed(tail)
            journal.save_plan(plan.to_record(), event)
            suggestion = suggest_hold_for_plan(journal.days(), plan, journal.events(), today)
    except ValidationError as error:
        return usage_error(flag_of(error.field), str(error).split(": ", 1)[1])
    except PlanChangeError as error:
        return fail(str(error), EXIT_USAGE)
    except StoreError as error:
        return fail(str(error), EXIT_FAILURE)
    print_plan(plan, args.json, {"saved_to": str(path), "hold_suggestion": suggestion})
    return EXIT_OK
