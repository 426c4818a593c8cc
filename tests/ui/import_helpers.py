"""Opening the import dialog on a file and previewing it, as the import tests all begin.

Written once, so that a change to how the dialog is opened or asked for its preview is made in
one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tui.ui.screens.import_dialog import ImportDialog


async def preview_import(pilot: Pilot[Any], path: Path) -> ImportDialog:
    """Open the import dialog (ctrl+o), name ``path`` in it and show its preview; nothing is imported."""
    await pilot.press("ctrl+o")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ImportDialog)
    dialog.query_one("#path", Input).value = str(path)
    dialog.preview()
    await pilot.pause()
    return dialog
