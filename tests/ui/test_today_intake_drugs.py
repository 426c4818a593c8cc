"""Today says a logged diazepam intake as diazepam, in its own tablets (docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.ui.conftest import TODAY
from tests.ui.test_log_crossover import store_crossover
from tests.ui.test_today_view import shown
from tests.ui.view_keys import show_view
from tui.core.entry import DayEntry, Intake
from tui.ui.app import build_app
from tui.ui.views.today import TodayView


async def test_a_logged_diazepam_intake_is_named_and_measured_in_diazepam_tablets(journal):
    store_crossover(journal)
    journal.save_day(DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam"))))
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_view(pilot, "today", TodayView)
        text = " ".join(shown(app, "logged").split())
        assert "Taken today: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 diazepam 5 mg = 1 tab" in text
        assert "daily total clonazepam 0.5 mg + diazepam 5 mg" in text
        assert "10 tab" not in text and "5.5 mg" not in text


def test_the_week_shows_a_day_of_two_drugs_as_diazepam():
    from tests.exchange.crossover_plans import crossover_plan
    from tui.ui.views.today import DIAZEPAM_DOSE_NOTE, week_table

    plan = crossover_plan(TODAY)
    entry = DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")))
    rows = week_table({TODAY: entry}, TODAY, plan)
    assert "≈15" in rows[-2] and "5.5" not in rows[-2]
    assert DIAZEPAM_DOSE_NOTE in rows[-1]
    before_the_plan = TODAY - timedelta(days=1)
    one_drug = week_table({before_the_plan: DayEntry(before_the_plan, (Intake(Decimal("0.5")),))}, TODAY, plan)
    assert DIAZEPAM_DOSE_NOTE not in one_drug[-1] and "    0.5" in one_drug[-3]


def test_the_week_legend_says_a_marked_dose_is_diazepam_mg():
    """``≈17.5`` under "dose mg" read as 17.5 mg taken: the legend names the unit of a marked dose."""
    from tests.exchange.crossover_plans import crossover_plan
    from tui.core.intake_drugs import chart_unit
    from tui.ui.views.today import week_table

    plan = crossover_plan(TODAY)
    entry = DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam")))
    legend = week_table({TODAY: entry}, TODAY, plan)[-1]
    assert legend.startswith(f"dose: mg taken that day, {chart_unit(plan)} when marked ≈")
    diazepam_only = DayEntry(TODAY, (Intake(Decimal("2.5"), None, "diazepam"), Intake(Decimal(5), None, "diazepam")))
    assert "both drugs" not in week_table({TODAY: diazepam_only}, TODAY, plan)[-1]  # one drug that day
