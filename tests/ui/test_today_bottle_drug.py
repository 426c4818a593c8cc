"""Today's supply line counts a crossover plan's diazepam bottle against the diazepam taken
(docs/DOMAIN.md §3.12): in tablets, it was taken for the clonazepam tablets."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.conftest import TODAY
from tests.ui.test_today_view import shown
from tests.ui.view_keys import show_view
from tui.core.plan_changes import creation_event
from tui.core.supply import SUPPLY_SETTING, Bottle
from tui.ui.app import build_app
from tui.ui.views.today import TodayView

START = TODAY - timedelta(days=2)


async def test_the_supply_line_counts_a_diazepam_bottle_in_diazepam_tablets(journal):
    plan = crossover_plan(START)
    journal.save_plan(plan.to_record(), creation_event(plan, datetime(2027, 3, 1, 9, 0)))
    bottle = Bottle.create("10", "tablets", START, START + timedelta(days=90), drug="diazepam")
    journal.update_settings(**{SUPPLY_SETTING: bottle.to_record()})
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_view(pilot, "today", TodayView)
        # One 5 mg tablet a day in stage 1 (13–19 Mar), two from the 20th (the evening's 10 mg):
        # 1 left on the 21st. Read as 0.5 mg clonazepam tablets (1 ½ a day) it ran out on the 19th.
        text = " ".join(shown(app, "supply").split())
        assert text.startswith("Supply: the diazepam bottle runs out on Sun 21 Mar 2027 (in 6 d)"), text
