"""What every subcommand shares: printing errors, the clock, opening the data file."""

from __future__ import annotations

import argparse
import sys
from datetime import date

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def today_from(args: argparse.Namespace) -> date:
    """ "Today" for this run: ``--today`` (hidden, for tests and screenshots) or the real date."""
    given = getattr(args, "today", None)
    return date.fromisoformat(given) if given else date.today()


def fail(message: str, code: int = EXIT_FAILURE) -> int:
    """Print ``taper-tui: message`` to stderr and return ``code``."""
    print(f"taper-tui: {message}", file=sys.stderr)
    return code


def usage_error(flag: str, message: str) -> int:
    """A bad flag value: name the flag, say what is allowed, exit 2."""
    return fail(f"{flag}: {message}", EXIT_USAGE)
