"""A DataTable of days with vim keys (j/k, g/G) as well as the arrows."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class DayTable(DataTable[object]):
    """Row cursor, zebra stripes, and vim movement keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
