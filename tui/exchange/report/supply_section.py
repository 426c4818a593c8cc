"""The report's "Medicine needed": what the plan takes in the coming weeks, and the bottle.

A prescription has to match the plan, and a compounded liquid runs out and expires, so the
prescriber is shown how much medicine the plan needs for the next :data:`WEEKS` (in the unit it
is counted in: mL of the concentration, whole tablets with their pieces, drops, mg of powder)
and, when the person entered their bottle or pack (``taper-tui supply --set-bottle``), when it
runs out or expires, whichever comes first. All figures come from :mod:`tui.core.supply`, the
same arithmetic as ``taper-tui supply`` and the Today line; past days count what was logged,
today at least what the plan sets (an intake not logged yet is still to come out of the bottle),
days ahead what the plan sets. After a switch of form each day is counted in its own form, so a
span across the switch says the tablets and the mL, each with its days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from tui.core.entry import DayEntry
from tui.core.measured_forms import drug_forms_text
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.core.supply import counted, need_between, outlook, read_bottle
from tui.core.validation import ValidationError
from tui.exchange.report.model import Block, Section, Table

WEEKS = (4, 8)
"""The spans shown, in weeks from today (a prescription usually covers four or eight)."""

TITLE = "Medicine needed"


def supply_section(entries: Sequence[DayEntry], plan: Plan | None, settings: Settings, today: date) -> Section | None:
    """What the plan needs for each of :data:`WEEKS` from today, and when the bottle ends;
    left out without a plan (there is nothing to count from)."""
    if plan is None:
        return None
    logged = {e.day: e for e in entries if e.intakes and e.day <= today}  # each drug's own intakes
    rows: list[tuple[str, ...]] = []
    before_plan = 0
    for weeks in WEEKS:
        end = today + timedelta(days=7 * weeks - 1)
        need = need_between(plan, today, end, logged, today=today)
        before_plan = max(before_plan, need.days_before_plan)
        rows.append((f"Next {weeks} weeks ({today.isoformat()} to {end.isoformat()})", need.describe()))
    rows += _bottle_rows(plan, settings, logged, today)
    blocks: list[Block] = [
        f"What the plan takes from today, counted as {drug_forms_text(plan)}; "
        "a past day counts what was logged, today at least what the plan sets.",
        Table(("", ""), tuple(rows)),
    ]
    if before_plan:
        blocks.append(
            f"{before_plan} of these days come before the plan starts and are counted at the dose taken before it."
        )
    return Section(TITLE, tuple(blocks))


def _bottle_rows(plan: Plan, settings: Settings, logged: Mapping[date, Any], today: date) -> list[tuple[str, str]]:
    """The bottle entered and when it ends; a bottle that no longer fits the plan is named, never
    guessed at (the formulation changed: it must be entered again)."""
    try:
        bottle = read_bottle(settings)
        if bottle is None:
            return []
        seen = outlook(plan, bottle, today, logged)
    except ValidationError as error:
        return [("Current bottle", f"{error.value}: {error.allowed} (taper-tui supply --set-bottle)")]
    return [
        (
            "Current bottle",
            f"{bottle.contents}, opened {bottle.opened.isoformat()}, use by {bottle.use_by.isoformat()}; "
            f"{counted(seen.left_after, bottle.unit)} left after today (by the log and the plan)",
        ),
        ("Runs out or expires", seen.describe(today)),
    ]
