"""``taper-tui serve``: the same app in a browser, on 127.0.0.1, behind a key printed as a link.

Like Jupyter: each run makes a random key (or takes ``--token``); the page and the WebSocket
refuse anyone without it, and refuse a foreign Host or Origin (:mod:`tui.serve.access`). The
address is 127.0.0.1 unless ``--host`` says otherwise, and any other address prints a warning:
the log is health data, and the link travels unencrypted over plain HTTP. To use it from
another computer, tunnel: ``ssh -L 8000:127.0.0.1:8000 host``, then open the printed link.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from tui.commands.common import EXIT_OK, usage_error
from tui.core.terminal_text import terminal_safe_line
from tui.serve.access import TOKEN_PATTERN, TOKEN_RULE, ServeAccess, is_loopback, new_token
from tui.store.locations import resolve_data_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``serve`` and its flags."""
    parser = subparsers.add_parser(
        "serve",
        help="open the app in a browser (textual-serve), on 127.0.0.1, behind a key",
        description="Serve the app to a browser on this machine. It binds 127.0.0.1 unless --host says "
        "otherwise and prints the link to open, which holds this run's key: without the key, and from "
        "another site's page, the app is refused. Your data is health data: to reach it from another "
        "computer, prefer an SSH tunnel (ssh -L 8000:127.0.0.1:8000 HOST) to --host.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument(
        "--token",
        default=os.environ.get("TAPER_TUI_TOKEN") or None,
        help="the key to require (default: $TAPER_TUI_TOKEN or a new random key each run); "
        "other users of this machine can see command-line arguments, so prefer the variable",
    )
    parser.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve starts for each browser session."""
    parts = [sys.executable, "-m", "tui", "--data", str(resolve_data_path(args.data))]
    if args.today:
        parts += ["--today", args.today]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    """Check the flags, warn about a non-loopback address, then serve until Ctrl+C."""
    if not 1 <= args.port <= 65535:
        return usage_error("--port", f'"{args.port}" is not allowed — use a port from 1 to 65535')
    if not args.host.strip("[]"):
        return usage_error("--host", '"" is not an address — use 127.0.0.1 (the default) or one of this machine')
    if args.token is not None and not TOKEN_PATTERN.fullmatch(args.token):
        return usage_error("--token", f'"{terminal_safe_line(args.token)}" is not allowed — {TOKEN_RULE}')
    from tui.serve.server import GuardedServer  # loaded here: only this command needs aiohttp

    host = args.host.strip("[]")
    if not is_loopback(host):
        print(
            f"taper-tui: warning: serving on {terminal_safe_line(host)}, not 127.0.0.1: anyone who can reach "
            "this address and gets the link can read and change your log, and the link travels unencrypted. "
            "Prefer the default and an SSH tunnel.",
            file=sys.stderr,
            flush=True,
        )
    access = ServeAccess(bind_host=host, token=args.token or new_token())
    data_label = terminal_safe_line(str(resolve_data_path(args.data)))
    GuardedServer(app_command(args), access=access, port=args.port, data_label=data_label).serve()
    return EXIT_OK
