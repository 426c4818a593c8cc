"""Crisis lines for the person's region, the right line first for what was logged: the crisis
panel, Help (with its region choice) and onboarding's region question."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import OptionList, Select, Static

from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.screens.onboarding import OnboardingAnswers, OnboardingScreen
from tui.ui.screens.region_dialog import RegionDialog

TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, 0)


def panel_lines(app) -> list[str]:
    return str(app.screen.query_one("#lines", Static).render()).splitlines()


async def show_panel(journal, flagged: list[str]) -> list[str]:
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CrisisPanel(flagged, journal.settings()))
        await pilot.pause()
        return panel_lines(app)


async def test_uk_suicidal_thoughts_puts_samaritans_first(journal):
    journal.update_settings(region="UK")
    lines = await show_panel(journal, ["suicidal_thoughts"])
    assert "116 123" in lines[0] and "Samaritans" in lines[0]
    assert any("999" in line for line in lines[1:])


async def test_uk_seizure_puts_999_first(journal):
    journal.update_settings(region="UK")
    lines = await show_panel(journal, ["seizure"])
    assert "999" in lines[0]


async def test_the_panel_still_accepts_lower_case_labels_and_a_region_code(journal):
    # what the Log passes today: the symptoms' labels in lower case and the region code
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CrisisPanel(["confusion / delirium"], "AU"))
        await pilot.pause()
        lines = panel_lines(app)
        assert "000" in lines[0]
        shown = " ".join(" ".join(str(s.render()).split()) for s in app.screen.query(Static))
        assert "You logged: confusion / delirium." in shown


async def test_help_lists_the_regions_lines_and_r_changes_the_region(journal):
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())
        assert "988" in text and "United States" in text
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegionDialog)
        options = app.screen.query_one("#regions", OptionList)
        codes = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert {"US", "UK", "IE", "CA", "AU", "OWN"} <= set(codes)
        options.highlighted = codes.index("UK")
        await pilot.press("enter")
        await pilot.pause()
        assert journal.settings().region == "UK"
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())
        assert "116 123" in text and "United Kingdom" in text
        assert "988" not in text


async def test_escape_in_the_region_dialog_keeps_the_region(journal):
    journal.update_settings(region="CA")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert journal.settings().region == "CA"


async def test_help_explains_every_plan_flag_and_phase_sign(journal):
    from tui.core.plan_flags import PlanFlag
    from tui.core.scales import Phase

    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        text = " ".join(str(app.screen.query_one("#help-text", Static).render()).split())
        for flag in PlanFlag:
            assert flag.marked in text
        for phase in Phase:
            assert phase.marked in text


async def test_onboarding_offers_a_region_and_returns_it(tmp_path):
    journal = open_journal(tmp_path / "taper.json")
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    answers: list[OnboardingAnswers | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        screen = app.screen
        select = screen.query_one("#region", Select)
        assert select.value == "US"
        select.value = "IE"
        await pilot.pause()
        answers.append(screen._answers(False))
        # the buttons stay on screen at 80×24 with the extra question
        assert screen.query_one("#log").region.bottom <= 24
    journal.close()
    assert answers[0] is not None and answers[0].region == "IE"
