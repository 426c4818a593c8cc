"""Watching the data file underneath the taper-tui app: changes, reloads, taking over as writer.

Rule: a file changed, damaged or deleted underneath is never saved over; the writer says so in a
banner and offers ctrl+r (reload), while a read-only copy follows the file as it changes and, once
the writing taper-tui has closed, offers ctrl+w to become the writer. Checked every few seconds.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.app import App
from textual.widgets import Static

from tui.store.atomic_storage import parse_data_file, read_data_bytes
from tui.store.errors import StoreError
from tui.store.lock import WriterLock
from tui.ui.shown_text import widget_text

if TYPE_CHECKING:
    from tui.store.journal import Journal
    from tui.ui.session import Session

FILE_CHECK_SECONDS = 2
"""How often the data file is checked for a change underneath (deleted, replaced, damaged)."""


class FileWatch(App[None]):
    """The data-file watch, its banner and the reload / write-here actions of :class:`~tui.ui.app.TaperApp`.

    A mixin rather than a helper object because its ``action_*`` methods are bound to app keys
    (ctrl+r, ctrl+w) and Textual looks actions up on the app itself.
    """

    if TYPE_CHECKING:
        session: Session

        @property
        def journal(self) -> Journal: ...

    def __init__(self) -> None:
        super().__init__()
        self._file_trouble = ""
        """What is wrong with the data file on disk (shown in the banner), or ``""``."""

    def _file_problem(self) -> str:
        """What is wrong with the data file on disk now, or ``""`` when it can be read."""
        try:
            raw, _identity = read_data_bytes(self.journal.real_path)
            parse_data_file(self.journal.real_path, raw)
        except FileNotFoundError:
            return "was deleted or moved away"
        except (StoreError, OSError):
            return "is damaged or is not a taper-tui file any more"
        return ""

    def check_file(self) -> None:
        """Every few seconds: follow the file (read-only) or notice a change underneath (writer)."""
        journal = self.journal
        if journal.read_only:
            if journal.changed_on_disk():
                problem = self._file_problem()
                if problem:
                    self._show_file_trouble(
                        f"The data file {problem}. Showing what was last read; nothing is written here."
                    )
                else:
                    self.session.reload()
                    self._show_file_trouble("")
            if not self._file_trouble and journal.locked_by is not None and not self._writer_running():
                self._show_file_trouble(
                    "The taper-tui that was writing to this file has closed: ctrl+w to write here.", kind="writer"
                )
            return
        if journal.changed_on_disk():
            problem = self._file_problem() or "was changed by another program"
            self._show_file_trouble(
                f"The data file {problem} while taper-tui was open. Nothing is saved over it; what you type is "
                "kept. ctrl+r reloads the file as it is now (or `taper-tui restore` lists its backups)."
            )

    def _writer_running(self) -> bool:
        holder = WriterLock(self.journal.path).holder()
        if holder is None:
            return False
        try:
            os.kill(holder, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _show_file_trouble(self, text: str, kind: str = "file") -> None:
        self._file_trouble = text
        # A check on its timer can fire while the app closes and its screens are torn down (it
        # raised NoMatches out of a test's shutdown under load): then there is nothing to show.
        found = self.screen_stack[0].query("#file-banner") if self.screen_stack and self.is_running else None
        if not found:
            return
        banner = found.first(Static)
        banner.update(text)
        banner.display = bool(text)
        banner.set_class(kind == "writer", "-writer")

    def action_reload_file(self) -> None:
        """Read the data file again as it is now (ctrl+r); the Log form keeps unsaved changes."""
        problem = self._file_problem()
        if problem:
            self.notify(
                widget_text(f"The data file {problem}: it cannot be read, so nothing was reloaded."),
                severity="error",
                timeout=10,
            )
            return
        try:
            self.session.reload()
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error", timeout=10)
            return
        self._show_file_trouble("")
        self.notify("Reloaded the data file.", timeout=4)

    def action_become_writer(self) -> None:
        """A read-only copy takes over as the writer once the other taper-tui has closed (ctrl+w)."""
        if not self.journal.read_only:
            return
        try:
            became = self.session.become_writer()
        except StoreError as error:
            self.notify(widget_text(str(error)), severity="error", timeout=10)
            return
        if not became:
            self.notify("Another taper-tui still writes to this file.", severity="warning", timeout=6)
            return
        self._show_file_trouble("")
        for banner in self.query("#read-only-banner"):
            banner.remove()
        self.notify("This copy now writes to the file.", timeout=5)
