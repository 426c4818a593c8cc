"""Onboarding: choosing "My own lines" opens the list to add them, and they are saved with the
answers (region and lines), then shown in Help."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Button, Input, Select, Static

from tui.core.crisis_lines import OWN, OWN_LINES_SETTING
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.onboarding import OnboardingScreen
from tui.ui.screens.own_lines_dialog import OwnLinesDialog

from .waiting import wait_for_screen, wait_until

TODAY = date(2027, 3, 15)

NOW = datetime(2027, 3, 15, 9, 0)


async def test_my_own_lines_chosen_at_first_run_are_added_and_saved(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        onboarding = await wait_for_screen(pilot, OnboardingScreen)
        onboarding.query_one("#region", Select).value = OWN
        own = await wait_for_screen(pilot, OwnLinesDialog)
        own.query_one("#own-name", Input).value = "Dr Lee out of hours"
        number = own.query_one("#own-number", Input)
        number.value = "0161 555 0101"
        number.focus()
        await wait_until(pilot, lambda: number.has_focus, "the number field focused")  # Enter goes there
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(own.lines) == 1, "the line added")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is onboarding, "back on the first-run screen")
        await wait_until(pilot, lambda: len(onboarding.own_lines) == 1, "the list handed back")
        onboarding.query_one("#log", Button).press()
        await wait_until(pilot, lambda: journal.settings().onboarded, "the answers stored")
        settings = journal.settings()
        assert settings.region == OWN
        assert settings.extra[OWN_LINES_SETTING] == [
            {"name": "Dr Lee out of hours", "number": "0161 555 0101", "purpose": ""}
        ]
        await pilot.press("f6")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query("#help-text") and "Dr Lee" in str(app.screen.query_one("#help-text", Static).render())
            ),
            "Help showing the own line",
        )
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())
        assert "Dr Lee out of hours: call 0161 555 0101 — my own line" in text
    journal.close()


async def test_skipping_the_own_lines_list_saves_the_region_and_no_lines(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        onboarding = await wait_for_screen(pilot, OnboardingScreen)
        onboarding.query_one("#region", Select).value = OWN
        await wait_for_screen(pilot, OwnLinesDialog)
        await pilot.press("escape")  # the list, left empty
        await wait_until(pilot, lambda: app.screen is onboarding, "back on the first-run screen")
        onboarding.query_one("#log", Button).press()
        await wait_until(pilot, lambda: journal.settings().onboarded, "the answers stored")
        assert journal.settings().region == OWN
        assert OWN_LINES_SETTING not in journal.settings().extra
    journal.close()
