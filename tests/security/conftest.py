"""Fixtures for the security checks: catch any network use, watch what an import touches."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


class NetworkUsed(AssertionError):
    """Raised inside the code under test when it tries to reach the network."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outgoing connection fail the test; returns the attempts (for the message)."""
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network use: {name} {args!r}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


_WATCHING: list[list[tuple[str, tuple]]] = []


def _audit(event: str, args: tuple) -> None:
    if _WATCHING:
        _WATCHING[-1].append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it records only inside audit_events()


@contextmanager
def audit_events() -> Iterator[list[tuple[str, tuple]]]:
    """Record every audit event (open, socket.*, exec, subprocess.Popen, os.system …) raised inside."""
    recorded: list[tuple[str, tuple]] = []
    _WATCHING.append(recorded)
    try:
        yield recorded
    finally:
        _WATCHING.remove(recorded)
