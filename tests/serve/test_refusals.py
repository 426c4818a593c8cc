"""Without the key, from a foreign page or under a foreign name, the served app is refused."""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest

from tests.serve.conftest import Served


async def ws_status(url: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status of a WebSocket handshake (101 when it was accepted)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers or {}, timeout=aiohttp.ClientWSTimeout(ws_close=5)):
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


async def page(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers or {}) as response:
        return response.status, (await response.read()).decode(errors="replace"), dict(response.headers)


def ws_url(served: Served, token: str) -> str:
    return f"ws://127.0.0.1:{served.port}/ws/{token}"


async def test_the_link_printed_holds_a_fresh_random_key(served: Served) -> None:
    assert len(served.token) >= 40  # secrets.token_urlsafe(32)
    assert "ssh -L" in served.printed()


async def test_a_websocket_with_the_key_is_accepted(served: Served) -> None:
    """The refusals below mean something only if the right request gets through."""
    assert await ws_status(ws_url(served, served.token)) == 101
    origin = {"Origin": served.base}
    assert await ws_status(ws_url(served, served.token), origin) == 101


@pytest.mark.parametrize("token", ["", "wrong-key-wrong-key-wrong-key", "x"])
async def test_a_websocket_without_the_key_is_refused(served: Served, token: str) -> None:
    assert await ws_status(ws_url(served, token)) in (403, 404)
    assert await ws_status(f"ws://127.0.0.1:{served.port}/ws") == 404  # textual-serve's open route is gone


async def test_a_websocket_with_the_key_but_a_wrong_key_length_is_refused(served: Served) -> None:
    assert await ws_status(ws_url(served, served.token[:-1])) == 403
    assert await ws_status(ws_url(served, served.token + "A")) == 403


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://evil.example", "null", "http://127.0.0.1:1", "http://localhost.evil.example"],
)
async def test_a_websocket_from_a_foreign_origin_is_refused_even_with_the_key(served: Served, origin: str) -> None:
    assert await ws_status(ws_url(served, served.token), {"Origin": origin}) == 403
    await served_said(served, f"Origin {origin!r} is not this server's page")  # the person is told


async def served_said(served: Served, text: str) -> None:
    """Wait for ``serve`` to print ``text`` (its output reaches us a moment after the reply)."""
    for _ in range(100):
        if text in served.printed():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"serve never printed {text!r}:\n{served.printed()}")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}", "10.0.0.1:{port}"])
async def test_a_wrong_host_is_refused_even_with_the_key(served: Served, host: str) -> None:
    host = host.format(port=served.port)
    assert await ws_status(ws_url(served, served.token), {"Host": host}) == 403
    assert (await page(served.link, {"Host": host}))[0] == 403


async def test_the_page_needs_the_key(served: Served) -> None:
    status, body, _ = await page(served.base + "/")
    assert status == 403 and "?token=" in body
    assert (await page(served.base + "/?token=nope"))[0] == 403
    status, body, headers = await page(served.link)
    assert status == 200
    assert f"ws://127.0.0.1:{served.port}/ws/{served.token}" in body
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"


async def test_the_page_loads_nothing_from_the_internet(served: Served) -> None:
    status, body, headers = await page(served.link)
    assert status == 200
    references = [a or b for a, b in re.findall(r'(?:src|href)="([^"]+)"|url\("([^"]+)"\)', body)]
    assert len(references) == 5 and all(ref.startswith("/static/") for ref in references), references
    assert "googleapis" not in body and "https://" not in body
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "font-src 'self'" in csp
    for asset in ("fonts/RobotoMono-VariableFont_wght.ttf", "js/textual.js", "css/xterm.css"):
        assert (await page(f"{served.base}/static/{asset}"))[0] == 200
    assert (await page(f"{served.base}/static/"))[0] in (403, 404)  # no directory listing


async def test_the_download_route_is_not_served(served: Served) -> None:
    assert (await page(f"{served.base}/download/anything"))[0] == 404


async def test_the_key_never_appears_in_a_log_line(served: Served) -> None:
    await page(served.link)
    await ws_status(ws_url(served, "wrong-key-wrong-key-wrong-key"))
    await served_said(served, "the WebSocket was opened without the key")
    lines_with_key = [line for line in served.output if served.token in line]
    assert lines_with_key == [f"    {served.link}\n"]
