"""The active plan and its audit trail survive a restart and appear in the export."""

from __future__ import annotations

import json

from tui.core.plan_model import Plan


def test_saved_plan_and_its_changes_are_in_the_export(taper):
    saved = taper(
        "plan",
        "--dose",
        "1",
        "--cut",
        "10",
        "--every",
        "14",
        "--start",
        "2027-03-15",
        "--liquid",
        "0.1",
        "--resolution",
        "0.1",
        "--jump-off",
        "0.05",
        "--save",
        "--yes",
    )
    assert saved.returncode == 0, saved.stderr
    held = taper("plan", "--hold-days", "7", "--yes")
    assert held.returncode == 0, held.stderr
    exported = taper("export")  # a new process: the plan was read back from the file
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    plan = Plan.from_record(document["plan"])
    assert plan.params.cut_pct == 10 and plan.steps[0].start.isoformat() == "2027-03-15"
    assert [event["kind"] for event in document["events"]] == ["create", "hold"]
    assert all(isinstance(step["dose_mg"], str) for step in document["plan"]["steps"])
