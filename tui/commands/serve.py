"""``taper-tui serve``: the same app in a browser through textual-serve, on 127.0.0.1 by default."""

from __future__ import annotations

import argparse
import shlex
import sys

from tui.commands.common import EXIT_OK, usage_error
from tui.store.locations import resolve_data_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="open the app in a browser (textual-serve), on 127.0.0.1 by default",
        description="Serve the app to a browser on this machine. It binds 127.0.0.1 unless --host says "
        "otherwise: your data is health data, so think twice before exposing it to a network.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve starts for each browser session."""
    parts = [sys.executable, "-m", "tui", "--data", str(resolve_data_path(args.data))]
    if args.today:
        parts += ["--today", args.today]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        return usage_error("--port", f'"{args.port}" is not allowed — use a port from 1 to 65535')
    from textual_serve.server import Server  # loaded here: only this command needs aiohttp
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"taper-tui: serving on {args.host}: anyone who can reach it can read and change your log", file=sys.stderr)
    Server(app_command(args), host=args.host, port=args.port, title="taper-tui").serve()
    return EXIT_OK
