"""``taper-tui status``: the one line, its fields and JSON, and the exit codes scripts act on."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY
from tests.core.plan_builders import dated_liquid_plan
from tests.exchange.helpers import switching_plan
from tui.commands.status import EXIT_LOGGED, EXIT_NO_DATA_FILE, EXIT_NOT_YET, EXIT_UNREADABLE, is_logged, status_of
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Tablet
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import build_plan
from tui.store.journal import open_journal

DAY = date.fromisoformat(TODAY)


def liquid_plan(start: date) -> Plan:
    """A 0.1 mg/mL liquid in two equal intakes: 0.5, 0.4, 0.3, 0.2, 0.1 then 0 mg a day, 14 days each."""
    return dated_liquid_plan(start, "0.4", "0.3", "0.2", "0.1", "0")


def save(data_path: Path, plan: Plan | None = None, *entries: DayEntry) -> None:
    with open_journal(data_path) as journal:
        if plan is not None:
            journal.save_plan(plan.to_record())
        for entry in entries:
            journal.save_day(entry)


def test_the_line_shows_step_each_intake_in_its_measured_unit_and_the_next_cut() -> None:
    plan = liquid_plan(DAY - timedelta(days=20))  # step 2 (days 14–27), next cut in 8 days
    status = status_of(plan, None, DAY)
    assert status.line() == "Step 2/6 · today 0.2 mg = 2 mL ×2 · not logged yet · next cut Tue 23 Mar (8 d)"
    assert status.days_to_cut == 8
    assert not status.logged


def test_unequal_intakes_are_each_shown_and_tablets_in_pieces() -> None:
    plan = build_plan(
        PlanParams(
            drug="clonazepam",
            start=DAY,
            dose_mg=Decimal("0.375"),
            formulation=Tablet.create("0.5", 4),
            method=Method.CUSTOM,
            custom=((DAY, Decimal("0.375")), (DAY + timedelta(days=14), Decimal("0.25"))),
            split=(Decimal("0.125"), Decimal("0.25")),
        )
    )
    assert status_of(plan, None, DAY).dose_text() == "0.125 mg = ¼ tab and 0.25 mg = ½ tab"


def test_logged_means_every_planned_intake_is_logged() -> None:
    plan = liquid_plan(DAY)
    one = DayEntry(day=DAY, intakes=(Intake(Decimal("0.25"), "08:00"),))
    two = DayEntry(day=DAY, intakes=(Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.2"), "20:00")))
    assert not status_of(plan, one, DAY).logged
    assert status_of(plan, two, DAY).logged
    assert status_of(plan, two, DAY).logged_mg == "0.45"
    # Nothing to take (0 mg, no plan): any entry counts; a day with nothing in it does not.
    assert is_logged(0, DayEntry(day=DAY, anxiety=3))
    assert not is_logged(0, None)


def test_before_the_plan_and_without_a_plan_the_line_says_so() -> None:
    plan = liquid_plan(DAY + timedelta(days=3))
    assert status_of(plan, None, DAY).line() == "Plan starts Thu 18 Mar (3 d) · not logged yet"
    assert status_of(None, None, DAY).line() == "No plan · today not logged yet"
    entry = DayEntry(day=DAY, intakes=(Intake(Decimal("0.5")),))
    assert status_of(None, entry, DAY).line() == "No plan · today 0.5 mg logged ✓"


def test_after_the_last_cut_no_cut_is_left() -> None:
    plan = liquid_plan(DAY - timedelta(days=3000))
    line = status_of(plan, None, DAY).line()
    assert line.startswith(f"Step {len(plan.steps)}/{len(plan.steps)} · today 0 mg")
    assert line.endswith("no cut left")


def test_the_cli_prints_the_line_and_exits_1_until_today_is_logged(taper, data_path: Path) -> None:
    plan = liquid_plan(DAY - timedelta(days=20))
    save(data_path, plan)
    result = taper("status")
    assert result.returncode == EXIT_NOT_YET
    assert result.stdout == status_of(plan, None, DAY).line() + "\n"
    intakes = tuple(Intake(mg, time) for mg, time in zip(plan.steps[1].intake_mg, ("08:00", "20:00"), strict=False))
    save(data_path, None, DayEntry(day=DAY, intakes=intakes))
    logged = taper("status")
    assert logged.returncode == EXIT_LOGGED
    assert "logged ✓" in logged.stdout
    assert taper("status", "--quiet").stdout == ""


def test_json_and_format_fields(taper, data_path: Path) -> None:
    save(data_path, liquid_plan(DAY - timedelta(days=20)))
    shown = json.loads(taper("status", "--json").stdout)
    assert shown["date"] == TODAY
    assert (shown["step"], shown["logged"], shown["next_cut"], shown["days_to_cut"]) == (2, False, "2027-03-23", 8)
    assert shown["intakes"] == [{"mg": "0.2", "measured": "2 mL"}] * 2
    assert shown["daily_mg"] == "0.4"
    formatted = taper("status", "--format", "{step}|{dose}|{logged}|{next_cut}|{days_to_cut}|{daily_mg}")
    assert formatted.stdout == "2/6|0.2 mg = 2 mL ×2|not yet|Tue 23 Mar|8|0.4\n"


@pytest.mark.parametrize("text", ["{nope}", "{step.real}", "{step!r}", "{", "{0}"])
def test_a_format_with_an_unknown_field_exits_2_naming_the_flag(taper, data_path: Path, text: str) -> None:
    save(data_path, liquid_plan(DAY))
    result = taper("status", "--format", text)
    assert result.returncode == 2
    assert result.stderr.startswith("taper-tui: --format:")
    assert result.stdout == ""


def test_no_data_file_exits_3_and_creates_nothing(taper, data_path: Path) -> None:
    result = taper("status")
    assert result.returncode == EXIT_NO_DATA_FILE
    assert result.stdout == "taper-tui: no data file yet\n"
    assert not data_path.parent.exists()
    assert json.loads(taper("status", "--json").stdout)["data_file"] is None


def test_a_damaged_file_exits_4_and_is_left_as_it_was(taper, data_path: Path) -> None:
    data_path.parent.mkdir(parents=True)
    data_path.write_text("{not json", encoding="utf-8")
    result = taper("status")
    assert result.returncode == EXIT_UNREADABLE
    assert str(data_path) in result.stderr
    assert data_path.read_text(encoding="utf-8") == "{not json"


def test_status_reads_while_the_app_holds_the_writer_lock(taper, data_path: Path) -> None:
    save(data_path, liquid_plan(DAY))
    with open_journal(data_path):  # the app is open
        result = taper("status")
    assert result.returncode == EXIT_NOT_YET
    assert result.stdout.startswith("Step 1/")


def test_text_from_the_file_reaches_the_terminal_escaped(taper, data_path: Path) -> None:
    record = liquid_plan(DAY).to_record()
    record["steps"][0]["intake_doses"] = ["\x1b]0;owned\x072.5 mL", "2.5 mL"]
    save(data_path)
    with open_journal(data_path) as journal:
        journal.save_plan(record)
    result = taper("status")
    assert "\x1b" not in result.stdout and "\\x1b" in result.stdout


def test_status_loads_no_textual_jsonschema_planner_exports_or_server(data_path: Path) -> None:
    # It runs on every prompt: what it imports is what it costs (timings are measured by hand).
    save(data_path, liquid_plan(DAY))
    heavy = ("textual", "jsonschema", "tui.core.planner", "tui.exchange", "tui.serve", "tui.ui", "importlib.metadata")
    code = (
        "import sys; from tui.cli import main; code = main(['--data', sys.argv[1], '--today', sys.argv[2], 'status']); "
        f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(data_path), TODAY], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr


@pytest.mark.parametrize(
    ("today", "line"),
    [
        ("2027-03-28", "Step 6/45 · today 0.625 mg = 1 ¼ tab ×2 · not logged yet · next cut Mon 29 Mar (1 d)"),
        (
            "2027-04-01",
            "Step 7/45 · today 0.56 mg = 5.6 mL and 0.57 mg = 5.7 mL · not logged yet · next cut Mon 12 Apr",
        ),
    ],
)
def test_status_says_the_step_in_its_own_form_before_and_after_a_switch(data_path: Path, today: str, line: str) -> None:
    """Tablets until 1.25 mg, then a 0.1 mg/mL liquid from 2027-03-29 (docs/DOMAIN.md §3.11)."""
    with open_journal(data_path) as journal:
        journal.save_plan(switching_plan())
    command = [sys.executable, "-m", "tui", "--data", str(data_path), "--today", today, "status"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith(line), result.stdout
    shown = json.loads(subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=60).stdout)
    measured = [intake["measured"] for intake in shown["intakes"]]
    assert measured == (["5.6 mL", "5.7 mL"] if today == "2027-04-01" else ["1 ¼ tab", "1 ¼ tab"])
