"""Stored or imported text shown in a widget is neutralised twice: terminal controls, then markup.

A widget that renders markup would read ``[@click=app.quit]`` in a note as an action link and
``[/b]`` as a tag (which can raise a markup error and close the view). Terminal controls are
made visible by :func:`tui.core.terminal_text.terminal_safe`; this module then escapes markup,
and lives here because markup is Textual's concern (``tui.core`` stays free of Rich and Textual).

The markup escape follows ``rich.markup.escape``'s purpose but Textual 8's parser exactly: that
parser never opens a tag at a ``[`` preceded by a backslash and turns each ``\\[`` back into
``[``, so putting a backslash before *every* ``[`` gives back the text exactly, backslashes
included. (``textual.markup.escape``, written for Rich's parser, doubles backslashes before a
tag, which Textual 8 then shows doubled.)

Two ways to show user text in a widget, both safe:

* ``Static(terminal_safe(text), markup=False)`` — no markup at all (preferred for plain text);
* ``Static(f"[b]Note:[/b] {widget_text(text)}")`` — when the widget's own markup is needed.
"""

from __future__ import annotations

from tui.core.terminal_text import terminal_safe


def widget_text(text: str) -> str:
    """``text`` made safe to embed in Textual markup: controls shown as escapes, markup escaped."""
    return terminal_safe(text).replace("[", "\\[")
