"""``taper-tui supply`` with a bottle naming its drug on a crossover plan (docs/DOMAIN.md §3.12):
the "another" line counts that drug only, and a missing drug is the first problem said."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.exchange.crossover_plans import crossover_params
from tests.store.support import file_state
from tui.core.formulations import Tablet
from tui.core.planner import build_plan
from tui.store.journal import open_journal

START = date.fromisoformat(TODAY) - timedelta(days=2)


def save_lorazepam_crossover(data_path: Path) -> None:
    """Lorazepam 1 mg bd (1 mg tablets halved) → diazepam 5 mg tablets halved."""
    params = crossover_params(
        START, drug="lorazepam", dose_mg=Decimal(2), formulation=Tablet.create("1", "2"), split=(Decimal(1), Decimal(1))
    )
    with open_journal(data_path) as journal:
        journal.save_plan(build_plan(params).to_record())


def test_the_another_line_counts_the_bottles_drug_only(taper, data_path: Path) -> None:
    save_lorazepam_crossover(data_path)
    result = taper("supply", "--set-bottle", "100 tablets", "--use-by", "+10", "--bottle-drug", "diazepam",
                   "--until", "+90")  # fmt: skip
    assert result.returncode == 0, result.stderr
    another = next(line for line in result.stdout.splitlines() if "you need another" in line)
    assert "diazepam" in another and "lorazepam" not in another, result.stdout


def test_a_missing_bottle_drug_is_said_before_a_missing_use_by(taper, data_path: Path) -> None:
    save_lorazepam_crossover(data_path)
    before = file_state(data_path)
    result = taper("supply", "--set-bottle", "100 tablets")
    assert result.returncode != 0
    first = result.stderr.strip().splitlines()[0]
    assert "--bottle-drug" in first and "lorazepam and diazepam" in first, result.stderr
    named = taper("supply", "--set-bottle", "100 tablets", "--bottle-drug", "diazepam")
    assert named.returncode != 0 and "--use-by" in named.stderr and "YYYY-MM-DD" in named.stderr
    assert file_state(data_path) == before  # nothing written
