"""A labelled one-line field that parses with a core validator and says inline what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from tui.core.validation import ValidationError
from tui.ui.widgets.field_input import FieldInput

T = TypeVar("T")

LABEL_WIDTH = 16
"""Columns of a field's label, its one-column margins included; the input starts after them."""


class ValueField(Widget, Generic[T]):
    """``Label [input] hint`` on one line and, only when something is wrong, a message below.

    The text typed is never changed by validation: a wrong value stays in the field, marked,
    with a message naming the field, the value and what is allowed. The label and the hint are
    drawn by the field itself, under its input (a container's own content is drawn beneath its
    children), not as two widgets of their own: the Log's four fields were sixteen widgets to
    compose, style and lay out on its first opening, now eight.
    """

    COMPONENT_CLASSES = {"value-field--hint"}
    """The hint's style (muted), set in DEFAULT_CSS."""

    DEFAULT_CSS = f"""
    ValueField {{ height: auto; }}
    ValueField > Input {{ margin-left: {LABEL_WIDTH}; }}
    ValueField > .value-field--hint {{ color: $text-muted; }}
    ValueField .field-error {{ display: none; color: $error; padding: 0 1 0 2; height: auto; }}
    ValueField .field-error.-shown {{ display: block; }}
    ValueField Input.-error {{ background: $error 30%; text-style: bold; }}
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
        self._width = width
        # Selected on focus (see tui.ui.widgets.field_input): typing replaces a stored value.
        self.input = FieldInput(placeholder=placeholder)
        self.input.styles.width = width
        self.error_line = Static("", classes="field-error", markup=False)

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.error_line

    def render(self) -> Text:
        """The first line: `` label`` in its columns, room for the input, then `` hint``, muted."""
        inner = LABEL_WIDTH - 2
        text = Text(no_wrap=True, overflow="crop", end="")
        text.append(f" {self.label[:inner]:<{inner}} ")
        text.append(" " * self._width)
        text.append(f" {self.hint}", style=self.get_component_rich_style("value-field--hint"))
        return text

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
