"""The report's days-since-cut sentence and estimated swing: the same words as the Chart and core."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tui.core.cut_response_curve import sentence, summarise
from tui.core.drug_level import ESTIMATE_NOTE
from tui.core.entry import DayEntry, Intake
from tui.core.insights import TOTAL, cut_dates
from tui.core.settings import Settings
from tui.demo.story import generate_demo
from tui.exchange.report.build import build_report
from tui.exchange.report.render import render_html, render_markdown, render_text

TODAY = date(2027, 3, 15)


def section(report, title: str):
    return next(s for s in report.sections if s.title == title)


def test_the_demo_report_says_how_each_cut_lands_and_the_estimated_dip():
    data = generate_demo(270, TODAY, 2027)
    entries = list(data.entries)
    report = build_report(entries, data.plan, [], Settings.from_record(data.settings), TODAY)
    expected = sentence(summarise(entries, cut_dates(entries, data.plan, TODAY), TOTAL, 6), whose="my")
    assert expected.startswith("After my last 6 cuts, symptoms peaked on day ")
    assert section(report, "How each cut lands").blocks == (expected,)
    swing = section(report, "Estimated level between doses").blocks
    assert swing[0].startswith("Estimated dip between doses: ") and "(half-life 18 h)" in swing[0]
    assert swing[1] == ESTIMATE_NOTE
    for rendered in (render_text(report), render_markdown(report), render_html(report)):
        flat = " ".join(rendered.split())
        assert "How each cut lands" in flat and "not a measurement" in flat


def test_too_few_cuts_are_said_and_an_unknown_drug_leaves_the_swing_out():
    entries = [
        DayEntry(day=TODAY - timedelta(days=d), intakes=(Intake(Decimal("0.5"), "08:00"),), anxiety=2)
        for d in range(20)
    ]
    report = build_report(entries, None, [], Settings(drug="unobtainium"), TODAY)
    assert section(report, "How each cut lands").blocks == (
        "Not enough yet: no cut with at least 5 logged days after it; 3 are needed.",
    )
    assert "Estimated level between doses" not in [s.title for s in report.sections]
