"""``taper-tui serve`` answers a browser on 127.0.0.1 only, with the key it prints, and stops when asked."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.security.hostile_corpus import ESC, raw_controls
from tui.cli import main
from tui.serve.server import GuardedServer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_binds_loopback_and_serves_the_page_with_the_printed_key(tmp_path):
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("TAPER_TUI_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        printed = b""
        os.set_blocking(process.stdout.fileno(), False)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and b"?token=" not in printed:
            printed += process.stdout.read() or b""
            time.sleep(0.1)
        link = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[A-Za-z0-9_-]{{40,}}", printed.decode())
        assert link, printed.decode()
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(link.group(0), timeout=2) as response:
                    body = response.read().decode()
            except urllib.error.HTTPError:
                raise
            except OSError:
                time.sleep(0.2)
        assert body is not None, "serve did not answer on 127.0.0.1"
        assert "taper-tui" in body
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        assert refused.value.code == 403
        # Bound to loopback only: nothing listens on the wildcard address for this port.
        if os.path.exists("/usr/bin/ss") or os.path.exists("/bin/ss"):
            listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
            lines = [line for line in listening.splitlines() if f":{port} " in line]
            assert lines and all("127.0.0.1" in line for line in lines)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_rejects_a_bad_port(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "serve", "--port", "70000"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "--port" in result.stderr


@pytest.mark.parametrize("token", ["short", "has space in it 123456", f"{ESC}]0;title\x07aaaaaaaaaaaaaaaa", "é" * 20])
def test_serve_rejects_a_key_that_is_short_or_not_url_safe(tmp_path, token):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "serve", "--token", token],
        capture_output=True,
    )
    assert result.returncode == 2
    assert b"--token" in result.stderr and b"16 to 256 letters" in result.stderr
    assert raw_controls(result.stderr) == []


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> list[GuardedServer]:
    calls: list[GuardedServer] = []
    monkeypatch.setattr(GuardedServer, "serve", lambda self: calls.append(self))
    monkeypatch.delenv("TAPER_TUI_TOKEN", raising=False)
    return calls


def test_a_non_loopback_address_needs_host_and_warns(tmp_path: Path, no_serving, capsys) -> None:
    assert main(["--data", str(tmp_path / "t.json"), "serve", "--host", "0.0.0.0"]) == 0
    (server,) = no_serving
    assert server.host == "0.0.0.0"
    err = capsys.readouterr().err
    assert "warning: serving on 0.0.0.0" in err and "SSH tunnel" in err


def test_loopback_by_default_without_a_warning_and_a_new_key_each_run(tmp_path: Path, no_serving, capsys) -> None:
    main(["--data", str(tmp_path / "t.json"), "serve"])
    main(["--data", str(tmp_path / "t.json"), "serve"])
    first, second = no_serving
    assert first.host == second.host == "127.0.0.1"
    assert first.access.token != second.access.token
    assert capsys.readouterr().err == ""


def test_the_key_can_be_given_by_flag_or_environment(tmp_path: Path, no_serving, monkeypatch) -> None:
    main(["--data", str(tmp_path / "t.json"), "serve", "--token", "given-key-0123456789"])
    monkeypatch.setenv("TAPER_TUI_TOKEN", "from-the-environment-0123")
    main(["--data", str(tmp_path / "t.json"), "serve"])
    assert [server.access.token for server in no_serving] == ["given-key-0123456789", "from-the-environment-0123"]
