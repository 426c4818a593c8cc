"""``taper-tui export --format csv|report|text|html|ics``: written 0600, the right content, clear refusals."""

from __future__ import annotations

import csv
import io
import os
from datetime import date

import pytest
from icalendar import Calendar

from tests.cli.test_import_cli import run_cli
from tests.exchange.helpers import fill_store, logged_taper, sample_plan
from tui.core.safety import SAFETY_NOTICE
from tui.exchange.report import HEALTH_DATA_NOTICE


@pytest.fixture
def store(data_path):
    plan = sample_plan()
    fill_store(data_path, logged_taper(plan, date(2027, 1, 4), date(2027, 3, 15)), plan, [])
    return data_path


@pytest.mark.parametrize("fmt", ["csv", "report", "text", "html", "ics"])
def test_each_format_is_written_0600(store, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = run_cli(store, "export", "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert target.stat().st_size > 0


def test_csv_days_and_steps(store):
    days = list(csv.DictReader(io.StringIO(run_cli(store, "export", "--format", "csv").stdout)))
    assert days[0]["date"] == "2027-01-04" and days[0]["planned_mg"] == "0.9"
    steps = list(csv.DictReader(io.StringIO(run_cli(store, "export", "--format", "csv", "--what", "steps").stdout)))
    assert steps[1]["dose_mg"] == "0.81" and steps[1]["unit_dose"] == "8.1 mL"


def test_report_uses_today_and_has_the_notices(store):
    text = run_cli(store, "export", "--format", "text").stdout
    assert HEALTH_DATA_NOTICE in text.splitlines()[2]
    assert "Prepared 2027-03-15" in text
    assert SAFETY_NOTICE.split(".")[0] in text.replace("\n", " ")
    assert max(len(line) for line in text.splitlines()) <= 80


def test_ics_has_one_event_per_step(store):
    result = run_cli(store, "export", "--format", "ics")
    events = [c for c in Calendar.from_ical(result.stdout).walk() if c.name == "VEVENT"]
    from tui.core.plan_model import Plan

    assert len(events) == len(Plan.from_record(sample_plan()).steps)


def test_ics_and_steps_without_a_plan_say_so(data_path):
    fill_store(data_path, [], None, [])
    for args in (("--format", "ics"), ("--format", "csv", "--what", "steps")):
        result = run_cli(data_path, "export", *args)
        assert result.returncode == 1 and "there is no plan yet" in result.stderr


def test_what_only_applies_to_csv(store):
    result = run_cli(store, "export", "--format", "report", "--what", "steps")
    assert result.returncode == 2 and "--what" in result.stderr
