"""``taper-tui serve`` answers a browser on 127.0.0.1 only, and stops when asked."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_binds_loopback_and_serves_the_page(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--data", str(tmp_path / "t.json"), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert body is not None, "serve did not answer on 127.0.0.1"
        assert "taper-tui" in body
        # Bound to loopback only: nothing listens on the wildcard address for this port.
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout if os.path.exists("/usr/bin/ss") or os.path.exists("/bin/ss") else ""
        if listening:
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
