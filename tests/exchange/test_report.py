"""The prescriber report: the figures the insights compute, every section of the prescriber summary, 80 columns."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.plan_builders import liquid_plan
from tests.exchange.helpers import logged_taper, lorazepam_tablet_plan, sample_plan
from tui.core.adherence import adherence
from tui.core.entry import DayEntry
from tui.core.insights import TOTAL, cut_responses
from tui.core.plan_model import Plan
from tui.core.safety import SAFETY_NOTICE
from tui.core.settings import Settings
from tui.exchange.report import (
    HEALTH_DATA_NOTICE,
    build_report,
    question_lines,
    render_html,
    render_markdown,
    render_text,
)

TODAY = date(2027, 3, 15)


@pytest.fixture(scope="module")
def taper():
    record = sample_plan()
    plan = Plan.from_record(record)
    entries = logged_taper(record, date(2026, 12, 28), TODAY)
    return entries, plan


@pytest.fixture(scope="module")
def markdown(taper):
    entries, plan = taper
    return render_markdown(build_report(entries, plan, [], Settings(), TODAY))


@pytest.fixture(scope="module")
def text(taper):
    entries, plan = taper
    return render_text(build_report(entries, plan, [], Settings(), TODAY))


def test_health_data_notice_is_at_the_top(markdown, text):
    assert HEALTH_DATA_NOTICE in "\n".join(markdown.splitlines()[:4])
    assert HEALTH_DATA_NOTICE in "\n".join(text.splitlines()[:4])


def test_disclaimer_is_there(markdown, taper):
    assert SAFETY_NOTICE in markdown
    entries, plan = taper
    assert SAFETY_NOTICE in render_html(build_report(entries, plan, [], Settings(), TODAY))


def test_every_cut_response_the_insights_compute_is_in_the_report(markdown, taper):
    entries, plan = taper
    cuts = [d for d in plan.cut_dates() if d <= TODAY]
    responses = cut_responses(entries, cuts, TOTAL)
    assert len(responses) == 6
    for response in responses:
        row = next(line for line in markdown.splitlines() if line.startswith(f"| {response.cut.isoformat()} |"))
        assert f"{response.before.mean:.1f} ({response.before.logged_days}/7)" in row
        if response.days_1_7.mean is not None:
            assert f"{response.days_1_7.mean:.1f} ({response.days_1_7.logged_days}/" in row
        if response.change_1_7 is not None:
            assert f"{response.change_1_7:+.1f}" in row
        if response.days_8_14.mean is not None:
            assert f"{response.days_8_14.mean:.1f} ({response.days_8_14.logged_days}/" in row


def test_adherence_figures_are_the_insights_figures(markdown, taper):
    entries, plan = taper
    planned = lambda day: step.dose_mg if (step := plan.step_on(day)) else None  # noqa: E731
    summary = adherence(entries, planned, start=plan.start, end=TODAY, intakes_per_day=2)
    assert f"Days logged: {summary.days_logged} of {summary.days_in_range}" in markdown
    assert f"Dose as planned on {summary.days_as_planned} of {summary.days_compared} days" in markdown
    assert f"Doses missed: {summary.intakes_missed}" in markdown
    assert summary.intakes_missed > 0


def test_dose_plan_and_steps(markdown, taper):
    _, plan = taper
    assert "**Current dose:** 0.27 mg = 2.7 mL · 0.27 mg = 2.7 mL (planned for 2027-03-15)" in markdown
    assert "**Current daily total:** 0.54 mg = 5.4 mL" in markdown
    assert "**Start dose:** daily total 1 mg when the plan started on 2027-01-04" in markdown
    assert "**Reduction so far:** daily total 0.46 mg lower (46 % of the start dose)" in markdown
    assert f"**Projected end:** {plan.end_date.isoformat()}" in markdown
    assert "liquid 0.1 mg/mL" in markdown and "14 days" in markdown
    assert "| 2 | 2027-01-18 | 2027-01-31 | 0.81 | 0.4–0.81 | 13/14 | 2 |" in markdown
    assert "2027-01-19: took 08:00 0.4 mg = 4 mL (daily total 0.4 mg), planned daily total 0.81 mg" in markdown


def test_red_flags_and_questions_with_dates(markdown):
    assert "2027-02-03: Confusion / delirium (1/4)" in markdown
    assert "2027-02-20: can I hold this step for another week?" in markdown
    assert "2027-03-10: is the evening dose better split" in markdown


def test_text_chart_marks_cuts(text):
    chart = text.split("weekly means of the logged days")[1]
    assert sum(1 for line in chart.splitlines() if line.endswith(" <")) == 6
    assert "#" in chart and "*" in chart


def test_plain_text_fits_80_columns(text):
    assert max(len(line) for line in text.splitlines()) <= 80


def test_question_convention():
    entries = [
        DayEntry(date(2027, 1, 1), note="slept badly\nQ: ask about dose timing\n  ? why the headaches\nnot a question?")
    ]
    assert question_lines(entries) == [
        (date(2027, 1, 1), "ask about dose timing"),
        (date(2027, 1, 1), "why the headaches"),
    ]


def test_report_without_plan_or_data_still_renders():
    report = build_report([], None, [], Settings(), TODAY)
    text = render_text(report)
    assert "No taper plan is stored" in text and SAFETY_NOTICE.split(".")[0] in text.replace("\n", " ")


def test_html_escapes_notes():
    entries = [DayEntry(date(2027, 1, 1), note="Q: is <b>this</b> ok?")]
    page = render_html(build_report(entries, None, [], Settings(), TODAY))
    assert "&lt;b&gt;this&lt;/b&gt;" in page and "<b>this" not in page


def test_step_notes_use_the_flag_vocabulary_with_a_legend():
    from decimal import Decimal

    from tui.core.plan_model import PlanFlag

    plan = liquid_plan("0.1", "0.1", hold_days=14, cut_pct=Decimal(20))
    text = render_markdown(build_report([], plan, [], Settings(), date(2027, 2, 1)))
    assert PlanFlag.HOLD.marked in text and PlanFlag.OVER_10.marked in text
    assert f"{PlanFlag.HOLD.marked}: {PlanFlag.HOLD.explanation}" in text
    assert f"{PlanFlag.OVER_10.marked}: {PlanFlag.OVER_10.explanation}" in text


def test_a_liquid_plan_gives_each_intake_in_ml_and_labels_the_daily_total(taper):
    """What goes in the syringe at each time, never a day's volume beside per-intake mg."""
    entries, plan = taper
    report = build_report(entries, plan, [], Settings(intake_times=("08:00", "20:00")), TODAY)
    markdown, text = render_markdown(report), render_text(report)
    assert "**Current dose:** 08:00 0.27 mg = 2.7 mL · 20:00 0.27 mg = 2.7 mL (planned for 2027-03-15)" in markdown
    assert "**Current daily total:** 0.54 mg = 5.4 mL" in markdown
    assert (
        "**Next step:** from 2027-03-29: 08:00 0.24 mg = 2.4 mL · 20:00 0.25 mg = 2.5 mL (daily total 0.49 mg = 4.9 mL)"
    ) in markdown
    assert "- Step 2 (from 2027-01-18): 08:00 0.4 mg = 4 mL · 20:00 0.41 mg = 4.1 mL" in markdown
    assert "Current dose         08:00 0.27 mg = 2.7 mL · 20:00 0.27 mg = 2.7 mL" in text
    # Every mL figure is either one intake ("= 2.7 mL") or labelled as the day's total.
    for line in markdown.splitlines():
        if "5.4 mL" in line:
            assert "daily total" in line.lower(), line


def test_a_tablet_plan_gives_each_intake_in_tablet_pieces():
    from decimal import Decimal

    from tui.core.entry import Intake

    plan = lorazepam_tablet_plan()
    logged = [DayEntry(date(2027, 1, 5), (Intake(Decimal("0.625"), "08:00"), Intake(Decimal("0.75"), "20:00")))]
    markdown = render_markdown(
        build_report(logged, plan, [], Settings(intake_times=("08:00", "20:00")), date(2027, 1, 5))
    )
    assert "**Current dose:** 08:00 0.625 mg = 1 ¼ tab · 20:00 0.75 mg = 1 ½ tab (planned for 2027-01-05)" in markdown
    assert "**Current daily total:** 1.375 mg = 2 ¾ tab" in markdown
    assert (
        "**Last dose logged:** 2027-01-05: 08:00 0.625 mg = 1 ¼ tab · 20:00 0.75 mg = 1 ½ tab "
        "(daily total 1.375 mg = 2 ¾ tab)"
    ) in markdown


def test_a_logged_amount_the_form_cannot_measure_is_given_in_mg_only():
    from decimal import Decimal

    from tui.core.entry import Intake

    logged = [DayEntry(date(2027, 1, 5), (Intake(Decimal("0.6"), "08:00"),))]
    markdown = render_markdown(build_report(logged, lorazepam_tablet_plan(), [], Settings(), date(2027, 1, 5)))
    assert "**Last dose logged:** 2027-01-05: 08:00 0.6 mg (daily total 0.6 mg)" in markdown
