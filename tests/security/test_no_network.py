"""The app and the CLI never open a network connection; only ``serve`` listens, on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tui.cli import build_parser, main
from tui.store.journal import open_journal
from tui.ui.app import build_app

TODAY = date(2027, 3, 15)

# Runs the real CLI in a fresh interpreter whose socket module refuses to connect anywhere.
GUARDED_CLI = r"""
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK-USED %r\n" % (args,))
    raise SystemExit(99)

socket.socket.connect = socket.socket.connect_ex = socket.socket.sendto = refuse
socket.create_connection = socket.getaddrinfo = refuse
from tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def cli_commands(tmp_path: Path) -> list[list[str]]:
    data = str(tmp_path / "data" / "taper.json")
    demo = str(tmp_path / "demo.json")
    export = str(tmp_path / "export.json")
    common = ["--data", data, "--today", TODAY.isoformat()]
    return [
        ["--data", demo, "demo", "--data", demo, "--days", "60", "--end", TODAY.isoformat()],
        [*common, "log", "--dose", "0.5@08:00", "--anxiety", "3", "--note", "http://example.com ../x /etc/passwd"],
        [*common, "plan", "--dose", "1", "--drug", "clonazepam", "--json"],
        [*common, "export", "-o", export],
        [
            "--data",
            demo,
            "--today",
            TODAY.isoformat(),
            "export",
            "--format",
            "html",
            "-o",
            str(tmp_path / "report.html"),
        ],
        ["--data", demo, "--today", TODAY.isoformat(), "export", "--format", "ics", "-o", str(tmp_path / "plan.ics")],
        ["--data", demo, "--today", TODAY.isoformat(), "export", "-o", str(tmp_path / "demo-export.json")],
        [*common, "import", str(tmp_path / "demo-export.json")],
    ]


def test_cli_commands_open_no_network_connection(tmp_path: Path) -> None:
    for argv in cli_commands(tmp_path):
        result = subprocess.run([sys.executable, "-c", GUARDED_CLI, *argv], capture_output=True, text=True, timeout=60)
        assert "NETWORK-USED" not in result.stderr, f"{argv}: {result.stderr}"
        assert result.returncode == 0, f"{argv} failed: {result.stderr}"


def test_cli_commands_in_process_open_no_network_connection(tmp_path: Path, no_network: list[str], capsys) -> None:
    for argv in cli_commands(tmp_path):
        assert main(argv) == 0, f"{argv}: {capsys.readouterr().err}"
    assert no_network == []


async def test_a_session_in_the_app_opens_no_network_connection(tmp_path: Path, no_network: list[str]) -> None:
    from tui.commands.demo import write_demo

    path = tmp_path / "taper.json"
    write_demo(path, days=120, end=TODAY)
    with open_journal(path) as journal:
        app = build_app(journal, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            for key in ("f2", "f3", "f4", "f5", "r", "c", "f6", "f1", "f3"):
                await pilot.press(key)
            await pilot.press("tab", "3", "ctrl+s")  # type into the form and save
            await pilot.pause()
            await pilot.press("ctrl+q")
    assert no_network == []


def test_serve_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tui.serve.server import GuardedServer

    bound: list[tuple[str, int]] = []
    monkeypatch.setattr(GuardedServer, "serve", lambda self: bound.append((self.host, self.port)))
    args = build_parser().parse_args(["--data", str(tmp_path / "t.json"), "serve"])
    assert args.host == "127.0.0.1"
    assert args.handler(args) == 0
    assert bound == [("127.0.0.1", 8000)]
