"""The person's own crisis lines, typed in the app: from Help's ``r`` (choosing "my own lines",
or ``o`` for any region), stored in the settings, shown in Help and the crisis panel with the
region's lines, shown as data, and a bad field named with its value."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from tests.ui.schedule_helpers import running
from tui.core.crisis_lines import OWN, OWN_LINES_SETTING
from tui.ui.screens.crisis_panel import CrisisPanel
from tui.ui.screens.own_lines_dialog import OwnLinesDialog
from tui.ui.screens.region_dialog import RegionDialog


def flat(widget: Static) -> str:
    return " ".join(str(widget.render()).split())


def help_text(app) -> str:
    return flat(app.screen.query_one("#help-text", Static))


async def wait_until(pilot, done) -> None:
    """Pause until ``done()`` holds (a dialog's result is handled a few frames later under load)."""
    for _ in range(100):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the app did not get there")


async def open_region_dialog(pilot, app) -> RegionDialog:
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(app.screen, RegionDialog))
    return app.screen


async def choose(pilot, dialog: RegionDialog, code: str) -> None:
    options = dialog.query_one("#regions", OptionList)
    codes = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = codes.index(code)
    await pilot.press("enter")
    await pilot.pause()


async def open_own_lines(pilot, app, choose_own: bool = False) -> tuple[RegionDialog, OwnLinesDialog]:
    """Help's ``r``, then "my own lines" chosen in the list (``choose_own``) or ``o`` pressed: the
    region dialog and the own-lines dialog over it."""
    dialog = await open_region_dialog(pilot, app)
    if choose_own:
        await choose(pilot, dialog, OWN)
    else:
        await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, OwnLinesDialog))
    own = app.screen
    assert isinstance(own, OwnLinesDialog)
    return dialog, own


async def type_line(pilot, dialog: OwnLinesDialog, name: str, number: str, purpose: str = "") -> None:
    """Type into the three fields and press Enter in the last one (adds the line)."""
    for widget_id, text in (("own-name", name), ("own-number", number), ("own-purpose", purpose)):
        field = dialog.query_one(f"#{widget_id}", Input)
        field.focus()
        field.value = text
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_my_own_lines_are_added_stored_and_shown_in_help_and_the_crisis_panel(journal):
    async with running(journal) as (app, pilot):
        _dialog, own = await open_own_lines(pilot, app, choose_own=True)
        assert "None yet" in str(own.query_one("#own-lines", OptionList).get_option_at_index(0).prompt)
        await type_line(pilot, own, "Dr Lee out of hours", "0161 555 0101", "my prescriber")
        await type_line(pilot, own, "Crisis team", "0800 123 456")
        assert own.query_one("#own-lines", OptionList).option_count == 2
        await pilot.press("escape")  # done: the list is stored with the region
        await wait_until(pilot, lambda: journal.settings().region == OWN)
        settings = journal.settings()
        assert settings.region == OWN
        assert settings.extra[OWN_LINES_SETTING] == [
            {"name": "Dr Lee out of hours", "number": "0161 555 0101", "purpose": "my prescriber"},
            {"name": "Crisis team", "number": "0800 123 456", "purpose": ""},
        ]
        await wait_until(pilot, lambda: "Dr Lee out of hours" in help_text(app))
        text = help_text(app)
        assert "Dr Lee out of hours: call 0161 555 0101 — my prescriber" in text
        assert "Crisis team: call 0800 123 456 — my own line" in text
        assert "Emergency: call your local emergency number" in text
        app.push_screen(CrisisPanel(["seizure"], journal.settings()))
        await pilot.pause()
        lines = str(app.screen.query_one("#lines", Static).render()).splitlines()
        assert "local emergency number" in lines[0]  # a seizure: the emergency line first
        assert "Dr Lee out of hours" in lines[1]


async def test_o_adds_own_lines_to_a_regions_lines_and_keeps_the_region(journal):
    journal.update_settings(region="UK")
    async with running(journal) as (app, pilot):
        _dialog, own = await open_own_lines(pilot, app)
        await type_line(pilot, own, "Dr Lee", "0161 555 0101")
        await pilot.press("escape")
        await wait_until(pilot, lambda: OWN_LINES_SETTING in journal.settings().extra)
        assert journal.settings().region == "UK"
        await wait_until(pilot, lambda: "Dr Lee" in help_text(app))
        text = help_text(app)
        assert "116 123" in text and "Dr Lee: call 0161 555 0101" in text
        app.push_screen(CrisisPanel(["suicidal_thoughts"], journal.settings()))
        await pilot.pause()
        lines = str(app.screen.query_one("#lines", Static).render()).splitlines()
        assert "Samaritans" in lines[0]  # the checked crisis line stays first
        assert any("Dr Lee" in line for line in lines)


async def test_a_bad_number_is_named_with_its_value_and_what_was_typed_stays(journal):
    async with running(journal) as (app, pilot):
        dialog, own = await open_own_lines(pilot, app)
        await type_line(pilot, own, "Dr Lee", "call me")
        problem = flat(own.query_one("#problem", Static))
        assert problem.startswith('⚠ Number: "call me" — use digits')
        assert own.query_one("#own-name", Input).value == "Dr Lee"
        assert own.query_one("#own-number", Input).value == "call me"
        assert own.query_one("#own-number", Input).has_focus
        # Escape with the text still there does not drop it: the dialog stays open, says why.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is own
        # An empty name is named too.
        await type_line(pilot, own, "", "0161 555 0101")
        assert flat(own.query_one("#problem", Static)).startswith('⚠ Name: "" — type who the line reaches')
        own.query_one("#own-number", Input).value = ""
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is dialog)  # nothing was added: nothing stored
        assert OWN_LINES_SETTING not in journal.settings().extra


async def test_a_line_that_looks_like_markup_is_shown_as_typed_and_stored_exactly(journal):
    async with running(journal) as (app, pilot):
        _dialog, own = await open_own_lines(pilot, app)
        await type_line(pilot, own, "[b]Dr Lee[/b] [link=x]", "+44 (0)161 555-0101", "[red]nights[/]")
        await type_line(pilot, own, "Dr\x1b[2J Lee", "0161 555 0101")
        assert flat(own.query_one("#problem", Static)).startswith('⚠ Name: "Dr\\x1b[2J Lee" — use plain text')
        own.query_one("#own-name", Input).value = ""
        own.query_one("#own-number", Input).value = ""
        await pilot.press("escape")
        await wait_until(pilot, lambda: OWN_LINES_SETTING in journal.settings().extra)
        stored = journal.settings().extra[OWN_LINES_SETTING]
        assert stored == [
            {"name": "[b]Dr Lee[/b] [link=x]", "number": "+44 (0)161 555-0101", "purpose": "[red]nights[/]"}
        ]
        await wait_until(pilot, lambda: "[link=x]" in help_text(app))
        assert "[b]Dr Lee[/b] [link=x]: call +44 (0)161 555-0101 — [red]nights[/]" in help_text(app)
        app.push_screen(CrisisPanel(["seizure"], journal.settings()))
        await pilot.pause()
        assert "[b]Dr Lee[/b] [link=x]" in flat(app.screen.query_one("#lines", Static))


async def test_delete_on_the_list_removes_a_line(journal):
    journal.update_settings(
        **{OWN_LINES_SETTING: [{"name": "Old line", "number": "0161 555 0101", "purpose": ""}], "region": OWN}
    )
    async with running(journal) as (app, pilot):
        _dialog, own = await open_own_lines(pilot, app, choose_own=True)
        options = own.query_one("#own-lines", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("delete")
        await pilot.pause()
        assert flat(own.query_one("#problem", Static)).startswith("Removed: Old line")
        await pilot.press("escape")
        await wait_until(pilot, lambda: journal.settings().extra[OWN_LINES_SETTING] == [])
        await wait_until(pilot, lambda: "you chose your own lines but have not added any yet" in help_text(app))
