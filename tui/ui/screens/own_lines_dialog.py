"""The person's own crisis and support lines: a list to add to and remove from.

A prescriber's out-of-hours number or a local crisis team is often the line that matters most,
and no region's list has it. Each line is a name, a number (to call, or a keyword and number to
text) and, if the person likes, what it is for. What is typed is checked by
:func:`tui.core.crisis_lines.own_line`, which names the field and the value; it is shown back
as plain, terminal-safe text (a ``[b]`` or an escape sequence in a name is shown, never obeyed).

The dialog changes nothing itself: it dismisses with the new list (or ``None`` when nothing
changed) and the caller stores it. Text still in the fields when the dialog is closed is added
first — or, if it does not pass the check, the dialog stays open with the message, so nothing
typed is lost without a word.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.crisis_lines import OWN_NAME, OWN_NUMBER, OWN_PURPOSE, CrisisLine, own_line
from tui.core.terminal_text import terminal_safe
from tui.core.validation import ValidationError
from tui.ui.screens.dialog import Dialog

FIELDS = (("own-name", OWN_NAME, "e.g. Dr Lee out of hours"), ("own-number", OWN_NUMBER, "e.g. 0161 555 0101"))
"""The required fields: widget id, label (the name a message uses), placeholder."""
PURPOSE = ("own-purpose", OWN_PURPOSE, "optional, e.g. my prescriber, evenings")


def problem_text(error: ValidationError) -> str:
    """``⚠ Number: "call me" — use digits …``: the field's label, the value as typed (made
    terminal-safe), and what is allowed."""
    return f'⚠ {error.field}: "{terminal_safe(str(error.value))}" — {error.allowed}'


class OwnLinesDialog(Dialog[tuple[CrisisLine, ...]]):
    """Add (Enter in Number or What it is for) and remove (Delete on the list) the person's own
    lines; Escape or Done closes with the list."""

    DEFAULT_CSS = """
    OwnLinesDialog > Vertical { width: 76; }
    OwnLinesDialog #own-lines { height: auto; max-height: 5; }
    OwnLinesDialog #problem { margin-top: 1; }
    OwnLinesDialog .row { height: 1; margin-top: 1; }
    OwnLinesDialog .row Label { width: 16; }
    OwnLinesDialog .row Input { width: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Done"),
        Binding("delete", "remove", "Remove the highlighted line"),
    ]

    def __init__(self, lines: tuple[CrisisLine, ...]) -> None:
        super().__init__()
        self.lines: tuple[CrisisLine, ...] = tuple(lines)
        """The list as it stands in the dialog (stored by the caller when the dialog closes)."""
        self._original = self.lines

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("My own crisis and support lines", classes="title")
            yield Static(
                "Shown in the crisis panel and in Help, with your region's lines.", markup=False, id="own-intro"
            )
            yield OptionList(id="own-lines")
            for widget_id, label, hint in (*FIELDS, PURPOSE):
                yield Horizontal(Label(label), Input(id=widget_id, placeholder=hint, compact=True), classes="row")
            yield Static("", id="problem", markup=False)
            yield Static("enter: add the line · del on the list: remove it · esc: done", id="own-keys", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Add", id="own-add", compact=True)
                yield Button("Done", id="own-done", variant="primary", compact=True)

    def first_focus(self) -> Widget | None:
        return self.query_one("#own-name", Input)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_lines()

    def _show_lines(self) -> None:
        """The list as plain text (never markup), or a line saying it is empty."""
        options = self.query_one("#own-lines", OptionList)
        options.clear_options()
        if not self.lines:
            options.add_option(Option(Text("None yet: add one below."), id="none", disabled=True))
            return
        options.add_options(
            Option(Text(terminal_safe(line.describe())), id=f"line-{index}") for index, line in enumerate(self.lines)
        )

    def _typed(self) -> tuple[str, str, str]:
        """Name, number and purpose as typed."""
        value = lambda widget_id: self.query_one(f"#{widget_id}", Input).value  # noqa: E731
        return value("own-name"), value("own-number"), value("own-purpose")

    def _add(self) -> bool:
        """Add what is typed; False (with the message shown) when it does not pass the check."""
        name, number, purpose = self._typed()
        try:
            line = own_line(name, number, purpose)
        except ValidationError as error:
            self.query_one("#problem", Static).update(problem_text(error))
            widget_id = {OWN_NAME: "own-name", OWN_NUMBER: "own-number", OWN_PURPOSE: "own-purpose"}[error.field]
            self.query_one(f"#{widget_id}", Input).focus()
            return False
        self.lines = (*self.lines, line)
        for widget_id, _label, _hint in (*FIELDS, PURPOSE):
            self.query_one(f"#{widget_id}", Input).value = ""
        self.query_one("#problem", Static).update(f"Added: {terminal_safe(line.describe())}")
        self._show_lines()
        self.query_one("#own-name", Input).focus()
        return True

    @on(Input.Submitted, "#own-name")
    def _name_entered(self) -> None:
        self.query_one("#own-number", Input).focus()

    @on(Input.Submitted, "#own-number, #own-purpose")
    @on(Button.Pressed, "#own-add")
    def _add_pressed(self) -> None:
        self._add()

    @on(Button.Pressed, "#own-done")
    def _done(self) -> None:
        self.action_cancel()

    def action_remove(self) -> None:
        """Remove the highlighted line from the list (Delete, with the list focused)."""
        options = self.query_one("#own-lines", OptionList)
        index = options.highlighted
        if not options.has_focus or index is None or not self.lines:
            return
        removed = self.lines[index]
        self.lines = self.lines[:index] + self.lines[index + 1 :]
        self.query_one("#problem", Static).update(f"Removed: {terminal_safe(removed.describe())}")
        self._show_lines()
        if self.lines:
            options.highlighted = min(index, len(self.lines) - 1)

    def action_cancel(self) -> None:
        """Close with the list: text still typed is added first (or the message shown, and the
        dialog stays open)."""
        if any(value.strip() for value in self._typed()) and not self._add():
            return
        self.dismiss(self.cancel_result())

    def cancel_result(self) -> tuple[CrisisLine, ...] | None:
        """The new list, or ``None`` when nothing changed."""
        return None if self.lines == self._original else self.lines
