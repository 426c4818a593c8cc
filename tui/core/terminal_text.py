"""Text that reaches a terminal is shown, never obeyed.

A note, a symptom name or any field of an import file is data. Written raw to a terminal, an
``ESC`` byte starts a control sequence: it can retitle the window (OSC 0), plant a hyperlink
(OSC 8), write the clipboard (OSC 52), clear the screen and draw "all doses OK" over a report
with cursor moves (CSI). A bidirectional override can make ``0.25`` read as ``52.0``. So every
character a terminal would act on, rather than draw, is replaced by a visible escape before
output. The stored data is never changed: only what is rendered goes through :func:`terminal_safe`.

The visible form is Python's escape notation, one form for every character:

* C0 controls other than newline and tab (U+0000–U+001F), DEL (U+007F) and the C1 controls
  (U+0080–U+009F) become ``\\xNN`` — ``ESC [ 3 1 m`` is shown as ``\\x1b[31m``. The rest of any
  escape sequence (CSI, OSC 0/8/52 with a BEL or ST terminator, DCS, APC, PM, SOS) is printable
  once its ``ESC``/BEL/C1 bytes are escaped, so the whole sequence stays on screen, inert.
* The bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
  U+202A–U+202E, U+2066–U+2069) become ``\\uNNNN``.
* Lone surrogates (U+D800–U+DFFF, possible in a JSON file) become ``\\uNNNN``: they cannot be
  encoded for output and would otherwise crash the print.

A backslash already in the text is left as typed (a Windows path in a note stays readable), so
the visible form is for a person to read, not to be decoded back. Everything else — any
script, emoji, punctuation — passes unchanged.

Rich/Textual markup (``[bold]``, ``[@click=app.quit]``) is a separate matter handled where
Textual is imported: ``tui.ui.shown_text.widget_text`` applies this function and then escapes
markup, for widgets that render markup. This module stays pure (no Rich, no Textual).
"""

from __future__ import annotations

import re

NEUTRALISED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Every character :func:`terminal_safe` replaces: C0 except ``\\n``/``\\t``, DEL, C1, bidi
controls and lone surrogates."""

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The bidirectional formatting characters that reorder what is displayed around them."""


def visible_escape(char: str) -> str:
    """The visible form of one neutralised character: ``\\xNN`` below U+0100, else ``\\uNNNN``."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _replace(match: re.Match[str]) -> str:
    return visible_escape(match.group())


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal would obey shown as a visible escape.

    Pure and deterministic; text without such characters is returned unchanged (same value).
    Newline and tab are kept: they lay text out, they do not command the terminal.
    """
    return NEUTRALISED.sub(_replace, text)


def terminal_safe_line(text: str) -> str:
    """Like :func:`terminal_safe`, but on one line: newline and tab are escaped too.

    For a value printed inside a single line (an error message naming a field's value, a table
    cell), where a newline in the value could forge a line of its own ("taper-tui: saved").
    """
    return terminal_safe(text).replace("\n", "\\n").replace("\t", "\\t")
