"""The report on the demo data set carries the figures the insights compute for it."""

from __future__ import annotations

from datetime import date

from tui.core.adherence import adherence
from tui.core.insights import TOTAL, cut_responses
from tui.core.settings import Settings
from tui.demo.story import generate_demo
from tui.exchange.report import MAX_LISTED, build_report, render_markdown, render_text

TODAY = date(2027, 3, 15)


def test_demo_report_has_the_insights_figures():
    demo = generate_demo(end=TODAY)
    report = render_markdown(
        build_report(demo.entries, demo.plan, demo.events, Settings.from_record(demo.settings), TODAY)
    )
    cuts = [d for d in demo.plan.cut_dates() if d <= TODAY]
    responses = cut_responses(demo.entries, cuts, TOTAL)
    for response in responses[-MAX_LISTED:]:
        row = next(line for line in report.splitlines() if line.startswith(f"| {response.cut.isoformat()} |"))
        assert f"{response.before.mean:.1f} ({response.before.logged_days}/" in row
        if response.change_1_7 is not None:
            assert f"{response.change_1_7:+.1f}" in row
    planned = lambda day: step.dose_mg if (step := demo.plan.step_on(day)) else None  # noqa: E731
    summary = adherence(
        demo.entries, planned, start=demo.plan.start, end=TODAY, intakes_per_day=demo.settings["intakes_per_day"]
    )
    assert f"Days logged: {summary.days_logged} of {summary.days_in_range}" in report
    assert f"Doses missed: {summary.intakes_missed}" in report
    assert "Confusion / delirium" in report
    assert "Can I take magnesium" in report


def test_demo_report_fits_80_columns():
    demo = generate_demo(end=TODAY)
    text = render_text(build_report(demo.entries, demo.plan, demo.events, Settings.from_record(demo.settings), TODAY))
    assert max(len(line) for line in text.splitlines()) <= 80
