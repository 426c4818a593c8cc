"""A labelled one-line field that parses with a core validator and says inline what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.core.validation import ValidationError
from tui.ui.widgets.field_input import FieldInput

T = TypeVar("T")


class ValueField(Widget, Generic[T]):
    """``Label [input] hint`` on one line and, only when something is wrong, a message below.

    The text typed is never changed by validation: a wrong value stays in the field, marked,
    with a message naming the field, the value and what is allowed. One grid (the line, the
    message spanning it below) rather than a box around a box: fewer widgets per field.
    """

    DEFAULT_CSS = """
    ValueField {
        layout: grid;
        grid-size: 3;
        grid-rows: 1 auto;
        height: auto;
    }
    ValueField .value-label { width: 16; padding: 0 1; }
    ValueField Input { width: 8; }
    ValueField .value-hint { width: 1fr; padding-left: 1; color: $text-muted; }
    ValueField .field-error { display: none; color: $error; padding: 0 1 0 2; height: auto; column-span: 3; }
    ValueField .field-error.-shown { display: block; }
    ValueField Input.-error { background: $error 30%; text-style: bold; }
    """

    def __init__(
        self,
        label: str,
        parse: Callable[[str], T],
        hint: str = "",
        *,
        width: int = 8,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.hint = hint
        self._parse = parse
        # Selected on focus (see tui.ui.widgets.field_input): typing replaces a stored value.
        self.input = FieldInput(placeholder=placeholder)
        self.input.styles.width = width
        self.styles.grid_columns = f"16 {width} 1fr"  # label, field, hint
        self.error_line = Static("", classes="field-error", markup=False)

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="value-label")
        yield self.input
        yield Label(self.hint, classes="value-hint", markup=False)
        yield self.error_line

    @property
    def raw(self) -> str:
        return self.input.value

    @raw.setter
    def raw(self, text: str) -> None:
        self.input.show_value(text)

    def parse(self) -> T | None:
        """The value typed (``None`` when blank); marks the field and raises when it is wrong."""
        try:
            value = self._parse(self.raw) if self.raw.strip() else None
        except ValidationError as error:
            self.show_error(error)
            raise
        self.show_error(None)
        return value

    def show_error(self, error: ValidationError | None) -> None:
        """Mark the field (class ``-error``) and show the message, or clear both."""
        self.input.set_class(error is not None, "-error")
        if error is None and not self.error_line.has_class("-shown"):
            return  # nothing shown, nothing to clear (no layout pass for each field of a day loaded)
        self.error_line.update("" if error is None else f"✗ {error}")
        self.error_line.set_class(error is not None, "-shown")
