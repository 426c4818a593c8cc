"""A real ``taper-tui serve`` in a subprocess, on a free port, with a private HOME and data file."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TODAY = "2027-03-15"
LINK = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    """One running ``serve``: its link, key, data file and everything it printed."""

    process: subprocess.Popen
    port: int
    data: Path
    output: list[str] = field(default_factory=list)
    link: str = ""
    token: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def printed(self) -> str:
        return "".join(self.output)


def _collect(stream, into: list[str]) -> None:
    for line in iter(stream.readline, ""):
        into.append(line)


def stop(process: subprocess.Popen) -> None:
    """Stop the server and the app processes it started: the whole process group."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # an app child left spinning after the server quit
    process.wait(timeout=10)


def start_serve(tmp_path: Path, data: Path) -> Served:
    """``taper-tui --data DATA --today 2027-03-15 serve --port <free>``, once it printed its link."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    port = free_port()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    env.pop("TAPER_TUI_TOKEN", None)
    env.pop("TAPER_TUI_DATA", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--data", str(data), "--today", TODAY, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="surrogateescape",  # a stray byte must show up in the output, not end the reader
        env=env,
        start_new_session=True,
    )
    server = Served(process, port, data)
    threading.Thread(target=_collect, args=(process.stdout, server.output), daemon=True).start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (match := LINK.search(server.printed())):
            assert process.poll() is None, f"serve exited early:\n{server.printed()}"
            time.sleep(0.1)
        assert match, f"serve printed no link:\n{server.printed()}"
        server.link, server.token = match.group(0), match.group(2)
        assert int(match.group(1)) == port
        _wait_listening(port)
    except BaseException:
        stop(process)
        raise
    return server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A running ``serve`` on a fresh data file in ``tmp_path``; stopped (whole group) afterwards."""
    server = start_serve(tmp_path, tmp_path / "data" / "taper.json")
    try:
        yield server
    finally:
        stop(server.process)


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")
