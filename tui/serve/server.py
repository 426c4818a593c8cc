"""textual-serve's server with a key, a Host/Origin check and nothing fetched from the internet.

:class:`GuardedServer` subclasses ``textual_serve.server.Server`` (tested with textual-serve
1.1.3, pinned in pyproject.toml because this module overrides its ``_make_app``,
``handle_index`` and ``serve`` and calls its ``handle_websocket``). The rules themselves live in
:mod:`tui.serve.access`; this module applies them to every route:

* ``/?token=KEY`` — the page, only with the key; without it a 403 says where the link is.
* ``/ws/KEY`` — the WebSocket that runs the app; the key is in the path because textual.js
  appends ``?width=…&height=…`` to the URL it is given.
* ``/static/…`` — textual-serve's own script, stylesheet and Roboto Mono font, served from the
  installed package (no directory listing). The page is our template, ``templates/app_index.html``:
  textual-serve's own links Google Fonts, which would tell a third party each time the person
  opens their tracker. A Content-Security-Policy header holds the browser to this server.
* textual-serve's ``/download/…`` route is not served: taper-tui never hands files to the
  browser, and that route would bypass the key.

The access log is off: each line would hold the key.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.core.terminal_text import terminal_safe_line
from tui.serve.access import ServeAccess

TEMPLATES = Path(__file__).parent / "templates"
"""Our page template (textual-serve's, minus the web fonts)."""

log = logging.getLogger("taper-tui.serve")


class GuardedServer(Server):
    """A textual-serve ``Server`` that requires the run's key and this server's Host and Origin."""

    def __init__(self, command: str, access: ServeAccess, port: int, data_label: str) -> None:
        super().__init__(command, host=access.bind_host, port=port, title="taper-tui")
        self.access = access
        """The key and the bound address every request is checked against."""
        self.data_label = data_label
        """The data file being served, as printed at start."""
        self.templates_path = TEMPLATES

    async def _make_app(self) -> web.Application:
        """The aiohttp app: the guard on every request, then the page, the WebSocket and statics."""
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_guarded_websocket, name="websocket"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_response_prepare.append(self.add_security_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refuse (403) any request whose Host or Origin is not this server's."""
        refusal = self.access.refusal(request.headers.get("Host"), request.headers.get("Origin"))
        if refusal is not None:
            self.report_refusal(request, refusal)
            raise web.HTTPForbidden(text=f"taper-tui: refused: {refusal}\n")
        return await handler(request)

    def report_refusal(self, request: web.Request, reason: str) -> None:
        """Tell the person at the terminal that something was turned away (headers shown inert)."""
        print(
            f"taper-tui: refused {terminal_safe_line(request.method)} {terminal_safe_line(request.path)}: "
            f"{terminal_safe_line(reason)}",
            file=sys.stderr,
            flush=True,
        )

    async def add_security_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """Keep the page to this server: no third-party loads, no framing, no key in a Referer."""
        host = request.headers.get("Host", "")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self'; connect-src 'self' ws://{host}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, for the holder of the key; the WebSocket URL is built from the checked Host."""
        if not self.access.token_matches(request.query.get("token")):
            self.report_refusal(request, "the page was asked for without the key")
            raise web.HTTPForbidden(
                text="taper-tui: this page needs its key. Open the link `taper-tui serve` printed "
                "(it ends in ?token=...).\n"
            )
        host = request.headers["Host"]  # present and checked by guard()
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{host}/ws/{self.access.token}",
            "static_url": "/static/",
            "title": "taper-tui",
        }

    async def handle_guarded_websocket(self, request: web.Request) -> web.StreamResponse:
        """The app's WebSocket, refused (403, before the handshake) without the key."""
        if not self.access.token_matches(request.match_info["token"]):
            self.report_refusal(request, "the WebSocket was opened without the key")
            raise web.HTTPForbidden(text="taper-tui: refused: wrong or missing key\n")
        return await self.handle_websocket(request)

    async def on_startup(self, app: web.Application) -> None:
        """Print the link to open (with the key) instead of textual-serve's banner."""
        url = self.access.open_url(self.port)
        print(
            f"taper-tui: serving {self.data_label}\n"
            "Open this link in your browser. It holds the key to your log: do not share it.\n\n"
            f"    {url}\n\n"
            f"From another computer, tunnel over SSH: ssh -L {self.port}:127.0.0.1:{self.port} THIS-HOST\n"
            "then open the same link there. Press Ctrl+C to stop.",
            flush=True,
        )

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM; as textual-serve's ``serve`` but without the access log."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            access_log=None,
            print=lambda *args: None,
        )
