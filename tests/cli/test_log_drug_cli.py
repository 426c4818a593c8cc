"""``taper-tui log --dose DRUG:MG@HH:MM`` on a crossover stage (docs/DOMAIN.md §3.12), and status counting it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.cli.test_status_cli import save
from tests.exchange.crossover_plans import crossover_plan
from tui.commands.status import EXIT_LOGGED, status_of
from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal

DAY = date.fromisoformat(TODAY)
"""Stage 1 of a crossover starting today: clonazepam 0.5 mg at 08:00; clonazepam 0.25 mg + diazepam 5 mg at 20:00."""


def _stored_intakes(data_path: Path) -> list[dict]:
    with open_journal(data_path, read_only=True) as journal:
        day = journal.get_day(DAY)
    assert day is not None
    return day.to_record()["intakes"]


def test_a_diazepam_dose_is_logged_beside_the_clonazepam_and_status_counts_it(taper, data_path: Path) -> None:
    save(data_path, crossover_plan(DAY))
    result = taper("log", "--dose", "0.5@08:00", "--dose", "0.25@20:00")
    assert result.returncode == 0, result.stderr
    status = taper("status", "--json")  # the night's dose is logged by its clonazepam row
    assert status.returncode == EXIT_LOGGED and json.loads(status.stdout)["intakes_logged"] == 2
    result = taper("log", "--dose", "Valium:5@20:00")
    assert result.returncode == 0, result.stderr
    assert "20:00 clonazepam 0.25 mg = ½ tab · 20:00 diazepam 5 mg = 1 tab" in result.stdout  # added, not replaced
    assert "(daily total clonazepam 0.75 mg + diazepam 5 mg)" in result.stdout
    assert _stored_intakes(data_path) == [
        {"time": "08:00", "mg": "0.5"},
        {"time": "20:00", "mg": "0.25"},
        {"time": "20:00", "mg": "5", "drug": "diazepam"},
    ]
    status = taper("status")
    assert status.returncode == EXIT_LOGGED, status.stdout
    assert "logged ✓" in status.stdout


def test_the_plans_own_drug_named_is_stored_as_before(taper, data_path: Path) -> None:
    save(data_path, crossover_plan(DAY))
    assert taper("log", "--dose", "clonazepam:0.5@08:00").returncode == 0
    assert _stored_intakes(data_path) == [{"time": "08:00", "mg": "0.5"}]


def test_a_drug_not_in_the_plan_is_refused_and_nothing_is_saved(taper, data_path: Path) -> None:
    save(data_path, crossover_plan(DAY))
    result = taper("log", "--dose", "lorazepam:1@20:00")
    assert result.returncode == 2
    assert "--dose drug" in result.stderr and "lorazepam" in result.stderr
    assert "clonazepam or diazepam" in result.stderr
    with open_journal(data_path, read_only=True) as journal:
        assert journal.get_day(DAY) is None


def test_the_help_explains_the_drug_prefix(taper) -> None:
    result = taper("log", "--help")
    assert "diazepam:5@20:00" in result.stdout


def test_a_night_of_clonazepam_alone_logs_the_night_and_a_missing_night_does_not() -> None:
    plan = crossover_plan(DAY)
    entry = DayEntry(DAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.25"), "20:00")))
    assert status_of(plan, entry, DAY).logged  # the 20:00 dose was taken: one row at that time says so
    status = status_of(plan, DayEntry(DAY, entry.intakes[:1]), DAY)
    assert not status.logged and status.partly_logged == "1 of 2"
