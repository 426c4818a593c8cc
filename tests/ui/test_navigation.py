"""Moving between views from the keyboard, from anywhere; quitting; the read-only banner."""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import Button, Input
from textual.widgets._toast import Toast

from tui.store.journal import open_journal
from tui.ui.app import VIEWS, build_app
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.value_field import ValueField

from .waiting import settled, wait_until

VIEW_IDS = [view_id for view_id, _title, _cls in VIEWS]


def active(app) -> str:
    return app.active_view_id


@pytest.mark.parametrize("start", VIEW_IDS)
async def test_f_keys_reach_every_view_from_every_view(app_factory, start):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_show_view(start)
        await pilot.pause()
        for number, view_id in enumerate(VIEW_IDS, start=1):
            await pilot.press(f"f{number}")
            await wait_until(pilot, lambda v=view_id: active(app) == v, f"{view_id} shown")


async def test_digits_switch_views_when_no_text_field_has_focus(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for number, view_id in reversed(list(enumerate(VIEW_IDS, start=1))):
            if view_id == "log":
                continue  # the Log opens in its first dose, where a digit is typed (tests/ui/test_log_keys.py)
            await pilot.press(str(number))
            await wait_until(pilot, lambda v=view_id: active(app) == v, f"{view_id} shown")
            # The Log opens in its first dose (a digit typed there is a dose): no text field has focus here.
            await settled(pilot)
            app.set_focus(None)


async def test_f_keys_work_from_inside_a_focused_text_field(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f" + str(VIEW_IDS.index("log") + 1))
        await wait_until(pilot, lambda: active(app) == "log" and app.screen.query(Input), "the Log's fields shown")
        field = app.screen.query(Input).first()
        field.focus()
        await wait_until(pilot, lambda: field.has_focus, "a text field focused")
        await pilot.press("1")  # a digit is typed into the field, not a view switch
        await settled(pilot)
        assert active(app) == "log"
        await pilot.press("f1")
        await wait_until(pilot, lambda: active(app) == "today", "Today shown")


async def test_question_mark_opens_help_showing_the_data_file(app_factory, journal):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: active(app) == "help" and app.screen.query("#help-text"), "Help shown")
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


async def test_only_the_first_view_is_built_at_start_and_others_on_first_showing(app_factory):
    """Start-up composes Today alone; a view's widgets exist only once it has been shown."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.active_view_id == "today"
        assert [v for v in VIEW_IDS if app.built_view(v) is not None] == ["today"]
        assert not app.screen.query("#log-form")
        await pilot.press(str(VIEW_IDS.index("log") + 1))
        # The Log opens in its form (its first dose), so what is typed first goes into it.
        await wait_until(
            pilot,
            lambda: app.screen.query("#log-form") and app.screen.query_one("#log-form").has_focus_within,
            "the Log's form focused",
        )
        assert app.active_view_id == "log"
        assert [v for v in VIEW_IDS if app.built_view(v) is not None] == ["today", "log"]
        assert app.focused is app.view("log").intakes.rows[0].amount_input  # the first dose
        await pilot.press("f1")
        await wait_until(pilot, lambda: app.active_view_id == "today", "Today shown")
        assert not app.view("log").display


async def test_opening_a_day_builds_the_log_and_shows_that_day(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.built_view("log") is None
        await pilot.press("y")  # Today: log yesterday
        await wait_until(pilot, lambda: app.active_view_id == "log", "the Log shown")
        assert app.view("log").day == date(2027, 3, 14)


async def test_clicking_a_tab_title_shows_that_view(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#view-tab-bar")
        text = str(bar.render())
        for view_id, title, _cls in reversed(VIEWS):
            number = VIEW_IDS.index(view_id) + 1
            await pilot.click("#view-tab-bar", offset=(text.index(f"{number} {title}") + 1, 0))
            await wait_until(pilot, lambda v=view_id: app.active_view_id == v, f"{view_id} shown")
            assert str(bar.render()) == text  # one line, the same titles: only the mark moves


async def test_the_key_bar_reads_its_key_colour_once_per_theme(app_factory, monkeypatch):
    """Each view switch redraws the key bar without rebuilding the theme's colours; a new theme
    is followed at the next redraw."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        dark_styles = {str(span.style) for span in bar.render().spans}
        built: list[str] = []
        original = app.get_css_variables

        def counted() -> dict[str, str]:
            built.append(app.theme)
            return original()

        monkeypatch.setattr(app, "get_css_variables", counted)
        for key in ("f2", "f4", "f1", "f2"):
            await pilot.press(key)
            await pilot.pause()
        assert built == []
        monkeypatch.undo()
        app.theme = "textual-light"
        await pilot.press("f1")
        await pilot.pause()
        light_styles = {str(span.style) for span in bar.render().spans}
        assert light_styles and light_styles != dark_styles


async def test_notifications_never_cover_the_quit_dialog(app_factory):
    """At 80×24 two toasts covered the quit dialog's buttons: they now take their own rows."""
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        app.view("log").query_one("#anxiety", ValueField).input.value = "4"
        app.notify("A long message about something that happened just now, long enough to wrap.", timeout=30)
        app.notify("Another one", timeout=30)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        app.notify("A third, while the dialog is open", timeout=30)
        await pilot.pause()
        toasts = [toast.region for toast in app.screen.query(Toast)]
        dialog = app.screen.query_one("ConfirmDialog > Vertical").region
        buttons = [button.region for button in app.screen.query(Button)]
        assert len(toasts) == 3 and len(buttons) == 2
        assert all(not toast.overlaps(part) for toast in toasts for part in [dialog, *buttons])
        assert all(app.screen.region.contains_region(button) for button in buttons)


async def test_a_switch_asked_for_while_a_view_is_composed_waits_for_it(app_factory):
    """Keys typed ahead on a busy machine: the second view is built once the first is composed."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_show_view("log")
        app.open_day(date(2027, 3, 10))  # the Log is still being composed: this waits for it
        app.action_show_view("history")
        await wait_until(pilot, lambda: app.active_view_id == "history" and app.view("history").shown, "History shown")
        assert app.view("log").day == date(2027, 3, 10)
        assert app.view("history").shown and not app.view("log").shown


async def test_quitting_while_a_view_is_composed_waits_for_it_then_quits_cleanly(app_factory):
    """Quitting tore a half-composed view down, which then failed inside it (exit status 1)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_show_view("chart")
        app.action_quit_app()
        await pilot.pause()
        await pilot.pause()
    assert not app.is_running
    assert app.return_code in (0, None) and app.crash_log is None


async def test_keys_typed_while_a_view_is_composed_reach_it_in_order(app_factory):
    """On a slow link a person types on before the Log has been built: those keys wait for it and
    land in its first dose, in order, instead of going to whatever had the focus meanwhile."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.built_view("log") is None
        # All queued before the Log's first compose has run (Pilot's press waits between keys).
        for key, character in (("f3", None), ("0", "0"), ("full_stop", "."), ("5", "5")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        log = app.view("log")
        assert app.active_view_id == "log"
        assert log.intakes.rows[0].amount_input.value == "0.5"
        assert app.focused is log.intakes.rows[0].amount_input
