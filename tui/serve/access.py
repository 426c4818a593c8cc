"""Who may use the served app: the holder of this run's key, from a page of this server.

``taper-tui serve`` gives a browser the whole app — read and change a medical log. On a shared
machine any local user can reach 127.0.0.1, and any web page the person visits can ask their
browser to open a WebSocket to it. So, as Jupyter does:

* **a key per run** (``secrets.token_urlsafe``) or given with ``--token``, required on the page
  and on the WebSocket, compared in constant time;
* **the Host header** must name the bound address (for a loopback bind: 127.0.0.1, localhost
  or [::1]), which refuses DNS rebinding (a page on ``evil.example`` resolving to 127.0.0.1).
  The port is not compared, so an SSH tunnel may use another local port;
* **the Origin header**, when sent (browsers always send it on a WebSocket), must be this very
  server as the browser reached it (``http://`` + the Host header), so a page on another site —
  or on another port of this machine — is refused (cross-site WebSocket hijacking).

Pure functions of the request's headers, so they are tested without a server.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,256}")
"""A key given with ``--token``: URL-safe (it travels in the link and the WebSocket path) and
at least 16 characters, so it cannot be guessed by trying."""

TOKEN_RULE = 'use 16 to 256 letters, digits, "-" or "_" (or leave --token out for a random key)'
"""What :data:`TOKEN_PATTERN` allows, in words, for the error message."""

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""Names of this machine's loopback that a browser may put in the Host header."""

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
"""Bind addresses meaning "every interface"."""


def new_token() -> str:
    """A fresh random key for one run (32 bytes of entropy, URL-safe)."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """True when ``host`` (a bind address or a Host name) is this machine's loopback."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as it is written in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


HOST_HEADER = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?")
"""A Host header as a browser sends it: a name, an IPv4 address or a bracketed IPv6 address,
then an optional port; nothing else (no user name, path or query)."""


def host_name(netloc: str) -> str | None:
    """The lower-case host name of a Host header (``name[:port]``), or None when it is not one."""
    match = HOST_HEADER.fullmatch(netloc)
    return match.group(1).strip("[]").lower() if match else None


@dataclass(frozen=True)
class ServeAccess:
    """The rules for one run of ``serve``: the bound address and the key."""

    bind_host: str
    """The address the server listens on (``--host``)."""

    token: str
    """The key a request must carry."""

    def token_matches(self, given: str | None) -> bool:
        """True when ``given`` is this run's key (constant-time comparison)."""
        return given is not None and secrets.compare_digest(given.encode(), self.token.encode())

    def host_allowed(self, host_header: str | None) -> bool:
        """True when the Host header names the bound address (any port, see the module doc)."""
        name = host_name(host_header) if host_header else None
        if name is None:
            return False
        bound = self.bind_host.strip("[]").lower()
        if is_loopback(bound):
            return name in LOOPBACK_NAMES or name == bound
        if bound in WILDCARD_HOSTS:
            # Every interface: the address the browser used must be an IP literal (or
            # localhost): a DNS name here is what a rebinding attack would send.
            return name == "localhost" or _is_ip(name)
        return name == bound

    def origin_allowed(self, origin: str | None, host_header: str | None) -> bool:
        """True when there is no Origin, or it is ``http://`` + the (already checked) Host header."""
        if origin is None:
            return True
        if not host_header:
            return False
        return origin.lower() == f"http://{host_header.lower()}"

    def refusal(self, host_header: str | None, origin: str | None) -> str | None:
        """Why a request with these headers is refused, or None when Host and Origin are fine."""
        if not self.host_allowed(host_header):
            return f"Host {host_header!r} is not this server's address"
        if not self.origin_allowed(origin, host_header):
            return f"Origin {origin!r} is not this server's page"
        return None

    def open_url(self, port: int) -> str:
        """The link to print: the page with the key, on an address the Host check accepts."""
        host = "127.0.0.1" if self.bind_host.strip("[]") in WILDCARD_HOSTS else self.bind_host
        return f"http://{url_host(host)}:{port}/?token={self.token}"


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
