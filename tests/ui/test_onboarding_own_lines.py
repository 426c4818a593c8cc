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

TODAY = date(2027, 3, 15)


async def wait_for_screen(pilot, kind: type) -> None:
    """Pause until the app shows a screen of ``kind`` (a push is handled a few frames later under load)."""
    for _ in range(100):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause()
    raise AssertionError(f"{kind.__name__} not shown; {pilot.app.screen!r} is")


NOW = datetime(2027, 3, 15, 9, 0)


async def test_my_own_lines_chosen_at_first_run_are_added_and_saved(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        onboarding = app.screen
        assert isinstance(onboarding, OnboardingScreen)
        onboarding.query_one("#region", Select).value = OWN
        await wait_for_screen(pilot, OwnLinesDialog)
        own = app.screen
        assert isinstance(own, OwnLinesDialog)
        own.query_one("#own-name", Input).value = "Dr Lee out of hours"
        number = own.query_one("#own-number", Input)
        number.value = "0161 555 0101"
        number.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await wait_for_screen(pilot, OnboardingScreen)
        assert app.screen is onboarding
        onboarding.query_one("#log", Button).press()
        for _ in range(100):  # the answers are stored once the screen has closed
            if journal.settings().onboarded:
                break
            await pilot.pause()
        settings = journal.settings()
        assert settings.region == OWN
        assert settings.extra[OWN_LINES_SETTING] == [
            {"name": "Dr Lee out of hours", "number": "0161 555 0101", "purpose": ""}
        ]
        await pilot.press("f6")
        for _ in range(100):
            if app.screen.query("#help-text") and "Dr Lee" in str(app.screen.query_one("#help-text", Static).render()):
                break
            await pilot.pause()
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())
        assert "Dr Lee out of hours: call 0161 555 0101 — my own line" in text
    journal.close()


async def test_skipping_the_own_lines_list_saves_the_region_and_no_lines(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        onboarding = app.screen
        onboarding.query_one("#region", Select).value = OWN
        await wait_for_screen(pilot, OwnLinesDialog)
        await pilot.press("escape")  # the list, left empty
        await wait_for_screen(pilot, OnboardingScreen)
        onboarding.query_one("#log", Button).press()
        for _ in range(100):  # the answers are stored once the screen has closed
            if journal.settings().onboarded:
                break
            await pilot.pause()
        assert journal.settings().region == OWN
        assert OWN_LINES_SETTING not in journal.settings().extra
    journal.close()
