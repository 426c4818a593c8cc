"""``taper-tui supply --set-bottle … --bottle-drug DRUG`` on a crossover plan (docs/DOMAIN.md §3.12):
a diazepam bottle entered in tablets was counted as the clonazepam tablets."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.cli.conftest import TODAY
from tests.cli.test_supply_cli import save_plan
from tests.exchange.crossover_plans import crossover_plan
from tests.store.support import file_state
from tui.core.formulations import Tablet
from tui.core.supply import SUPPLY_SETTING
from tui.store.journal import open_journal

START = date.fromisoformat(TODAY) - timedelta(days=2)  # stage 1: the evening's clonazepam is diazepam 5 mg


def save_crossover(data_path: Path) -> None:
    with open_journal(data_path) as journal:
        journal.save_plan(crossover_plan(START).to_record())


def stored_bottle(data_path: Path) -> dict:
    return json.loads(data_path.read_text())["settings"]["1"][SUPPLY_SETTING]


def test_a_diazepam_bottle_is_stored_with_its_drug_and_counts_the_diazepam_days(taper, data_path: Path) -> None:
    save_crossover(data_path)
    result = taper("supply", "--set-bottle", "30", "--opened", START.isoformat(), "--use-by", "+90",
                   "--bottle-drug", "Valium")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert stored_bottle(data_path)["drug"] == "diazepam"
    assert "Bottle: 30 tablets of diazepam opened" in result.stdout
    assert "27 tablets left after" in result.stdout  # one 5 mg tablet a day for 3 days, not 1 ½ of clonazepam
    shown = json.loads(taper("supply", "--json").stdout)["bottle"]
    assert (shown["drug"], shown["left_after_today"]) == ("diazepam", "27")


def test_a_crossover_bottle_must_name_a_drug_of_the_plan(taper, data_path: Path) -> None:
    save_crossover(data_path)
    before = file_state(data_path)
    missing = taper("supply", "--set-bottle", "30", "--use-by", "+90")
    assert missing.returncode != 0 and "--bottle-drug" in missing.stderr and "clonazepam and diazepam" in missing.stderr
    other = taper("supply", "--set-bottle", "30", "--use-by", "+90", "--bottle-drug", "lorazepam")
    assert other.returncode != 0
    assert (
        "--bottle-drug" in other.stderr and '"lorazepam"' in other.stderr and "clonazepam or diazepam" in other.stderr
    )
    alone = taper("supply", "--until", "+3", "--bottle-drug", "diazepam")
    assert alone.returncode != 0 and "--set-bottle" in alone.stderr
    assert file_state(data_path) == before  # nothing written


def test_a_plan_without_a_crossover_stores_the_bottle_as_before(taper, data_path: Path) -> None:
    save_plan(data_path, Tablet.create("0.5", "2"), "1")
    result = taper("supply", "--set-bottle", "30", "--use-by", "+90", "--bottle-drug", "Klonopin")
    assert result.returncode == 0, result.stderr
    assert set(stored_bottle(data_path)) == {"size", "unit", "opened", "use_by"}
    refused = taper("supply", "--set-bottle", "30", "--use-by", "+90", "--bottle-drug", "diazepam")
    assert refused.returncode != 0 and '"diazepam"' in refused.stderr and "clonazepam" in refused.stderr
