"""Today says a logged diazepam intake as diazepam, in its own tablets (docs/DOMAIN.md §3.12)."""

from __future__ import annotations

from decimal import Decimal

from tests.ui.conftest import TODAY
from tests.ui.test_log_crossover import store_crossover
from tests.ui.test_today_view import open_today, shown
from tui.core.entry import DayEntry, Intake
from tui.ui.app import build_app


async def test_a_logged_diazepam_intake_is_named_and_measured_in_diazepam_tablets(journal):
    store_crossover(journal)
    journal.save_day(DayEntry(TODAY, (Intake(Decimal("0.5"), "08:00"), Intake(Decimal(5), "20:00", "diazepam"))))
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_today(app, pilot)
        text = " ".join(shown(app, "logged").split())
        assert "Taken today: 08:00 clonazepam 0.5 mg = 1 tab · 20:00 diazepam 5 mg = 1 tab" in text
        assert "daily total clonazepam 0.5 mg + diazepam 5 mg" in text
        assert "10 tab" not in text and "5.5 mg" not in text
