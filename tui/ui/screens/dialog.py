"""The frame every dialog shares: centred, bordered, sized to its content; Escape and safe focus.

Subclasses compose a ``Vertical`` as their single child and add only the rules of their own
(a width, their fields). A ``.title`` line, a ``#problem`` line and a ``.buttons`` row are
styled here so every dialog reads the same way.

Two behaviours live here once, for every dialog:

- **Escape cancels**: it dismisses with :meth:`Dialog.cancel_result` (``None`` unless a dialog
  says otherwise, e.g. ``False`` for a yes/no question).
- **The safe choice has the focus**: a dialog names its safe button in :attr:`Dialog.safe`
  (Stay, Cancel, Keep editing …), which is focused when the dialog opens, so Enter pressed
  right away never discards, deletes or overrides anything.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog with the shared frame, Escape and safe focus (see the module docstring)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Dialog .title { text-style: bold; margin-bottom: 1; }
    Dialog #problem { color: $error; height: auto; }
    Dialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    Dialog .buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    safe: str | None = None
    """The id of the button that changes nothing; it has the focus when the dialog opens."""

    def cancel_result(self) -> ResultType | None:
        """What Escape dismisses with: nothing chosen."""
        return None

    def action_cancel(self) -> None:
        """Close without doing anything (Escape)."""
        self.dismiss(self.cancel_result())

    def first_focus(self) -> Widget | None:
        """The widget focused when the dialog opens: the safe button, if the dialog has one."""
        return self.query_one(f"#{self.safe}") if self.safe else None

    def on_mount(self) -> None:
        widget = self.first_focus()
        if widget is not None:
            widget.focus()
