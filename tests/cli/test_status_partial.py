"""``taper-tui status`` on a day with some of its planned intakes logged: it says how many.

"not logged yet" after the morning dose of two was logged reads as "the morning dose is
missing". The line says "1 of 2 intakes logged"; the exit code stays 1 (not yet) until every
planned intake is logged, so a 21:00 reminder still fires for the evening dose.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from tests.cli.test_status_cli import DAY, liquid_plan, save
from tui.commands.status import EXIT_LOGGED, EXIT_NOT_YET, status_of
from tui.core.entry import DayEntry, Intake

MORNING = Intake(Decimal("0.2"), "08:00")
EVENING = Intake(Decimal("0.2"), "20:00")


def test_one_of_two_intakes_logged_is_said_as_such() -> None:
    plan = liquid_plan(DAY - timedelta(days=20))
    status = status_of(plan, DayEntry(day=DAY, intakes=(MORNING,)), DAY)
    assert status.line() == "Step 2/6 · today 0.2 mg = 2 mL ×2 · 1 of 2 intakes logged · next cut Tue 23 Mar (8 d)"
    assert not status.logged
    assert status.fields()["logged"] == "1 of 2"
    assert (status.to_json()["intakes_logged"], status.to_json()["intakes_planned"]) == (1, 2)


def test_nothing_and_everything_logged_keep_their_words() -> None:
    plan = liquid_plan(DAY - timedelta(days=20))
    assert "· not logged yet ·" in status_of(plan, None, DAY).line()
    both = status_of(plan, DayEntry(day=DAY, intakes=(MORNING, EVENING)), DAY)
    assert "· logged ✓ ·" in both.line()
    assert both.fields()["logged"] == "✓"
    # A day holding only a mood rating has no intake logged: still "not logged yet".
    assert "· not logged yet ·" in status_of(plan, DayEntry(day=DAY, mood=6), DAY).line()


def test_the_cli_says_1_of_2_and_exits_1_until_the_evening_dose(taper, data_path: Path) -> None:
    save(data_path, liquid_plan(DAY - timedelta(days=20)))
    assert taper("log", "--dose", "0.2@08:00").returncode == 0
    partial = taper("status")
    assert partial.returncode == EXIT_NOT_YET
    assert "1 of 2 intakes logged" in partial.stdout
    assert "not logged yet" not in partial.stdout
    shown = json.loads(taper("status", "--json").stdout)
    assert (shown["logged"], shown["intakes_logged"], shown["intakes_planned"]) == (False, 1, 2)
    assert taper("log", "--dose", "0.2@20:00").returncode == 0
    done = taper("status")
    assert done.returncode == EXIT_LOGGED
    assert "logged ✓" in done.stdout
