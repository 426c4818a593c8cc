"""The ``taper-tui`` command line: parse arguments, then run a subcommand or open the app.

Subcommands live in :mod:`tui.commands` (one module each). A subcommand's module is imported
only when its name is on the command line (all of them only for ``taper-tui --help``), Textual
only when the app is opened, ``importlib.metadata`` only for ``--version`` and the crash log's
writer only after a crash: ``taper-tui status`` runs in a shell prompt and ``taper-tui log …``
from cron, so neither may pay for the planner, the exports, the server or the demo generator,
and opening the app pays for none of the subcommands.

Whatever goes wrong ends in one message, never a traceback: store errors are printed as they
are (they name the file and what to do); a closed pipe (``taper-tui plan | head -1``) ends
quietly; output that can't be written (a full disk) says so; anything unexpected is written
to a crash log — without the data being handled — whose path is printed, and the exit is 1.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from importlib import import_module
from typing import NoReturn

from tui import __version__
from tui.commands import common
from tui.store.errors import StoreError

SUBCOMMANDS = {
    "plan": "tui.commands.plan",
    "log": "tui.commands.log",
    "status": "tui.commands.status",
    "supply": "tui.commands.supply",
    "export": "tui.commands.export",
    "import": "tui.commands.import_data",
    "restore": "tui.commands.restore",
    "serve": "tui.commands.serve",
    "demo": "tui.commands.demo",
}
"""Command name → module offering ``add_parser(subparsers)``; the order shown in ``--help``."""


def _textual_version() -> str:
    # importlib.metadata costs ~45 ms to import: only --version pays for it, not every prompt.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("textual")
    except PackageNotFoundError:  # pragma: no cover - textual is a hard dependency
        return "not installed"


class _VersionAction(argparse.Action):
    """``--version`` prints our version, Textual's and the data file that would be used."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from tui.store.locations import location_warnings, resolve_data_path

        data = resolve_data_path(getattr(namespace, "data", None))
        common.out(f"taper-tui {__version__}\ntextual {_textual_version()}\ndata file {data}")
        for warning in location_warnings(data):
            common.warn(f"warning: {warning}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages printed through :func:`common.out`.

    argparse quotes a bad choice with ``repr`` but names unrecognised arguments as typed, so a
    stray ``ESC`` on the command line (a pasted note, a file name from a script) would reach the
    terminal raw. Subparsers are built with this class too (argparse uses the parent's class).
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``prog: error: message`` with every control shown as an escape; exit 2."""
        self.print_usage(sys.stderr)
        common.out(f"{self.prog}: error: {message}", err=True)
        self.exit(common.EXIT_USAGE)


def _asks_for_help(argv: list[str]) -> bool:
    """True when ``argv`` holds ``-h`` or ``--help`` (argparse also takes ``--he``, ``--hel``)."""
    return any(word == "-h" or (len(word) > 3 and "--help".startswith(word)) for word in argv)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser (also used by the tests and the README's key table).

    With ``argv``, only the subcommands named in it are imported and registered. With none named,
    each gets a bare entry, enough for argparse to name them all when a command is mistyped;
    their help is printed only by ``taper-tui --help``, and then all are loaded, as they are
    without ``argv``.
    """
    named = set(argv or ()) & set(SUBCOMMANDS)
    load_all = argv is None or (not named and _asks_for_help(argv))
    parser = _Parser(
        prog="taper-tui",
        description="Plan, log and see a supervised benzodiazepine micro-taper. "
        "Not medical advice: plan and change your taper only with your prescriber.",
    )
    parser.add_argument(
        "--data",
        metavar="PATH",
        default=os.environ.get("TAPER_TUI_DATA") or None,
        help="data file to use (default: $TAPER_TUI_DATA or the platform's data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a generated demo data set (temporary file)"
    )
    parser.add_argument(
        "--no-mouse", action="store_true", help="ignore the mouse so the terminal's own copy and paste work"
    )
    parser.add_argument("--read-only", action="store_true", help="open the data file without writing to it")
    parser.add_argument("--today", help=argparse.SUPPRESS)
    parser.add_argument(
        "--version", action=_VersionAction, help="print taper-tui's and Textual's versions and the data file"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        if load_all or name in named:
            import_module(module).add_parser(subparsers)
        elif not named:
            subparsers.add_parser(name)
    return parser


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; pointed at /dev/null, that flush can't fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _stdout_failed() -> bool:
    """True when standard output can't be written (flushing what is buffered fails)."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a full disk shows here, while we can still say so
        return code
    except BrokenPipeError:
        # The reader went away (`| head -1`): nothing is wrong and nobody is left to tell.
        _silence_stdout()
        return common.EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except StoreError as error:
        return common.fail(str(error))
    except OSError as error:
        # Files we write are wrapped in StoreError or named (filename set); a bare ENOSPC is the output.
        if error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT) and (error.filename is None or _stdout_failed()):
            _silence_stdout()
            return common.fail(f"could not write the output: {error.strerror}. Free some space, or send it elsewhere.")
        return _crashed(error, argv)
    except Exception as error:
        return _crashed(error, argv)


def _crashed(error: BaseException, argv: list[str] | None) -> int:
    """Write a crash log (no local variables) and say where it is; exit 1."""
    from tui.store.crash_log import write_crash_log
    from tui.store.locations import resolve_data_path

    try:
        data = resolve_data_path(_data_argument(argv))
    except (OSError, RuntimeError):
        data = None
    try:
        log_path = write_crash_log(data, error)
    except OSError as failed:
        where = f"no crash log could be written ({failed.strerror or failed})"
    else:
        where = f"the details (no health data) are in {log_path}"
    return common.fail(
        f"unexpected error: {type(error).__name__}. Nothing more was saved; {where}. "
        "Please report it, attaching that file, and run the command again."
    )


def _data_argument(argv: list[str] | None) -> str | None:
    """``--data`` from the command line, found without the parser (which may be what failed)."""
    words = sys.argv[1:] if argv is None else argv
    for index, word in enumerate(words):
        if word == "--data" and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--data="):
            return word.split("=", 1)[1]
    return None


def _run(argv: list[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if args.today:
        try:
            common.today_from(args)
        except ValueError:
            return common.usage_error("--today", f'"{args.today}" is not an ISO date YYYY-MM-DD')
    handler = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    from tui.commands.open_app import run as open_app

    return open_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
