"""The Chart's key bar at 80×24 names every mode it has: ``a`` (days since each cut) and ``L``
(estimated level) are shown with what they do, as ``m``, ``r``, ``t`` and ``c`` are."""

from __future__ import annotations

from textual.binding import Binding

from tests.ui.chart_helpers import load_demo, open_chart
from tui.ui.chart.view import ChartView
from tui.ui.views.help import KEY_GROUPS
from tui.ui.widgets.key_bar import KeyBar


def key_bar_text(app) -> str:
    """The key bar's line exactly as drawn (cut to its width, as the person reads it)."""
    bar = app.screen.query_one(KeyBar)
    return "".join(segment.text for segment in bar.render_line(0)).rstrip()


async def test_the_key_bar_shows_a_and_L_with_what_they_do(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chart(app, pilot)
        await pilot.pause()
        line = key_bar_text(app)
        assert " a Since cut " in line, line
        assert " L Level " in line, line
        assert "…" not in line, line  # nothing cut off at 80 columns
        for key in ("m Metric", "r Range", "t Cuts", "c Calendar"):
            assert key in line, line


async def test_the_arrows_share_one_entry_and_still_move_through_time(app_factory, journal):
    load_demo(journal)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_chart(app, pilot)
        assert " r Range  ← →  t Cuts " in key_bar_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert view.end is not None and view.end < view.today  # ← moves the window back
        await pilot.press("right")
        await pilot.pause()
        assert view.end is None  # → forward again, to the window ending today


def test_help_lists_every_chart_key_the_bar_shows() -> None:
    chart_keys = dict(dict(KEY_GROUPS)["Chart"])
    assert chart_keys["a"].startswith("days since each cut")
    assert chart_keys["L"].startswith("estimated drug level")
    assert "← → / h l" in chart_keys
    shown = {binding.key for binding in ChartView.BINDINGS if isinstance(binding, Binding) and binding.show}
    assert shown == {"m", "r", "left,h", "t", "c", "a", "L"}
    first_keys = {term.split(" ")[0] for term in chart_keys}
    assert shown - {"left,h"} <= first_keys and "←" in first_keys
