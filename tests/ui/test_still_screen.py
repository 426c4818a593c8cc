"""The test setup keeps every screen still: no animations, no blinking cursor (tests/conftest.py).

If a Textual upgrade renames what the fixture patches, these fail instead of the snapshots
turning flaky again.
"""

from __future__ import annotations

import os

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea


class _Fields(App[None]):
    """An input and a text area, the two widgets with a blinking cursor."""

    def compose(self) -> ComposeResult:
        yield Input("typed", id="field")
        yield TextArea("note", id="note")


async def test_apps_built_in_tests_run_without_animations(app_factory):
    app = app_factory()
    assert app.animation_level == "none"
    assert os.environ["TEXTUAL_ANIMATIONS"] == "none"  # for the app started in a subprocess
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"


async def test_focused_fields_do_not_blink():
    app = _Fields()
    async with app.run_test(size=(80, 24)) as pilot:
        for selector in ("#field", "#note"):
            widget = app.query_one(selector)
            widget.focus()
            await pilot.pause()
            assert widget.has_focus and not widget.cursor_blink
    assert not TextArea().cursor_blink and not Input().cursor_blink
