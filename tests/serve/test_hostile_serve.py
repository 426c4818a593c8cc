"""The hostile corpus through ``serve``'s own output: what it prints about requests and its data file.

``serve`` writes to the person's terminal when it starts (the data file's path) and each time it
turns a request away (the method, the path and the header at fault). All of these can be chosen
by someone else — a folder name, a crafted request from another local user — so none of them may
carry a control sequence to the terminal.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.security.hostile_corpus import FAKE_MESSAGE, HOSTILE, raw_controls
from tests.serve.conftest import Served, start_serve, stop
from tui.cli import main

SHORT = {name: text for name, text in HOSTILE.items() if name != "long_line"}


def raw_request(port: int, head: bytes) -> bytes:
    """Send one raw HTTP request head and return the start of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head)
        return sock.recv(200)


def printed_bytes(served: Served) -> bytes:
    return served.printed().encode("utf-8", errors="surrogateescape")


def wait_quiet(served: Served) -> None:
    seen = -1
    while seen != len(served.output):
        seen = len(served.output)
        time.sleep(0.3)


def test_hostile_paths_and_headers_are_refused_and_reported_inert(served: Served) -> None:
    host = f"127.0.0.1:{served.port}".encode()
    for name, text in SHORT.items():
        path = quote(text.encode("utf-8", errors="surrogatepass"), safe="")
        for target in (f"/ws/{path}", f"/?token={path}", f"/{path}"):
            answer = raw_request(served.port, f"GET {target} HTTP/1.1\r\nHost: ".encode() + host + b"\r\n\r\n")
            assert answer.startswith((b"HTTP/1.1 403", b"HTTP/1.1 404", b"HTTP/1.1 400", b"HTTP/1.0 400")), (
                name,
                answer,
            )
        header_safe = text.replace("\r", "").replace("\n", "")
        for header in (b"Origin", b"Host"):
            head = b"GET /ws/" + served.token.encode() + b" HTTP/1.1\r\n"
            head += (b"Host: " + host + b"\r\n") if header == b"Origin" else b""
            head += header + b": " + header_safe.encode("utf-8", errors="surrogatepass") + b"\r\n\r\n"
            answer = raw_request(served.port, head)
            assert answer.startswith((b"HTTP/1.1 403", b"HTTP/1.1 400", b"HTTP/1.0 400")), (name, header, answer)
    wait_quiet(served)
    output = printed_bytes(served)
    assert output.count(b"taper-tui: refused") >= len(SHORT)
    assert raw_controls(output) == []
    assert b"\\x1b]0;pwned title" in output  # shown, as text
    assert served.process.poll() is None  # and still serving


def test_a_hostile_data_folder_name_is_printed_inert(tmp_path: Path) -> None:
    folder = tmp_path / f"x{HOSTILE['osc0_title_bel']}{HOSTILE['fake_report']}\u202e"
    server = start_serve(tmp_path, folder / "taper.json")
    try:
        wait_quiet(server)
        output = printed_bytes(server)
    finally:
        stop(server.process)
    assert raw_controls(output) == []
    assert FAKE_MESSAGE.encode() in output and b"\\x1b]0;pwned title\\x07" in output


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_key_is_refused_with_an_inert_message(name: str, tmp_path: Path, capsys) -> None:
    assert main(["--data", str(tmp_path / "t.json"), "serve", "--token", HOSTILE[name]]) == 2
    err = capsys.readouterr().err
    assert "--token" in err
    assert raw_controls(err) == []
