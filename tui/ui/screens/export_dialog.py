"""Export from the app: choose a format and a file; the file is written 0600."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from tui.exchange.private_file import write_private_file
from tui.exchange.render_export import FORMAT_EXTENSIONS, ExportSource, NothingToExport, render_export
from tui.ui.screens.dialog import Dialog

CHOICES: tuple[tuple[str, str, str], ...] = (
    ("JSON — everything, lossless (import reads it back)", "json", "days"),
    ("Report for your prescriber (Markdown)", "report", "days"),
    ("Report for your prescriber (plain text, 80 columns)", "text", "days"),
    ("Report for your prescriber (HTML)", "html", "days"),
    ("CSV — one row per day", "csv", "days"),
    ("CSV — one row per step of the plan", "csv", "steps"),
    ("Calendar (.ics) — each step's start", "ics", "days"),
)


def default_export_path(fmt: str, what: str, today: date) -> Path:
    """``~/taper-tui-2027-03-15.json`` (``-steps`` for the steps CSV)."""
    suffix = "-steps" if what == "steps" else ""
    return Path.home() / f"taper-tui-{today.isoformat()}{suffix}.{FORMAT_EXTENSIONS[fmt]}"


class ExportDialog(Dialog[Path | None]):
    """Pick a format and a path; dismisses with the written file, or ``None``."""

    def __init__(self, source: ExportSource, today: date, now: datetime) -> None:
        super().__init__()
        self.source = source
        self.today = today
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export", classes="title")
            yield Select(
                [(label, index) for index, (label, _f, _w) in enumerate(CHOICES)],
                value=0,
                allow_blank=False,
                id="format",
                compact=True,
            )
            yield Input(str(default_export_path("json", "days", self.today)), id="path", compact=True)
            yield Static("Exports hold health data: they are written readable by you only (0600).", classes="muted")
            yield Static("", id="problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Export", id="export", variant="primary", compact=True)

    def first_focus(self) -> Select[int]:
        return self.query_one("#format", Select)

    def _choice(self) -> tuple[str, str]:
        _label, fmt, what = CHOICES[int(self.query_one("#format", Select).value)]  # type: ignore[arg-type]
        return fmt, what

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        fmt, what = self._choice()
        field = self.query_one("#path", Input)
        current = Path(field.value).expanduser()
        field.value = str(current.with_name(default_export_path(fmt, what, self.today).name))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        """Render and write the export; problems are shown in the dialog, nothing is lost."""
        fmt, what = self._choice()
        target = Path(self.query_one("#path", Input).value.strip()).expanduser()
        problem = self.query_one("#problem", Static)
        if not target.name or target.is_dir():
            problem.update(f'file: "{target}" is a folder — add a file name')
            return
        if not target.parent.is_dir():
            problem.update(f'file: the folder "{target.parent}" does not exist')
            return
        try:
            payload = render_export(self.source, fmt, what=what, now=self.now, today=self.today)
            write_private_file(target, payload)
        except NothingToExport as error:
            problem.update(str(error))
            return
        except OSError as error:
            problem.update(f"could not write {target}: {error.strerror or error}")
            return
        self.dismiss(target)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
