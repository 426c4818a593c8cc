"""Plan history: every change to the plan, newest first, and the undo of the last one.

The rows come from the audit trail through :mod:`tui.core.plan_history`, which reads any event
an older version wrote. Everything in a row is text from the data file (a reason, an imported
file's name), so it reaches the table as plain ``Text`` after :func:`terminal_safe`: a ``[/b]``
in a reason is shown as typed, never read as markup, and a control character is shown as an
escape, never sent to the terminal.

Undo follows the Schedule's rule for every plan change: compute, show the effect (the end date
before and after, the next steps), ask with Cancel focused, then save through the session,
which records the ``undo`` event with the plan in one write.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from tui.core.plan_history import HistoryRow, NotUndoable, PlanUndo, history_rows, undo_last_change
from tui.core.terminal_text import terminal_safe
from tui.store.errors import StoreError
from tui.ui.plan_change_text import describe_change
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.dialog import Dialog
from tui.ui.session import Session
from tui.ui.widgets.key_bar import KeyBar

WHEN_WIDTH = 10
"""``2027-03-15`` over ``09:30``."""
END_WIDTH = 12
"""``2027-05-01`` over ``→ 2027-05-08``."""
CHANGE_MIN_WIDTH = 30
"""The change and its reason get the rest of the width, at least this much."""


def row_cells(row: HistoryRow) -> tuple[Text, Text, Text]:
    """The two-line cells of one event: when (date / time), what (the change / its reason),
    end date (before / → after). Every piece is file text, made terminal-safe and never markup."""
    day, _, time = row.when.partition(" ")
    when = Text(terminal_safe(day), no_wrap=True, overflow="ellipsis")
    when.append("\n" + terminal_safe(time), style="dim")
    what = Text(terminal_safe(row.what), no_wrap=True, overflow="ellipsis")
    if row.reason:
        what.append("\n" + terminal_safe(f"“{row.reason}”"), style="italic")
    end = Text(terminal_safe(row.end_before), no_wrap=True, overflow="ellipsis")
    if row.end_after:
        end.append("\n→ " + terminal_safe(row.end_after))
    return when, what, end


class PlanHistoryScreen(Dialog[None]):
    """The plan's history over the whole screen; Escape closes it, ``u`` undoes the last change."""

    DEFAULT_CSS = """
    PlanHistoryScreen { background: $background; }
    PlanHistoryScreen > Vertical { width: 100%; height: 1fr; border: none; padding: 0 1; }
    PlanHistoryScreen .title { margin-bottom: 0; }
    PlanHistoryScreen #plan-history-table { height: 1fr; }
    PlanHistoryScreen #plan-history-detail { height: auto; max-height: 4; color: $text-muted; }
    PlanHistoryScreen #plan-history-undo { height: auto; max-height: 3; }
    PlanHistoryScreen .-hidden { display: none; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("u", "undo", "Undo last change"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The open journal and every write (the undo is saved through it)."""
        self.rows: list[HistoryRow] = []
        """The events shown, newest first."""
        self.can_undo = False
        """Whether the last change can be undone now (the key is dimmed otherwise; the line says why)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Plan history — every change, newest first", classes="title")
            yield Static(
                "No change to the plan is recorded yet. Changes made in Schedule (hold, slow down, "
                "return to stable, re-plan) and imports are listed here.",
                id="plan-history-empty",
                markup=False,
            )
            yield DataTable(id="plan-history-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="plan-history-detail", markup=False)
            yield Static("", id="plan-history-undo", markup=False)
        yield KeyBar()

    def first_focus(self) -> DataTable:
        return self.query_one("#plan-history-table", DataTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Read the trail again and show every event, newest first, and whether undo is possible."""
        self.rows = history_rows(self.session.journal.events())
        table = self.query_one("#plan-history-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        change_width = max(CHANGE_MIN_WIDTH, self.size.width - WHEN_WIDTH - END_WIDTH - 12)
        table.add_column("When", width=WHEN_WIDTH, key="when")
        table.add_column("Change · reason", width=change_width, key="what")
        table.add_column("End date", width=END_WIDTH, key="end")
        for row in self.rows:
            table.add_row(*row_cells(row), height=2, key=str(row.position))
        self.query_one("#plan-history-empty").set_class(bool(self.rows), "-hidden")
        table.set_class(not self.rows, "-hidden")
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        self._show_detail(table.cursor_row)
        self.query_one("#plan-history-undo", Static).update(terminal_safe(self._undo_hint()))

    def _undo_hint(self) -> str:
        """The line under the table: what ``u`` would undo, or why nothing can be; dims the key then."""
        try:
            undo = self._undo()
            hint = f"u undoes the last change, “{undo.undone.what}” (you see its effect first)."
        except NotUndoable as why:
            undo, hint = None, f"Undo: not possible — {why}."
        self.can_undo = undo is not None
        self.refresh_bindings()
        return hint

    def _undo(self) -> PlanUndo:
        """The undo of the last change as of now (NotUndoable says why there is none)."""
        session = self.session
        return undo_last_change(session.journal.events(), session.plan, session.today, session.now())

    @on(DataTable.RowHighlighted, "#plan-history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, index: int) -> None:
        """The highlighted event in full: a long reason is cut in the table, never here."""
        detail = self.query_one("#plan-history-detail", Static)
        if not 0 <= index < len(self.rows):
            detail.update("")
            return
        row = self.rows[index]
        text = f"{row.when} · {row.what}"
        if row.end_change:
            text += f" · end {row.end_change}"
        if row.reason:
            text += f"\nReason: {row.reason}"
        detail.update(terminal_safe(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None shows the key dimmed: undo is there, but not possible now (the line says why).
        return None if action == "undo" and not self.can_undo else True

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    def action_cursor_down(self) -> None:
        self.query_one("#plan-history-table", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#plan-history-table", DataTable).action_cursor_up()

    def action_undo(self) -> None:
        """Show what undoing the last change does, and save it only when the person confirms."""
        if self.session.read_only:
            self.notify("Read-only: another taper-tui is writing to this file.", severity="warning")
            return
        current = self.session.plan
        try:
            undo = self._undo()
        except NotUndoable as why:
            self.notify(
                terminal_safe(f"Nothing undone: {why}."), title="Undo", severity="warning", timeout=10, markup=False
            )
            return
        body = (
            f"Undo “{terminal_safe(undo.undone.what)}” ({undo.undone.when})? The plan goes back to what it "
            "was before that change; days already past stay as they were.\n\n"
            + describe_change(current, undo.plan, self.session.today)
        )
        confirmations = undo.plan.confirmations_needed()
        if confirmations:
            body += "\n\nNeeds your confirmation:\n" + "\n".join(confirmations)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._apply(undo)

        self.app.push_screen(ConfirmDialog("Undo the last change?", body, "Undo", "Cancel"), answered)

    def _apply(self, undo: PlanUndo) -> None:
        try:
            self.session.change_plan(undo.plan, undo.event)
        except StoreError as error:
            self.notify(terminal_safe(str(error)), title="Nothing undone", severity="error", timeout=15, markup=False)
            return
        self.notify(
            terminal_safe(f"Undone: {undo.undone.what}. The plan now ends {undo.plan.end_date.isoformat()}."),
            markup=False,
        )
        self.refresh_rows()
