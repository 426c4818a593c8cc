"""What every subcommand shares: printing for a person, errors, the clock.

Every line the command line prints for a person — a message, a summary, an error — goes through
:func:`out` (or :func:`fail`/:func:`warn`, which use it), and :func:`out` shows every control
character as a visible escape (:func:`tui.core.terminal_text.terminal_safe`). A note, a symptom
name, a path or a value named in an import refusal can hold ``ESC`` sequences that would retitle
the window or draw "all doses OK" over the screen; printed here, they stay text. This is the one
place that sanitises messages: callers pass raw values. (A value that must stay on one line
inside a message of several lines, such as a value named by an import refusal, is made one line
where that message is built, with ``terminal_safe_line``; this pass then finds nothing to change.)

Exports are data, not messages: ``export`` writes their bytes itself (see :mod:`.export`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tui.core.terminal_text import terminal_safe

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def today_from(args: argparse.Namespace) -> date:
    """ "Today" for this run: ``--today`` (hidden, for tests and screenshots) or the real date."""
    given = getattr(args, "today", None)
    return date.fromisoformat(given) if given else date.today()


def out(text: str = "", *, err: bool = False) -> None:
    """Print ``text`` (one line or several) to stdout, or stderr with ``err``, every control shown as an escape.

    Newlines and tabs lay the text out and are kept; everything else a terminal would obey
    (``ESC``, C1, DEL, bidi overrides) is printed as ``\\x1b``-style text.
    """
    print(terminal_safe(text), file=sys.stderr if err else sys.stdout)


def warn(message: str) -> None:
    """Print ``taper-tui: message`` to stderr (a store or location warning; the command goes on)."""
    out(f"taper-tui: {message}", err=True)


def fail(message: str, code: int = EXIT_FAILURE) -> int:
    """Print ``taper-tui: message`` to stderr and return ``code``."""
    warn(message)
    return code


def usage_error(flag: str, message: str) -> int:
    """A bad flag value: name the flag, say what is allowed, exit 2."""
    return fail(f"{flag}: {message}", EXIT_USAGE)
