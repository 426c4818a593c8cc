"""A draft due while the app closes reads no form: the forms are being taken apart then.

Under ``App.run_test`` the screens are closed while the app's own timers still run, so the
debounced draft write (half a second after a key) can come due with the plan editor on the
stack and its fields already gone: it read them, raised ``NoMatches`` and turned a passing test
into a crash, now and then, on a loaded machine. Outside tests the app's timers stop before its
screens close, and the way out (:meth:`DraftKeeper._on_exit_app`) writes the drafts while every
form is whole; a write asked for once the app has stopped running has nothing left to keep.
"""

from __future__ import annotations

import asyncio

from textual.widget import Widget
from textual.widgets import Input

from tests.ui.conftest import TODAY
from tui.store.drafts import read_draft
from tui.store.journal import Journal
from tui.ui.app import build_app
from tui.ui.screens.plan_editor import PlanEditorScreen

from .waiting import wait_for_screen, wait_until


class DraftDueOnClose(Widget):
    """Placed in the plan editor, it asks for a draft write as the editor closes, once the
    editor's fields are gone (as the debounced write does when it comes due at that moment)."""

    def on_mount(self) -> None:
        self.editor = self.screen

    async def on_unmount(self) -> None:
        # The editor's other children close beside this one: let them go first.
        for _ in range(1000):
            if not self.editor.query("#drug"):
                break
            await asyncio.sleep(0)
        assert not self.editor.query("#drug"), "the editor's fields were never closed"
        self.app.write_drafts()


async def test_a_draft_write_while_the_editor_closes_with_the_app_reads_no_field(journal: Journal) -> None:
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: app.active_view_id == "schedule", "Schedule shown")
        await pilot.press("n")  # a new plan
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        editor.query_one("#dose", Input).value = "2"
        await wait_until(pilot, lambda: editor.has_unsaved_changes, "the editor changed")
        app.write_drafts()
        assert read_draft(journal.path, "plan") is not None  # a whole form is kept
        await editor.mount(DraftDueOnClose())
    # Closing the app closed the editor with a draft write due: no crash, and the draft kept.
    assert read_draft(journal.path, "plan") is not None
