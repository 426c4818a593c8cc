"""``taper-tui status`` on a crossover stage counts intake *times*: the night's dose is logged when
a dose is logged for it, whatever its drug, so a fully logged day never says "1 of 2" (which
could prompt a second evening dose). The Log's header and the report ask the same rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.cli.test_status_cli import save
from tests.exchange.crossover_plans import crossover_plan
from tui.commands.status import EXIT_LOGGED, EXIT_NOT_YET
from tui.core.entry import DayEntry, Intake
from tui.core.intake_drugs import every_intake_logged, intakes_expected, intakes_logged

DAY = date.fromisoformat(TODAY)
MORNING = Intake(Decimal("0.5"), "08:00")


def test_a_night_logged_as_diazepam_alone_makes_the_day_logged(taper, data_path: Path) -> None:
    """Stage 1 plans clonazepam 0.25 mg + diazepam 5 mg at 20:00; the row switched to diazepam covers it."""
    save(data_path, crossover_plan(DAY), DayEntry(DAY, (MORNING, Intake(Decimal(5), "20:00", "diazepam"))))
    result = taper("status")
    assert result.returncode == EXIT_LOGGED, result.stdout
    assert "logged ✓" in result.stdout and "of 2" not in result.stdout


def test_both_drugs_at_one_time_are_one_intake_and_the_missing_night_still_counts(taper, data_path: Path) -> None:
    save(data_path, crossover_plan(DAY), DayEntry(DAY, (MORNING,)))
    result = taper("status")
    assert result.returncode == EXIT_NOT_YET and "1 of 2 intakes logged" in result.stdout
    night = (Intake(Decimal("0.25"), "20:00"), Intake(Decimal(5), "20:00", "diazepam"))
    save(data_path, None, DayEntry(DAY, night))  # the night's two rows, no morning: 1 of 2, not 2 of 2
    result = taper("status")
    assert result.returncode == EXIT_NOT_YET and "1 of 2 intakes logged" in result.stdout


def test_one_rule_for_status_the_log_and_the_report() -> None:
    plan = crossover_plan(DAY)
    assert intakes_expected(plan, DAY) == 2  # two intake times, though the night holds two drugs
    night_diazepam = DayEntry(DAY, (MORNING, Intake(Decimal(5), "20:00", "diazepam")))
    assert intakes_logged(night_diazepam) == 2 and every_intake_logged(night_diazepam, 2)
    untimed = DayEntry(DAY, (Intake(Decimal("0.5"), None), Intake(Decimal("0.5"), None)))
    assert intakes_logged(untimed) == 2  # without times each row is its own intake
