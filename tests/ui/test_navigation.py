"""Moving between views from the keyboard, from anywhere; quitting; the read-only banner."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, TabbedContent

from tui.store.journal import open_journal
from tui.ui.app import VIEWS, build_app

VIEW_IDS = [view_id for view_id, _title, _cls in VIEWS]


def active(app) -> str:
    return app.screen.query_one("#views", TabbedContent).active


@pytest.mark.parametrize("start", VIEW_IDS)
async def test_f_keys_reach_every_view_from_every_view(app_factory, start):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_show_view(start)
        await pilot.pause()
        for number, view_id in enumerate(VIEW_IDS, start=1):
            await pilot.press(f"f{number}")
            await pilot.pause()
            assert active(app) == view_id


async def test_digits_switch_views_when_no_text_field_has_focus(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for number, view_id in reversed(list(enumerate(VIEW_IDS, start=1))):
            if view_id == "log":
                continue  # the Log opens in its first dose, where a digit is typed (tests/ui/test_log_keys.py)
            await pilot.press(str(number))
            await pilot.pause()
            assert active(app) == view_id


async def test_f_keys_work_from_inside_a_focused_text_field(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f" + str(VIEW_IDS.index("log") + 1))
        await pilot.pause()
        inputs = app.screen.query(Input)
        if not inputs:
            pytest.skip("the Log view has no text field yet")
        inputs.first().focus()
        await pilot.pause()
        await pilot.press("1")  # a digit is typed into the field, not a view switch
        await pilot.pause()
        assert active(app) == "log"
        await pilot.press("f1")
        await pilot.pause()
        assert active(app) == "today"


async def test_question_mark_opens_help_showing_the_data_file(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert active(app) == "help"
        text = str(app.screen.query_one("#help-text").render())
        assert str(journal.path) in text
        assert "988" in text


async def test_q_quits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    assert not app.is_running


async def test_second_instance_is_read_only_with_a_banner(tmp_path):
    path = tmp_path / "taper.json"
    first = open_journal(path)
    second = open_journal(path, fall_back_to_read_only=True)
    try:
        assert second.read_only
        app = build_app(second, today=date(2027, 3, 15))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = app.screen.query_one("#read-only-banner")
            assert "READ-ONLY" in str(banner.render())
            assert str(first.path) in str(banner.render())
    finally:
        second.close()
        first.close()


async def test_too_small_terminal_says_so(app_factory):
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        assert app.screen.query_one("#too-small").display
    async with app_factory().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.has_class("-too-small")


async def test_no_color_is_respected(app_factory, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        assert any(type(f).__name__ in ("Monochrome", "NoColor") for f in app._filters)


async def test_a_focus_scheduled_just_before_closing_finds_nothing_to_do(app_factory):
    """A switch right before quitting leaves a focus queued for after the next refresh; under load
    it ran once the screens were gone and raised IndexError out of a test's shutdown."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
    assert not app.screen_stack
    app._focus_active_view()
    app._sync_shown()
    assert app.active_view_id == ""
