"""The app imports a view, a dialog or the Chart's plotting only when it is first used.

Start-up pays for Textual, the store and the Today view; everything else waits until a person
asks for it: the other views on their first showing, plotext with the Chart, the exporters and
the report with the export dialog, and the Log's dialogs (a date prompt, the crisis lines, the
plausibility check) only when the Log opens one. These tests keep it so: each runs the app in a
new Python process and lists the modules loaded at a given moment. Nothing here is timed
(``make bench`` times the start-up and each first opening).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import TODAY

LATER = (
    "plotext",
    "textual_plotext",
    "tui.exchange",
    "tui.demo",
    "tui.ui.chart",
    "tui.ui.screens",
    "tui.ui.views.schedule",
    "tui.ui.views.log",
    "tui.ui.views.history",
    "tui.ui.views.help",
    "tui.ui.widgets.day_form",
    "tui.ui.widgets.intake_list",
    "tui.ui.widgets.symptom_list",
    "textual.widgets._text_area",
    "textual.widgets._data_table",
    "tui.core.plan_input",
    "tui.core.plan_field_parsers",
)
"""Packages and modules none of which the first screen (Today) needs (the Log's widgets, TextArea and
DataTable among them, and the plan editor's parsers)."""

LOG_DIALOGS = (
    "tui.ui.screens.crisis_panel",
    "tui.ui.screens.date_prompt",
    "tui.ui.screens.plausibility_dialog",
    "tui.ui.screens.unsaved_changes",
    "tui.ui.screens.text_prompt",
)
"""Dialogs the Log opens on request: not needed to show it."""

PROBE = """
import asyncio, sys
from datetime import date
from pathlib import Path

listing, data, today, keys = Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]), sys.argv[4:]
if keys == ["--import-only"]:
    import tui.ui.app
else:
    from tui.store.journal import open_journal
    from tui.ui.app import build_app

    async def run() -> None:
        journal = open_journal(data)
        journal.update_settings(onboarded=True)
        try:
            app = build_app(journal, today=today)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert app.active_view_id == "today"
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
        finally:
            journal.close()

    asyncio.run(run())
listing.write_text("\\n".join(sorted(sys.modules)), encoding="utf-8")
"""
"""``python -c PROBE LISTING DATA TODAY KEYS…``: the app on DATA, KEYS pressed, loaded modules into LISTING."""


def loaded_after(tmp_path: Path, *keys: str) -> set[str]:
    """Every module loaded in a new Python once the app showed Today and then took ``keys``."""
    listing = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(listing), str(tmp_path / "taper.json"), TODAY.isoformat(), *keys],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return set(listing.read_text(encoding="utf-8").split("\n"))


def loaded_from(modules: set[str], packages: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


def test_importing_the_app_loads_no_view_dialog_or_plotting(tmp_path: Path) -> None:
    modules = loaded_after(tmp_path, "--import-only")
    assert "tui.ui.app" in modules
    assert loaded_from(modules, LATER) == set()
    assert "tui.ui.views.today" not in modules  # imported when the first screen is composed


def test_the_first_screen_loads_today_and_nothing_it_does_not_show(tmp_path: Path) -> None:
    modules = loaded_after(tmp_path)
    assert "tui.ui.views.today" in modules
    assert loaded_from(modules, LATER) == set()


@pytest.mark.parametrize(("key", "view"), [("f2", "schedule"), ("f3", "log"), ("f4", "history"), ("f6", "help")])
def test_a_view_is_imported_on_its_first_showing_without_the_others(tmp_path: Path, key: str, view: str) -> None:
    modules = loaded_after(tmp_path, key)
    assert f"tui.ui.views.{view}" in modules
    others = {f"tui.ui.views.{other}" for other in ("schedule", "log", "history", "help") if other != view}
    assert modules & others == set()
    assert loaded_from(modules, ("plotext", "textual_plotext", "tui.ui.chart", "tui.exchange")) == set()


def test_opening_the_log_loads_none_of_its_dialogs(tmp_path: Path) -> None:
    modules = loaded_after(tmp_path, "f3")
    assert "tui.ui.views.log" in modules
    assert loaded_from(modules, LOG_DIALOGS) == set()


def test_the_chart_brings_plotext_with_it(tmp_path: Path) -> None:
    modules = loaded_after(tmp_path, "f5")
    assert "tui.ui.chart.view" in modules
    assert "plotext" in modules
