"""The prescriber report says how much medicine the plan needs in the coming weeks, and when the
bottle entered runs out or expires, so the prescription can be written for the right amount."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid, Tablet
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import build_plan
from tui.core.settings import Settings
from tui.core.supply import SUPPLY_SETTING, Bottle
from tui.exchange.report import build_report, render_html, render_markdown, render_text

TODAY = date(2027, 3, 15)
TITLE = "Medicine needed"


def plan_of(formulation, *doses: tuple[int, str], split: tuple[str, ...]) -> Plan:
    """Dated daily doses ``(days from TODAY, mg)``; the last one holds from then on."""
    return build_plan(
        PlanParams(
            drug="clonazepam",
            start=TODAY - timedelta(days=30),
            dose_mg=Decimal(doses[0][1]),
            formulation=formulation,
            method=Method.CUSTOM,
            custom=tuple((TODAY + timedelta(days=offset), Decimal(mg)) for offset, mg in doses),
            split=tuple(Decimal(mg) for mg in split),
        )
    )


def supply_blocks(plan, settings=None, entries=()):
    report = build_report(list(entries), plan, [], settings or Settings(), TODAY)
    return next(s for s in report.sections if s.title == TITLE).blocks


def test_the_next_four_and_eight_weeks_in_millilitres_with_the_cut_counted():
    # 0.4 mg a day now, 0.36 mg from day 14: 0.1 mg/mL liquid → 4 mL then 3.6 mL a day.
    plan = plan_of(Liquid.create("0.1", "0.1"), (-30, "0.4"), (14, "0.36"), split=("0.2", "0.2"))
    table = supply_blocks(plan)[1]
    assert table.rows[0] == (
        "Next 4 weeks (2027-03-15 to 2027-04-11)",
        "106.4 mL (10.64 mg)",  # 14 × 4 mL + 14 × 3.6 mL
    )
    assert table.rows[1] == ("Next 8 weeks (2027-03-15 to 2027-05-09)", "207.2 mL (20.72 mg)")  # + 28 × 3.6 mL
    assert "Current bottle" not in " ".join(row[0] for row in table.rows)


def test_tablets_are_whole_with_their_pieces():
    # 0.375 mg a day of a 0.5 mg tablet in quarters: 3 quarters a day, 84 in 4 weeks = 21 tablets.
    plan = plan_of(Tablet.create("0.5", 4), (-30, "0.375"), split=("0.125", "0.25"))
    assert supply_blocks(plan)[1].rows[0][1] == "21 tablets (84 quarters = 21 tablets; 10.5 mg)"


def test_a_bottle_entered_says_when_it_runs_out_before_its_use_by_date():
    plan = plan_of(Liquid.create("0.1", "0.1"), (-30, "0.4"), split=("0.2", "0.2"))
    bottle = Bottle.create("100", "mL", TODAY - timedelta(days=5), TODAY + timedelta(days=50))
    # Five days logged and today planned at 0.4 mg (4 mL each) leave 76 mL: it covers 19 more days.
    entries = [
        DayEntry(TODAY - timedelta(days=back), (Intake(Decimal("0.2"), "08:00"), Intake(Decimal("0.2"), "20:00")))
        for back in range(1, 6)
    ]
    blocks = supply_blocks(plan, Settings.from_record({SUPPLY_SETTING: bottle.to_record()}), entries)
    rows = dict(blocks[1].rows)
    assert rows["Current bottle"] == (
        "100 mL, opened 2027-03-10, use by 2027-05-04; 76 mL left after today (by the log and the plan)"
    )
    assert rows["Runs out or expires"] == "runs out on Sun 4 Apr 2027 (in 20 d), before its use-by date Tue 4 May 2027"


def test_a_bottle_that_expires_first_and_one_entered_in_another_unit():
    plan = plan_of(Liquid.create("0.1", "0.1"), (-30, "0.4"), split=("0.2", "0.2"))
    short_lived = Bottle.create("500", "mL", TODAY, TODAY + timedelta(days=9))
    rows = dict(supply_blocks(plan, Settings.from_record({SUPPLY_SETTING: short_lived.to_record()}))[1].rows)
    assert rows["Runs out or expires"] == "expires after Wed 24 Mar 2027 (in 10 d), before it runs out"
    stale = Bottle.create("30", "tablets", TODAY, TODAY + timedelta(days=90))
    rows = dict(supply_blocks(plan, Settings.from_record({SUPPLY_SETTING: stale.to_record()}))[1].rows)
    assert (
        rows["Current bottle"]
        == "30 tablets: the plan now counts mL: enter the bottle again (taper-tui supply --set-bottle)"
    )


def test_every_format_carries_the_section_and_no_plan_leaves_it_out():
    plan = plan_of(Liquid.create("0.1", "0.1"), (-30, "0.4"), split=("0.2", "0.2"))
    report = build_report([], plan, [], Settings(), TODAY)
    for rendered in (render_text(report), render_markdown(report), render_html(report)):
        assert "Medicine needed" in rendered and "112 mL" in rendered
    assert TITLE not in [s.title for s in build_report([], None, [], Settings(), TODAY).sections]


def test_a_hand_edited_bottle_unit_is_shown_as_data():
    plan = plan_of(Liquid.create("0.1", "0.1"), (-30, "0.4"), split=("0.2", "0.2"))
    hostile = {"size": "30", "unit": "<script>x</script>\x1b[2J", "opened": "2027-03-01", "use_by": "2027-04-01"}
    report = build_report([], plan, [], Settings.from_record({SUPPLY_SETTING: hostile}), TODAY)
    html = render_html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\x1b" not in render_text(report) and "\x1b" not in render_markdown(report)
