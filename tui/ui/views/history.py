"""History: every logged day in a table, newest first; open one in Log, delete (asked) and undo.

Under the table, the highlighted day in words: each intake in mg and the unit measured, the
symptoms by the names the person reads (their own as typed), the note as text — stored text is
shown, never read as markup or terminal controls. The legend names every sign and scale.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.insights import metric_value
from tui.core.intake_drugs import drug_totals, drug_totals_text, logged_drug_intakes, names_day_drugs
from tui.core.plan_model import Plan
from tui.core.scales import Metric, Phase, phase_legend, phase_marked
from tui.core.symptoms import symptom_label
from tui.core.terminal_text import terminal_safe_line
from tui.store.errors import StoreError
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.session import Change, Session
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.line_table import LineTable, TableColumn
from tui.ui.widgets.step_table import formulation_on, logged_intake_text
from tui.ui.widgets.symptom_rating import RED_FLAG_GLYPH

NOTE_GLYPH = "✎"
MISSING = "–"
COLUMNS = ("Date", "Intakes mg", "Anxiety", "Mood", "Sleep h", "Symptoms", "Phase", "Flags")
FIXED_WIDTHS = {
    "Date": len("Mon 2027-03-15"),
    "Phase": max(len("Phase"), *(len(phase.marked) for phase in Phase)),
    "Flags": len("Flags"),
}
"""Widths known without the data: the date, the longest phase, the flag glyphs; numbers take
their header's width. The intakes column is as wide as the widest day's intakes (never cut)."""
LEGEND = (
    f"intakes: mg of each dose taken · anxiety {Metric.ANXIETY.unit_text} · mood {Metric.MOOD.unit_text} (0 worst) · "
    f"symptoms: {Metric.TOTAL.unit_text} · {RED_FLAG_GLYPH} red flag · {NOTE_GLYPH} note · {phase_legend()} · "
    "enter opens the day in Log"
)
"""Every sign and scale the table shows, in words."""


def _number(value: object) -> Text:
    return Text(MISSING if value is None else str(value), justify="right")


DRUG_SEPARATOR = " · "
"""Between two drugs' totals of a day: a list, never a sum (``+`` would join them into one)."""


def intakes_text(entry: DayEntry, plan: Plan | None = None) -> str:
    """``0.125+0.1``: each intake in mg, never only the day's sum; ``–`` when none was logged.

    A day that names its drugs (docs/DOMAIN.md §3.12) says each drug's total instead:
    ``clonazepam 0.75 · diazepam 5`` — every dose named, and two drugs never read as one sum; the
    detail under the table gives each intake."""
    if not entry.intakes:
        return MISSING
    if names_day_drugs(plan, entry):
        return DRUG_SEPARATOR.join(f"{drug} {format_decimal(mg)}" for drug, mg in drug_totals(plan, entry.intakes))
    return "+".join(f"{i.drug} {format_decimal(i.mg)}" if i.drug else format_decimal(i.mg) for i in entry.intakes)


def history_legend(plan: Plan | None) -> str:
    """:data:`LEGEND`, saying what a crossover day's intakes cell holds when ``plan`` crosses over."""
    if plan is None or not plan.params.crosses_over:
        return LEGEND
    return LEGEND.replace("mg of each dose taken", "mg of each dose taken (a day of two drugs: each drug's total)", 1)


def history_columns(entries: list[DayEntry], plan: Plan | None = None) -> list[TableColumn]:
    """The table's columns for ``entries``: fixed widths, the intakes as wide as the widest."""
    widest = max((len(intakes_text(entry, plan)) for entry in entries), default=0)
    return [
        TableColumn(
            label,
            max(len(label), widest) if label == "Intakes mg" else FIXED_WIDTHS.get(label, len(label)),
            "left" if label in FIXED_WIDTHS else "right",
        )
        for label in COLUMNS
    ]


def history_row(entry: DayEntry, plan: Plan | None = None) -> tuple[Text | str, ...]:
    """One table row: plain text and glyphs, so nothing depends on colour."""
    flags = " ".join(g for g, on_ in ((RED_FLAG_GLYPH, entry.red_flags), (NOTE_GLYPH, entry.note.strip())) if on_)
    total = metric_value(entry, Metric.TOTAL)
    return (
        Text(f"{entry.day:%a} {entry.day.isoformat()}"),
        Text(intakes_text(entry, plan), justify="right"),
        _number(entry.anxiety),
        _number(entry.mood),
        _number(None if entry.sleep_hours is None else format_decimal(entry.sleep_hours)),
        _number(None if total is None else format_decimal(Decimal(str(total)))),
        Text(phase_marked(entry.phase)),
        Text(flags),
    )


def describe_entry(
    entry: DayEntry, with_date: bool = True, plan: Plan | None = None, custom: tuple[str, ...] = ()
) -> str:
    """What a day holds, in a few plain lines (under the table, and before it is deleted).

    ``plan`` says each intake in the unit measured that day; ``custom`` are the person's own
    symptom names, shown as typed."""
    lines = [f"{entry.day:%A} {entry.day.isoformat()}"] if with_date else []
    if entry.intakes and names_day_drugs(plan, entry):  # two drugs: each named, in its own form
        taken = f"{logged_drug_intakes(plan, entry)} (daily total {drug_totals_text(plan, entry.intakes)})"
        lines.append(f"Taken: {terminal_safe_line(taken)}")  # the plan's drug is stored as typed
    elif entry.intakes:
        step = plan.step_on(entry.day) if plan is not None else None
        form = formulation_on(plan, entry.day)
        taken = " · ".join(
            f"{i.time} {logged_intake_text(i.mg, step, form)}" if i.time else logged_intake_text(i.mg, step, form)
            for i in entry.intakes
        )
        lines.append(f"Taken: {taken} (daily total {logged_intake_text(entry.total_mg, step, form)})")
    scores = [
        f"{name} {value}"
        for name, value in (("anxiety", entry.anxiety), ("mood", entry.mood), ("sleep quality", entry.sleep_quality))
        if value is not None
    ]
    if entry.sleep_hours is not None:
        scores.append(f"sleep {format_decimal(entry.sleep_hours)} h")
    if scores:
        lines.append(", ".join(scores).capitalize())
    rated = [(k, v) for k, v in sorted(entry.symptoms.items()) if v]
    if rated:
        names = ", ".join(f"{terminal_safe_line(symptom_label(k, custom))} {v}" for k, v in rated)
        lines.append(f"Symptoms (total {entry.symptom_total}, {Metric.TOTAL.unit_text}): {names}")
    if entry.phase:
        lines.append(f"Phase: {phase_marked(entry.phase)}")
    if entry.note.strip():
        note_lines = entry.note.strip().splitlines()
        more = "…" if len(note_lines[0]) > 60 or len(note_lines) > 1 else ""
        lines.append(f"Note: {terminal_safe_line(note_lines[0][:60])}{more}")
    return "\n".join(lines)


class HistoryView(JournalView):
    """Every logged day, newest first: Enter opens it in Log, d deletes (asks first), u undoes."""

    BINDINGS = [
        Binding("d,delete", "delete_day", "Delete", key_display="d"),
        Binding("u", "undo_delete", "Undo delete", key_display="u"),
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self._deleted: list[DayEntry] = []
        """Days deleted since the app opened, most recent last: u restores them one by one."""
        self._cursor_to: date | None = None
        """A day to put the cursor on at the next refresh (a restored day, once it is back)."""

    DEFAULT_CSS = """
    HistoryView #history-detail { height: auto; max-height: 5; padding: 0 1; border-top: solid $primary-muted; }
    HistoryView #history-legend { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="history-summary", markup=False)
        yield LineTable(id="history-table")
        yield Static("", id="history-detail", markup=False)
        yield Static(LEGEND, id="history-legend", markup=False)

    def concerns(self, change: Change) -> bool:
        return change.touches_days

    @property
    def table(self) -> LineTable:
        """The days, newest first."""
        return self.query_one("#history-table", LineTable)

    def refresh_data(self) -> None:
        """Re-read every day; a row's cells are made only when it is drawn (ten years stay fast)."""
        table = self.table
        current = self._cursor_to or self.cursor_day()
        self._cursor_to = None
        entries = self.journal.days()
        entries.reverse()
        plan = self.session.plan
        table.set_columns(history_columns(entries, plan))
        table.set_rows([entry.day.isoformat() for entry in entries], lambda row: history_row(entries[row], plan))
        self.query_one("#history-legend", Static).update(history_legend(plan))
        count = len(entries)
        summary = (
            f"{count} day{'s' if count != 1 else ''} logged, newest first"
            if count
            else "Nothing logged yet. Days you save in the Log view appear here, newest first."
        )
        self.query_one("#history-summary", Static).update(summary)
        if current is not None:
            self.move_to(current)
        self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted day in words under the table."""
        day = self.cursor_day()
        entry = self.journal.get_day(day) if day is not None else None
        text = ""
        if entry is not None:
            text = describe_entry(entry, False, self.session.plan, self.journal.settings().custom_symptoms)
        self.query_one("#history-detail", Static).update(text)

    @on(LineTable.RowHighlighted, "#history-table")
    def _row_highlighted(self, event: LineTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def cursor_day(self) -> date | None:
        """The day under the cursor, or ``None`` when the table is empty."""
        table = self.table
        return date.fromisoformat(table.row_key(table.cursor_row)) if table.row_count else None

    def move_to(self, day: date) -> None:
        """Put the cursor on ``day``, or on the nearest older logged day."""
        table = self.table
        target = day.isoformat()
        count = table.row_count
        index = next((row for row in range(count) if table.row_key(row) <= target), count - 1)
        if index >= 0:
            table.move_cursor(index)

    def focus_content(self) -> None:
        self.table.focus()

    @on(LineTable.RowSelected, "#history-table")
    def _row_selected(self, event: LineTable.RowSelected) -> None:
        event.stop()
        self.action_open_day()

    def action_open_day(self) -> None:
        """Open the day under the cursor in the Log view."""
        day = self.cursor_day()
        if day is not None:
            self.post_message(self.OpenDay(day))

    def action_delete_day(self) -> None:
        """Ask, showing what the day holds, then delete it (u brings it back)."""
        day = self.cursor_day()
        entry = self.journal.get_day(day) if day else None
        if day is None or entry is None:
            return

        def answered(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                removed = self.session.delete_day(day)
            except StoreError as error:
                self.notify(str(error), title="Not deleted", severity="error", timeout=15)
                return
            if removed is not None:
                self._deleted.append(removed)
                self.notify(f"Deleted {day.isoformat()} — press u to undo.", timeout=8)

        self.app.push_screen(
            ConfirmDialog(
                f"Delete {day:%A} {day.isoformat()}?",
                describe_entry(
                    entry, with_date=False, plan=self.session.plan, custom=self.journal.settings().custom_symptoms
                )
                + "\n\nYou can undo this with u.",
                "Delete",
                "Keep",
            ),
            answered,
        )

    def action_undo_delete(self) -> None:
        """Put back the last day deleted here."""

        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3)
            return
        entry = self._deleted[-1]
        try:
            self.session.restore_day(entry)
        except StoreError as error:
            self.notify(str(error), title="Not restored", severity="error", timeout=15)
            return
        self._deleted.pop()
        self._cursor_to = entry.day  # the announcement of the restore refreshes the table
        self.notify(f"Restored {entry.day.isoformat()}.", timeout=4)
