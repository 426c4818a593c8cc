"""The frame every dialog shares: centred, bordered, sized to its content.

Subclasses compose a ``Vertical`` as their single child and add only the rules of their own
(a width, their fields). A ``.title`` line, a ``#problem`` line and a ``.buttons`` row are
styled here so every dialog reads the same way.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog with the shared frame (see the module docstring)."""

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
