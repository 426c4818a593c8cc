"""What the plan editor tests share: the way into the editor, typing into its fields, its problem
line, and saving through the guideline's confirmation.

Each is written once, so that a change to how the editor is reached or how it reports a problem
is made in one place for every editor test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input

from tests.ui.schedule_helpers import open_schedule, running
from tests.ui.waiting import settled, wait_for_screen
from tui.store.journal import Journal
from tui.ui.app import TaperApp
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.plan_editor import PlanEditorScreen


async def open_editor(pilot: Pilot[Any], key: str = "n") -> PlanEditorScreen:
    """The editor from the Schedule's ``key``: ``n`` a new plan, ``p`` a re-plan of the stored one."""
    await open_schedule(pilot)
    await pilot.press(key)
    return await wait_for_screen(pilot, PlanEditorScreen)


@asynccontextmanager
async def in_editor(journal: Journal, key: str = "n") -> AsyncIterator[tuple[TaperApp, Pilot[Any], PlanEditorScreen]]:
    """The app at NOW at 80×24 with the editor open from the Schedule's ``key``."""
    async with running(journal) as (app, pilot):
        yield app, pilot, await open_editor(pilot, key)


def problem_text(editor: PlanEditorScreen) -> str:
    """The editor's problem line as shown."""
    return str(editor.query_one("#problem").render())


async def type_into(pilot: Pilot[Any], editor: PlanEditorScreen, widget_id: str, text: str) -> None:
    """Set the field ``widget_id`` to ``text`` and wait until the editor has read it."""
    editor.query_one(f"#{widget_id}", Input).value = text
    await settled(pilot)  # the editor rebuilt the plan from it


async def type_fields(pilot: Pilot[Any], editor: PlanEditorScreen, fields: dict[str, str]) -> None:
    """:func:`type_into` each field of ``fields`` (widget id → text), in order."""
    for widget_id, text in fields.items():
        await type_into(pilot, editor, widget_id, text)


async def save_confirming(app: TaperApp, pilot: Pilot[Any]) -> None:
    """Save the plan (ctrl+s), saying yes if the guideline asks first (a stop from above a jump-off)."""
    await pilot.press("ctrl+s")
    await settled(pilot)
    if isinstance(app.screen, ConfirmDialog):
        app.screen.query_one("#confirm", Button).press()
        await settled(pilot)
