"""First run: the safety notice, a few questions, then a plan or straight to logging."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from textual.widgets import Input

from tui.core.safety import SAFETY_NOTICE
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.onboarding import OnboardingScreen
from tui.ui.screens.plan_editor import PlanEditorScreen

from .waiting import settled, wait_for_screen, wait_until

TODAY = date(2027, 3, 15)


def fresh_app(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    return journal, build_app(journal, today=TODAY, clock=lambda: datetime(2027, 3, 15, 9, 0))


async def test_first_run_shows_the_safety_notice_then_builds_a_plan(tmp_path):
    journal, app = fresh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        onboarding = await wait_for_screen(pilot, OnboardingScreen)  # typing goes to its dose field
        assert SAFETY_NOTICE in str(onboarding.query_one("#notice").render()).replace("\n", " ")
        await pilot.press(*"0.5")
        await wait_until(pilot, lambda: onboarding.query_one("#dose", Input).value == "0.5", "0.5 typed in the dose")
        onboarding.query_one("#plan").press()
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        assert editor.query_one("#dose", Input).value == "0.5"
        assert editor.query_one("#intakes", Input).value == "2"
        assert editor.query_one("#split", Input).value == ""  # empty: split evenly
        assert editor.plan is not None and editor.plan.params.split == (Decimal("0.25"), Decimal("0.25"))
        editor.query_one("#jump-off", Input).value = "0.05"
        await settled(pilot)  # the preview follows the new field before the save, as for a person
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: journal.get_plan() is not None, "the plan saved")
        assert [e["kind"] for e in journal.events()] == ["create"]
        settings = journal.settings()
        assert settings.onboarded and settings.drug == "clonazepam"
        assert settings.intake_times == ("08:00", "20:00")
        first = journal.get_plan()["steps"][0]
        assert Decimal(first["dose_mg"]) < Decimal("0.5")
    journal.close()


async def test_first_run_can_go_straight_to_logging(tmp_path):
    journal, app = fresh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        onboarding = await wait_for_screen(pilot, OnboardingScreen)
        onboarding.query_one("#log").press()
        await wait_until(pilot, lambda: app.active_view_id == "log", "the Log shown")
        assert journal.get_plan() is None
    journal.close()
    reopened = open_journal(tmp_path / "taper.json")
    assert not build_app(reopened, today=TODAY).needs_onboarding()
    reopened.close()


async def test_bad_onboarding_answer_is_named_and_kept(tmp_path):
    journal, app = fresh_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        onboarding = await wait_for_screen(pilot, OnboardingScreen)
        await pilot.press(*"lots")
        await wait_until(pilot, lambda: onboarding.query_one("#dose", Input).value == "lots", "lots typed in the dose")
        onboarding.query_one("#log").press()
        problem = lambda: str(onboarding.query_one("#problem").render())  # noqa: E731
        await wait_until(pilot, lambda: "lots" in problem(), "the problem shown")
        assert app.screen is onboarding
        assert 'Daily dose mg: "lots" is not allowed' in problem()
        assert onboarding.query_one("#dose", Input).value == "lots"
    journal.close()
