"""The note field: an editable TextArea that shows control characters without obeying them.

A note can hold anything an import file or a paste put there, ESC sequences and bidirectional
overrides included (see :mod:`tui.core.terminal_text`). Read-only widgets show such text through
the sanitiser, but an editor cannot: its document must stay exactly what is stored, or saving
an untouched note would rewrite it. So the document keeps every character and only the drawn
line changes: each character the sanitiser would neutralise is drawn as one visible glyph in
its place — the Control Pictures symbol for a C0 control or DEL (``␛`` for ESC), ``�`` for C1,
bidi controls and lone surrogates. One character stays one character, so the cursor still
moves over each of them and deleting one deletes exactly it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tui.core.terminal_text import NEUTRALISED

_DEL_PICTURE = "\u2421"  # ␡
_OTHER_PICTURE = "\ufffd"  # � : C1, bidi controls and lone surrogates have no picture of their own


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400–U+241F: ␀ … ␛ … ␟
    if code == 0x7F:
        return _DEL_PICTURE
    return _OTHER_PICTURE


class NoteArea(TextArea):
    """A TextArea whose drawn lines show control characters as visible glyphs (module docstring)."""

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: the document's line with each neutralised character pictured."""
        line = self.document.get_line(line_index)
        if NEUTRALISED.search(line):
            line = NEUTRALISED.sub(lambda match: _picture(match.group()), line)
        return Text(line, end="", no_wrap=True)
