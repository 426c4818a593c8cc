"""``taper-tui log --dose`` on a crossover plan: a dose replaced at a time already logged is said,
never lost silently, and the day's doses are listed in time order, each naming its drug."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.cli.test_status_cli import save
from tests.exchange.crossover_plans import crossover_params
from tui.core.formulations import Tablet
from tui.core.planner import build_plan

DAY = date.fromisoformat(TODAY)


def lorazepam_crossover():
    """Lorazepam 1 mg bd → diazepam in 4 weekly stages from today (stage 1: lorazepam 0.5 mg + diazepam 5 mg at night)."""
    params = crossover_params(
        DAY, drug="lorazepam", dose_mg=Decimal(2), formulation=Tablet.create("1", "2"), split=(Decimal(1), Decimal(1))
    )
    return build_plan(params)


def doses_line(stdout: str) -> str:
    return next(line.strip() for line in stdout.splitlines() if line.strip().startswith("doses:"))


def test_the_doses_are_in_time_order_each_naming_its_drug(taper, data_path: Path) -> None:
    save(data_path, lorazepam_crossover())
    assert taper("log", "--dose", "diazepam:10@20:00", "--yes").returncode == 0
    result = taper("log", "--dose", "1@08:00", "--yes")
    assert result.returncode == 0, result.stderr
    assert doses_line(result.stdout).startswith("doses: 08:00 lorazepam 1 mg = 1 tab · 20:00 diazepam 10 mg = 2 tab")


def test_a_dose_replaced_at_its_time_is_said(taper, data_path: Path) -> None:
    save(data_path, lorazepam_crossover())
    assert taper("log", "--dose", "diazepam:10@20:00", "--yes").returncode == 0
    result = taper("log", "--dose", "diazepam:5@20:00")
    assert result.returncode == 0, result.stderr
    assert "replaced 20:00 diazepam 10 mg by 5 mg" in result.stdout
    result = taper("log", "--dose", "0.5@20:00")  # another drug at that time: added, nothing replaced
    assert "replaced 20:00" not in result.stdout
    assert "20:00 lorazepam 0.5 mg = ½ tab · 20:00 diazepam 5 mg = 1 tab" in doses_line(result.stdout)


def test_the_help_says_how_to_log_two_doses_at_one_time(taper) -> None:
    result = taper("log", "--help")
    assert "replaced" in result.stdout and "their total" in " ".join(result.stdout.split())
