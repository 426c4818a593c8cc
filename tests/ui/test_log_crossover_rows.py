"""The Log on a crossover stage (docs/DOMAIN.md §3.12): its header counts intakes as ``taper-tui
status`` does, changing a row's drug never carries an amount over to the other drug, and an error
goes as soon as its row is valid."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.ui.test_log_crossover import store_crossover
from tests.ui.test_log_doses import SIZE, TODAY, open_log
from tui.core.entry import DayEntry, Intake

YESTERDAY = TODAY - timedelta(days=1)


async def test_the_header_counts_intake_times_as_status_does(app_factory, journal):
    store_crossover(journal)
    journal.save_day(DayEntry(YESTERDAY, (Intake(Decimal("0.5"), "08:00"),)))
    journal.save_day(DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam"))))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        log = await open_log(pilot)
        header = str(log.query_one("#log-header").content)
        assert "  ·  logged" in header and "of 2" not in header  # the night logged by its diazepam alone
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert "1 of 2 intakes logged" in str(log.query_one("#log-header").content)
