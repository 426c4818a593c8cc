"""Headless Chromium driven over the DevTools protocol, with nothing but aiohttp.

Enough of the protocol for the browser test: open a page, watch the network (every request,
every WebSocket frame the page receives), focus an element and press keys. Chromium runs in
its own process group with a throw-away profile, and is killed with that group.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--remote-debugging-address=127.0.0.1",
    "--window-size=1400,1000",  # room for the 80×24 the app needs at the page's 16 px font
)

TERMINAL_CONTROLS = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)
"""Escape sequences in the app's output stream, removed to read the text it draws."""

KEYS = {
    "Escape": ("Escape", "Escape", 27, ""),
    "Enter": ("Enter", "Enter", 13, "\r"),
    "Tab": ("Tab", "Tab", 9, "\t"),
}
"""key name → (DOM key, DOM code, Windows virtual key code, text) for the non-printing keys used."""


PUNCTUATION_CODES = {".": 190, ":": 186, "-": 189}
"""Windows virtual key codes of the punctuation typed in the tests."""


def chromium_binary() -> str | None:
    """The Chromium executable (Debian: ``chromium``), or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One headless Chromium process and a DevTools session on one page."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        self.stderr: list[str] = []
        """Chromium's log lines (read continuously so its pipe never fills)."""
        threading.Thread(target=self._drain, daemon=True).start()
        self.requests: list[str] = []
        """Every URL the page asked for (HTTP requests and WebSockets)."""
        self.received = bytearray()
        """Every binary WebSocket frame the page received, in order: the app's terminal output."""
        self._session: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task | None = None
        self._pending: dict[int, asyncio.Future] = {}
        self._next_id = 0
        self._page_session = ""

    def _drain(self) -> None:
        for line in iter(self.process.stderr.readline, ""):
            self.stderr.append(line)

    def devtools_url(self, timeout: float = 30) -> str:
        """The browser's DevTools WebSocket address, from the line Chromium prints at start."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.stderr:
                if match := re.search(r"DevTools listening on (ws://\S+)", line):
                    return match.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError("Chromium did not start its DevTools endpoint:\n" + "".join(self.stderr[-20:]))

    async def open(self, url: str) -> None:
        """Attach to a fresh page, start watching the network, then load ``url``."""
        self._session = aiohttp.ClientSession()
        self._socket = await self._session.ws_connect(self.devtools_url(), max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        target = await self.send("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self._page_session = attached["sessionId"]
        await self.send("Network.enable")
        await self.send("Page.enable")
        await self.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        await self.send("Page.navigate", {"url": url})

    async def send(self, method: str, params: dict[str, Any] | None = None, page: bool = True) -> dict[str, Any]:
        """One DevTools command; returns its result or fails with Chromium's error."""
        assert self._socket is not None
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if page:
            message["sessionId"] = self._page_session
        answer = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = answer
        await self._socket.send_str(json.dumps(message))
        reply = await asyncio.wait_for(answer, 30)
        assert "error" not in reply, f"{method}: {reply['error']}"
        return reply.get("result", {})

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            data = json.loads(message.data)
            if "id" in data:
                self._pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.requests.append(data["params"]["url"])
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                if frame["opcode"] == 2:
                    self.received += base64.b64decode(frame["payloadData"])

    def screen_text(self) -> str:
        """What the app has drawn so far, with the escape sequences taken out."""
        return TERMINAL_CONTROLS.sub("", self.received.decode("utf-8", errors="replace"))

    async def wait_for_text(self, text: str, timeout: float = 60, after: int = 0) -> None:
        """Wait until the app draws ``text`` (in output received after byte ``after``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = TERMINAL_CONTROLS.sub("", self.received[after:].decode("utf-8", errors="replace"))
            if text in seen:
                return
            await asyncio.sleep(0.2)
        raise AssertionError(f"the page never showed {text!r}; it showed:\n{self.screen_text()[-3000:]}")

    async def settle(self, quiet: float = 0.3, timeout: float = 10) -> None:
        """Wait until the app has stopped drawing for ``quiet`` seconds: the last key is handled.

        A person types slower than DevTools; a key sent while the app is still moving the
        focus could land in the previous field.
        """
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline and seen != len(self.received):
            seen = len(self.received)
            await asyncio.sleep(quiet)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        """Save what the page shows as a PNG (kept beside a failing test's files)."""
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))

    async def press(self, key: str, ctrl: bool = False, shift: bool = False) -> None:
        """Press and release one key, as a person at the keyboard would (xterm.js reads it)."""
        if key in KEYS:
            dom_key, code, virtual, text = KEYS[key]
        else:
            # Windows key codes: letters and digits are their upper-case code points; "." is
            # VK_OEM_PERIOD (its code point, 46, is the Delete key's).
            virtual = ord(key.upper()) if key.isalnum() and key.isascii() else PUNCTUATION_CODES.get(key, 0)
            dom_key, code, text = key, f"Key{key.upper()}" if key.isalpha() else "", key
        event = {
            "key": dom_key,
            "code": code,
            "windowsVirtualKeyCode": virtual,
            "modifiers": (2 if ctrl else 0) | (8 if shift else 0),
        }
        await self.send(
            "Input.dispatchKeyEvent",
            {"type": "keyDown", **event, **({"text": text} if text and not ctrl and not shift else {})},
        )
        await self.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})
        await self.settle()

    async def type(self, text: str) -> None:
        """Type ``text`` key by key."""
        for char in text:
            await self.press(char)

    async def close(self) -> None:
        """Close the DevTools connection and kill Chromium's whole process group."""
        if self._reader is not None:
            self._reader.cancel()
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
