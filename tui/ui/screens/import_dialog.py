"""Import from the app: a file path, a preview of every change, then a confirmation.

Nothing is written until the person confirms the preview; the import itself is one atomic
save, and the data file as it was before is kept as the newest backup.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from tui.core.terminal_text import terminal_safe
from tui.exchange.json_import import ImportMode, ImportPlan, ImportRefused, plan_import, read_import_file
from tui.store.journal import Journal
from tui.ui.screens.dialog import Dialog

MODES: tuple[tuple[str, ImportMode], ...] = (
    ("Merge: the file wins on days both have", ImportMode.MERGE),
    ("Merge: my stored days win", ImportMode.KEEP_EXISTING),
    ("Replace everything with the file", ImportMode.REPLACE),
)


class ImportDialog(Dialog[tuple[ImportPlan, str] | None]):
    """Choose a file and a mode, see what would change; dismisses with the plan to apply."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Import a taper-tui JSON export", classes="title")
            yield Input("", id="path", compact=True, placeholder="path of the export, e.g. ~/taper-tui-2027-03-15.json")
            yield Select(
                [(label, mode.value) for label, mode in MODES],
                value=ImportMode.MERGE.value,
                allow_blank=False,
                id="mode",
                compact=True,
            )
            with VerticalScroll(id="preview"):
                yield Static(
                    "Enter a path and press enter to see what would change. Nothing is written yet.",
                    id="summary",
                    markup=False,
                )
            yield Static("", id="problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Import", id="import", variant="primary", compact=True, disabled=True)

    def first_focus(self) -> Input:
        return self.query_one("#path", Input)

    @on(Input.Submitted, "#path")
    @on(Select.Changed, "#mode")
    def preview(self) -> None:
        """Read and check the file, then show what importing it would change."""
        text = self.query_one("#path", Input).value.strip()
        problem = self.query_one("#problem", Static)
        button = self.query_one("#import", Button)
        self.plan = None
        button.disabled = True
        if not text:
            return
        source = Path(text).expanduser()
        try:
            document = read_import_file(source)
        except ImportRefused as refused:
            problem.update(terminal_safe(f"cannot import {source}: {refused}"))
            return
        mode = ImportMode(str(self.query_one("#mode", Select).value))
        journal = self.journal
        self.plan = plan_import(
            journal.days(), journal.get_plan(), journal.events(), document, mode, journal.settings()
        )
        problem.update("")
        summary = self.plan.summary()
        if not self.plan.changes_anything:
            summary += "\n\nNothing to import: you already hold everything in this file."
        # The summary names values from the file (a drug, dates, a file name): shown, never obeyed.
        self.query_one("#summary", Static).update(terminal_safe(summary))
        button.disabled = not self.plan.changes_anything
        if not button.disabled:
            # Enter may import at once only when that overrides nothing already logged.
            overrides = mode is not ImportMode.MERGE or bool(self.plan.changed_days)
            (self.query_one("#cancel", Button) if overrides else button).focus()

    @on(Button.Pressed, "#import")
    def _confirm(self) -> None:
        if self.plan is not None:
            self.dismiss((self.plan, Path(self.query_one("#path", Input).value.strip()).name))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
