"""``taper-tui supply``: the amount until a date, the stored bottle, and bad input named."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY
from tests.exchange.helpers import switching_plan
from tests.store.support import file_state
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Formulation, Liquid, Tablet
from tui.core.plan_model import Method, PlanParams
from tui.core.planner import build_plan
from tui.core.supply import SUPPLY_SETTING
from tui.store.journal import open_journal

DAY = date.fromisoformat(TODAY)


def save_plan(data_path: Path, formulation: Formulation, mg: str, *entries: DayEntry) -> None:
    """A plan holding ``mg`` a day from 10 days ago on."""
    plan = build_plan(
        PlanParams(
            drug="clonazepam",
            start=DAY - timedelta(days=10),
            dose_mg=Decimal(mg),
            formulation=formulation,
            method=Method.CUSTOM,
            custom=((DAY - timedelta(days=10), Decimal(mg)),),
        )
    )
    with open_journal(data_path) as journal:
        journal.save_plan(plan.to_record())
        for entry in entries:
            journal.save_day(entry)


def test_the_amount_until_a_date_in_millilitres(taper, data_path: Path) -> None:
    save_plan(data_path, Liquid.create("0.1", "0.1"), "0.25")
    result = taper("supply", "--until", "+9")
    assert result.returncode == 0, result.stderr
    assert "(10 days) the plan needs 25 mL (2.5 mg)" in result.stdout
    shown = json.loads(taper("supply", "--until", "+9", "--json").stdout)["need"]
    assert (shown["amount"], shown["unit"], shown["drug_mg"], shown["days"]) == ("25", "mL", "2.5", 10)


def test_tablets_are_whole_with_their_pieces(taper, data_path: Path) -> None:
    save_plan(data_path, Tablet.create("0.5", 4), "0.375")  # ¾ tablet a day
    result = taper("supply", "--from", "2027-03-15", "--until", "2027-03-20", "--json")
    shown = json.loads(result.stdout)["need"]
    assert (shown["pieces"], shown["piece_name"], shown["amount"], shown["whole_tablets"]) == (18, "quarters", "4.5", 5)


def test_a_bottle_is_stored_once_and_says_when_it_runs_out(taper, data_path: Path) -> None:
    logged = DayEntry(day=DAY, intakes=(Intake(Decimal("0.5"), "08:00"),))  # 5 mL today, not the planned 2.5
    save_plan(data_path, Liquid.create("0.1", "0.1"), "0.25", logged)
    stored = taper("supply", "--set-bottle", "30 mL", "--opened", "2027-03-13", "--use-by", "2027-05-11")
    assert stored.returncode == 0, stored.stderr
    with open_journal(data_path, read_only=True) as journal:
        assert journal.settings().extra[SUPPLY_SETTING] == {
            "size": "30",
            "unit": "mL",
            "opened": "2027-03-13",
            "use_by": "2027-05-11",
        }
    # 13th, 14th at 2.5 mL, today 5 mL logged: 20 mL left; 2.5 mL a day covers 8 more days.
    shown = json.loads(taper("supply", "--json").stdout)["bottle"]
    assert (shown["left_after_today"], shown["runs_out_on"], shown["reason"], shown["days_left"]) == (
        "20",
        "2027-03-24",
        "runs out",
        9,
    )
    assert "It runs out on Wed 24 Mar 2027 (in 9 d)" in taper("supply").stdout


def test_a_bottle_that_expires_first(taper, data_path: Path) -> None:
    save_plan(data_path, Liquid.create("0.1", "0.1"), "0.1")
    taper("supply", "--set-bottle", "100", "--use-by", "+20")
    result = taper("supply", "--until", "+30")
    assert "expires after Sun 4 Apr 2027 (in 21 d), before it runs out" in result.stdout
    assert "From Mon 5 Apr 2027 to Wed 14 Apr 2027 you need another 10 mL (1 mg)." in result.stdout


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--until", "someday"], "--until"),
        (["--until", "2027-03-01"], "--until"),
        (["--set-bottle", "30 tablets", "--use-by", "+30"], "--set-bottle"),
        (["--set-bottle", "0", "--use-by", "+30"], "--set-bottle"),
        (["--set-bottle", "lots", "--use-by", "+30"], "--set-bottle"),
        (["--set-bottle", "30"], "--use-by"),
        (["--set-bottle", "30", "--use-by", "-1"], "--use-by"),
        (["--use-by", "+3"], "--use-by"),
        ([], "--until"),
    ],
)
def test_bad_input_exits_2_naming_the_flag_and_changes_nothing(
    taper, data_path: Path, args: list[str], flag: str
) -> None:
    save_plan(data_path, Liquid.create("0.1", "0.1"), "0.25")
    before = file_state(data_path)
    result = taper("supply", *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"taper-tui: {flag}:")
    assert file_state(data_path) == before


def test_without_a_data_file_or_a_plan_it_says_so_and_creates_nothing(taper, data_path: Path) -> None:
    result = taper("supply", "--until", "+7")
    assert result.returncode == 1
    assert "no data file" in result.stderr
    assert not data_path.exists()
    with open_journal(data_path):
        pass
    assert "no plan is saved" in taper("supply", "--until", "+7").stderr


def test_a_bottle_entered_for_another_form_must_be_entered_again(taper, data_path: Path) -> None:
    save_plan(data_path, Liquid.create("0.1", "0.1"), "0.25")
    taper("supply", "--set-bottle", "30", "--use-by", "+30")
    save_plan(data_path, Tablet.create("0.5", 2), "0.25")
    result = taper("supply")
    assert result.returncode == 1
    assert "enter the bottle again" in result.stderr


def save_switching_plan(data_path: Path) -> None:
    """Tablets until 1.25 mg, then a 0.1 mg/mL liquid from 2027-03-29 (tests.exchange.helpers)."""
    with open_journal(data_path) as journal:
        journal.save_plan(switching_plan())


def test_a_span_across_a_switch_of_form_needs_tablets_then_millilitres(taper, data_path: Path) -> None:
    """Today (2027-03-15) to 2027-03-30: 14 tablet days at 2 ½ tab, then 2 liquid days at 11.3 mL."""
    save_switching_plan(data_path)
    result = taper("supply", "--until", "2027-03-30")
    assert result.returncode == 0, result.stderr
    assert "(16 days) the plan needs" in result.stdout
    assert "35 tablets (140 quarters = 35 tablets; 17.5 mg) of 0.5 mg tablet, split in 4" in result.stdout
    assert "then 22.6 mL (2.26 mg) of liquid 0.1 mg/mL measured to 0.1 mL" in result.stdout
    need = json.loads(taper("supply", "--until", "2027-03-30", "--json").stdout)["need"]
    assert need["amount"] is None and need["unit"] is None  # two forms: no one amount
    assert [(f["from"], f["until"], f["amount"], f["unit"]) for f in need["forms"]] == [
        ("2027-03-15", "2027-03-28", "35", "tablets"),
        ("2027-03-29", "2027-03-30", "22.6", "mL"),
    ]


def test_a_liquid_bottle_bought_before_the_switch_is_counted_from_the_switch(taper, data_path: Path) -> None:
    save_switching_plan(data_path)
    stored = taper("supply", "--set-bottle", "100 mL", "--use-by", "2027-06-30")
    assert stored.returncode == 0, stored.stderr
    shown = json.loads(taper("supply", "--json").stdout)["bottle"]
    # nothing taken from it on tablet days; 11.3 mL a day from 2027-03-29 leaves 9.6 mL on 2027-04-06
    assert (shown["unit"], shown["left_after_today"], shown["runs_out_on"]) == ("mL", "100", "2027-04-06")
    # a bare number is in the unit of the form in use the day it is opened: tablets today
    taper("supply", "--set-bottle", "40", "--use-by", "2027-06-30")
    pack = json.loads(taper("supply", "--json").stdout)["bottle"]
    assert (pack["unit"], pack["reason"], pack["not_needed_after"], pack["ends_on"]) == (
        "tablets",
        "not needed",
        "2027-03-28",
        "2027-03-29",
    )
    shown = taper("supply", "--until", "2027-03-30").stdout
    assert "It is not needed after Sun 28 Mar 2027 (in 14 d): the plan is measured in another form" in shown
    assert "From Mon 29 Mar 2027 to Tue 30 Mar 2027 you need another 22.6 mL (2.26 mg)." in shown
    refused = taper("supply", "--set-bottle", "30 drops", "--use-by", "2027-06-30")
    assert refused.returncode == 2 and "use the amount in tablets or mL" in refused.stderr
