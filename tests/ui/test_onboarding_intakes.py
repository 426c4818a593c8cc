"""First run with any number of intakes: times follow the count, bounds are the editor's and the CLI's."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from textual.widgets import Input

from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.onboarding import OnboardingScreen
from tui.ui.screens.plan_editor import PlanEditorScreen

from .waiting import settled, wait_for_screen, wait_until

TODAY = date(2027, 3, 15)


async def test_three_intakes_propose_three_times_and_plan_three_intakes(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: datetime(2027, 3, 15, 9, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, OnboardingScreen)
        times = screen.query_one("#times", Input)
        assert times.value == "08:00, 20:00"
        screen.query_one("#dose", Input).value = "1"
        screen.query_one("#intakes", Input).value = "3"
        await wait_until(pilot, lambda: times.value == "08:00, 14:00, 20:00", "three times proposed")
        screen.query_one("#intakes", Input).value = "4"
        await wait_until(pilot, lambda: times.value == "08:00, 12:00, 16:00, 20:00", "four times proposed")
        screen.query_one("#intakes", Input).value = "3"
        await wait_until(pilot, lambda: times.value == "08:00, 14:00, 20:00", "three times proposed again")
        screen.query_one("#plan").press()
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        assert editor.query_one("#intakes", Input).value == "3"
        assert editor.plan is not None
        assert editor.plan.params.split == (Decimal("0.33"), Decimal("0.34"), Decimal("0.33"))
    assert journal.settings().intake_times == ("08:00", "14:00", "20:00")
    assert journal.settings().intakes_per_day == 3
    journal.close()


async def test_own_times_are_kept_when_the_count_changes_and_a_mismatch_is_named(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, OnboardingScreen)
        screen.query_one("#times", Input).value = "07:30, 19:30"
        screen.query_one("#intakes", Input).value = "3"
        await settled(pilot)  # both changes handled: nothing to wait for when the times are kept
        assert screen.query_one("#times", Input).value == "07:30, 19:30"
        screen.query_one("#log").press()
        problem = lambda: str(screen.query_one("#problem").render())  # noqa: E731
        await wait_until(pilot, lambda: "Usual times" in problem(), "the problem shown")
        assert app.screen is screen
        assert "one time per intake (3)" in problem()
    journal.close()


async def test_seven_intakes_are_refused_as_everywhere_else(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, OnboardingScreen)
        screen.query_one("#intakes", Input).value = "7"
        screen.query_one("#log").press()
        problem = lambda: str(screen.query_one("#problem").render())  # noqa: E731
        await wait_until(pilot, lambda: "Intakes a day" in problem(), "the problem shown")
        assert 'Intakes a day: "7" is not allowed — use a whole number from 1 to 6' in problem()
    journal.close()
