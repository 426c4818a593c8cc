"""A read-only table drawn line by line (Textual's Line API), with a row cursor and cached lines.

Textual's ``DataTable`` builds a row object for every row when it is filled and re-renders each
visible cell through Rich whenever focus changes: with ten years of days that was most of
History's first opening (~1 s) and most of a Schedule switch. Here:

* columns have fixed widths, so nothing is measured when rows arrive;
* a row's cells are made only when one of its lines is first drawn (``make_row``), unless a
  column wraps, when every row is made once to know its height;
* each drawn line is kept, keyed by (row, line in row, cursor on it, focus, width, styles), so
  moving the cursor redraws two rows and a focus change redraws nothing that was drawn before.

Cells are Rich ``Text`` built from plain strings (never markup), so text from the data file is
shown as typed, and every terminal control in it is drawn as a visible escape (``\\x1b``).
Colours come from the theme through the component classes below, never from hard-coded colours.

Keys: arrows and j/k move the cursor, page up/down move a page, home/end and g/G go to the first
and last row, Enter selects. A click puts the cursor on a row; a click on the highlighted row
selects it; the wheel scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.console import Console, JustifyMethod
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.terminal_text import NEUTRALISED, terminal_safe

Cell = Text | str
"""A cell: plain text, or Rich ``Text`` carrying its own style and justification."""

PADDING = 1
"""Blank columns on each side of a cell, as DataTable draws them."""


class TableColumn(NamedTuple):
    """One column: its header, its width in cells (without padding), how it aligns, whether it wraps."""

    label: str
    width: int
    justify: JustifyMethod = "left"
    wrap: bool = False


class LineTable(ScrollView, can_focus=True):
    """Rows of cells under a fixed header line, one row under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header",
        "line-table--cursor",
        "line-table--even-row",
    }
    """Header line, the cursor's row, and every other row (zebra stripes), styled by the theme."""

    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .line-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .line-table--even-row { background: $surface-darken-1 40%; }
        & > .line-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .line-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .line-table--even-row { background: $surface-lighten-1 50%; }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home,g", "first_row", "First", show=False),
        Binding("end,ctrl+end,G", "last_row", "Last", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: LineTable, row: int, key: str) -> None:
            super().__init__()
            self.table = table
            """The table whose cursor moved."""
            self.row = row
            """The row now under the cursor."""
            self.key = key
            """That row's key."""

        @property
        def control(self) -> LineTable:
            """The table (so ``@on(..., "#id")`` selectors match it)."""
            return self.table

    class RowSelected(RowHighlighted):
        """Enter on the cursor's row, or a click on the highlighted row."""

    def __init__(self, columns: Sequence[TableColumn] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: tuple[TableColumn, ...] = tuple(columns)
        """The columns, left to right."""
        self._keys: list[str] = []
        """One key per row (a day, a step's start), for the view to find its rows by."""
        self._make_row: Callable[[int], Sequence[Cell]] = lambda _row: ()
        """Makes a row's cells from its number, when the row is first drawn."""
        self._cells: dict[int, tuple[Text, ...]] = {}
        """Each made row's cells, kept while the rows stay the same."""
        self._first_line: list[int] = []
        """Where each row starts, in lines under the header."""
        self._line_row: list[int] = []
        """Which row each line belongs to."""
        self._cursor = 0
        """The row under the cursor."""
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        """Drawn lines by (row, line in row, cursor, focus, width, styles)."""
        self._styles: tuple[Style, ...] = ()
        """This paint's base, header, even-row and cursor styles (see :meth:`render_lines`)."""
        self._style_ids: dict[tuple[Style, ...], int] = {}
        """A number for each set of styles seen, for the line cache's keys."""

    # -- contents ----------------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[TableColumn, ...]:
        """The columns, left to right."""
        return self._columns

    def set_columns(self, columns: Sequence[TableColumn]) -> None:
        """Replace the columns (rows are kept; call :meth:`set_rows` if their cells change too)."""
        self._columns = tuple(columns)
        self._cells.clear()
        self._reflow()

    def set_rows(self, keys: Sequence[str], make_row: Callable[[int], Sequence[Cell]]) -> None:
        """Show ``len(keys)`` rows; ``make_row(i)`` gives row ``i``'s cells when it is first drawn.

        The cursor stays on the same row number (clamped); the view moves it where it belongs."""
        self._keys = list(keys)
        self._make_row = make_row
        self._cells.clear()
        self._reflow()
        if self._keys:
            self.move_cursor(min(self._cursor, len(self._keys) - 1), scroll=False)

    def clear(self) -> None:
        """No rows."""
        self.set_rows((), lambda _row: ())

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self._keys)

    def row_key(self, row: int) -> str:
        """The key given for ``row``."""
        return self._keys[row]

    def row_cells(self, row: int) -> tuple[Text, ...]:
        """The cells of ``row``, as drawn (before fitting to the columns)."""
        cells = self._cells.get(row)
        if cells is None:
            cells = tuple(_safe(cell) for cell in self._make_row(row))
            self._cells[row] = cells
        return cells

    def row_line(self, row: int) -> int:
        """The first line of ``row`` under the header (rows with a wrapped cell take more)."""
        return self._first_line[row]

    def row_height(self, row: int) -> int:
        """How many lines ``row`` takes."""
        end = self._first_line[row + 1] if row + 1 < len(self._first_line) else len(self._line_row)
        return end - self._first_line[row]

    def _reflow(self) -> None:
        """Work out each row's lines and the scrollable size; forget every drawn line."""
        wraps = [index for index, column in enumerate(self._columns) if column.wrap]
        if wraps:
            console = self.app.console
            heights = []
            for row in range(len(self._keys)):
                cells = self.row_cells(row)
                heights.append(
                    max([1] + [len(cells[i].wrap(console, self._columns[i].width)) for i in wraps if i < len(cells)])
                )
        else:
            heights = [1] * len(self._keys)
        self._first_line = []
        self._line_row = []
        for row, height in enumerate(heights):
            self._first_line.append(len(self._line_row))
            self._line_row.extend([row] * height)
        self._lines.clear()
        width = sum(column.width + 2 * PADDING for column in self._columns)
        self.virtual_size = Size(width, 1 + len(self._line_row))
        self.refresh()

    # -- the cursor --------------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        """The row under the cursor (0 when the table is empty)."""
        return self._cursor

    def move_cursor(self, row: int, scroll: bool = True) -> None:
        """Put the cursor on ``row`` (clamped to the rows there are) and, with ``scroll``, show it."""
        if not self._keys:
            self._cursor = 0
            return
        row = max(0, min(row, len(self._keys) - 1))
        old, self._cursor = self._cursor, row
        if old != row:
            if old < len(self._keys):
                self._refresh_row(old)
            self._refresh_row(row)
            self.post_message(self.RowHighlighted(self, row, self._keys[row]))
        if scroll:
            self.scroll_to_row(row)

    def _refresh_row(self, row: int) -> None:
        self.refresh_lines(1 + self._first_line[row], self.row_height(row))

    @property
    def _page(self) -> int:
        """Lines of rows visible at once (the header takes one)."""
        return max(1, self.scrollable_content_region.height - 1)

    def scroll_to_row(self, row: int) -> None:
        """Scroll the least needed to show all of ``row``."""
        top, height = self._first_line[row], self.row_height(row)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + height > self.scroll_y + self._page:
            self.scroll_to(y=top + height - self._page, animate=False)

    def action_cursor_up(self) -> None:
        """One row up."""
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        """One row down."""
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        """A page up: the cursor moves as far as the rows scroll."""
        if self._keys:
            line = max(0, self._first_line[self._cursor] - self._page)
            self.scroll_to(y=self.scroll_y - self._page, animate=False)
            self.move_cursor(self._line_row[line])

    def action_page_down(self) -> None:
        """A page down: the cursor moves as far as the rows scroll."""
        if self._keys:
            line = min(len(self._line_row) - 1, self._first_line[self._cursor] + self._page)
            self.scroll_to(y=self.scroll_y + self._page, animate=False)
            self.move_cursor(self._line_row[line])

    def action_first_row(self) -> None:
        """The first row."""
        self.move_cursor(0)

    def action_last_row(self) -> None:
        """The last row."""
        self.move_cursor(len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        """Say the cursor's row was chosen."""
        if self._keys:
            self.post_message(self.RowSelected(self, self._cursor, self._keys[self._cursor]))

    @on(events.Click)
    def _clicked(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:  # the header
            return
        line = offset.y - 1 + round(self.scroll_y)
        if line >= len(self._line_row):
            return
        event.stop()
        row = self._line_row[line]
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    # -- drawing -----------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The theme's styles for this paint, looked up once (not per line); a new set (another
        # theme, focus) gets its own number in the line cache's keys.
        self._styles = (
            self.rich_style,
            self.get_component_rich_style("line-table--header"),
            self.get_component_rich_style("line-table--even-row"),
            self.get_component_rich_style("line-table--cursor"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the widget: the header, then rows from the scroll position down."""
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        full = max(width, self.virtual_size.width)
        styles = self._style_ids.setdefault(self._styles, len(self._style_ids))
        if y == 0:
            key: tuple[object, ...] = ("header", full, styles)
            strip = self._lines.get(key)
            if strip is None:
                strip = self._header_strip(full)
                self._lines[key] = strip
        else:
            line = y - 1 + scroll_y
            if line >= len(self._line_row):
                return Strip.blank(width, self._styles[0])
            row = self._line_row[line]
            cursor = row == self._cursor
            key = (row, line - self._first_line[row], cursor, self.has_focus, full, styles)
            strip = self._lines.get(key)
            if strip is None:
                strip = self._row_strip(row, line - self._first_line[row], cursor, full)
                self._lines[key] = strip
        return strip.crop(scroll_x, scroll_x + width)

    def _header_strip(self, width: int) -> Strip:
        base, header, _even, _cursor = self._styles
        cells = [_safe(column.label) for column in self._columns]
        return self._strip(cells, 0, width, base + header, None)

    def _row_strip(self, row: int, sub: int, cursor: bool, width: int) -> Strip:
        base, _header, even, cursor_style = self._styles
        style = base + even if row % 2 == 0 else base
        return self._strip(list(self.row_cells(row)), sub, width, style, cursor_style if cursor else None)

    def _strip(self, cells: list[Text], sub: int, width: int, style: Style, over: Style | None) -> Strip:
        """One line of a row: each cell's line ``sub`` fitted to its column, on ``style``;
        ``over`` (the cursor) is laid over the cells' own styles."""
        line = Text(no_wrap=True, end="")
        pad = " " * PADDING
        for index, column in enumerate(self._columns):
            cell = cells[index] if index < len(cells) else Text()
            line.append(pad)
            line.append_text(_fit(cell, column, sub, self.app.console))
            line.append(pad)
        segments = Segment.apply_style(line.render(self.app.console), style, over)
        return Strip(segments).adjust_cell_length(width, style + over if over else style).simplify()


def _safe(cell: Cell) -> Text:
    """``cell`` as Text a terminal only draws: Rich leaves ESC and other controls in, so they are
    shown as visible escapes (``\\x1b``) here, whoever made the cell."""
    if isinstance(cell, str):
        return Text(terminal_safe(cell))
    if NEUTRALISED.search(cell.plain):
        return Text(terminal_safe(cell.plain), style=cell.style, justify=cell.justify)
    return cell


def _fit(cell: Text, column: TableColumn, sub: int, console: Console) -> Text:
    """Line ``sub`` of ``cell`` in exactly ``column.width`` cells: wrapped (and split at its line
    breaks) if the column wraps, else on one line cut with an ellipsis (widths are chosen so that
    real values fit)."""
    justify = cell.justify or column.justify
    if column.wrap:
        lines = cell.wrap(console, column.width)
        text = lines[sub] if sub < len(lines) else Text()
    elif sub:
        text = Text()
    else:
        text = Text(" ").join(cell.split("\n")) if "\n" in cell.plain else cell.copy()
        text.truncate(column.width, overflow="ellipsis")
    text.align(justify if justify in ("left", "center", "right") else "left", column.width)
    return text
