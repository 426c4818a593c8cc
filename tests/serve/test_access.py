"""The key, Host and Origin rules of ``serve``, without a server."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.serve.access import TOKEN_PATTERN, ServeAccess, is_loopback, new_token

KEY = "k" * 43
LOOPBACK = ServeAccess(bind_host="127.0.0.1", token=KEY)


def test_each_run_gets_a_new_url_safe_key() -> None:
    keys = {new_token() for _ in range(50)}
    assert len(keys) == 50
    assert all(TOKEN_PATTERN.fullmatch(key) and len(key) >= 40 for key in keys)


@given(st.text(max_size=60))
def test_only_the_exact_key_matches(given_key: str) -> None:
    assert LOOPBACK.token_matches(given_key) == (given_key == KEY)


def test_a_missing_key_never_matches() -> None:
    assert not LOOPBACK.token_matches(None)
    assert not LOOPBACK.token_matches("")


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST:9000", "127.0.0.1"])
def test_a_loopback_bind_accepts_loopback_names_on_any_port(host: str) -> None:
    assert LOOPBACK.host_allowed(host)


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        "evil.example",
        "evil.example:8000",
        "127.0.0.1.nip.io:8000",
        "localhost.evil.example",
        "10.0.0.2:8000",
        "127.0.0.1:notaport",
        "user@127.0.0.1:8000",
    ],
)
def test_a_loopback_bind_refuses_any_other_host(host: str | None) -> None:
    assert not LOOPBACK.host_allowed(host)


def test_an_explicit_address_accepts_only_itself() -> None:
    lan = ServeAccess(bind_host="192.168.1.5", token=KEY)
    assert lan.host_allowed("192.168.1.5:8000")
    assert not lan.host_allowed("127.0.0.1:8000")
    assert not lan.host_allowed("evil.example:8000")


def test_every_interface_accepts_ip_literals_but_no_dns_name() -> None:
    wildcard = ServeAccess(bind_host="0.0.0.0", token=KEY)
    assert wildcard.host_allowed("192.168.1.5:8000") and wildcard.host_allowed("[fe80::1]:8000")
    assert wildcard.host_allowed("localhost:8000")
    assert not wildcard.host_allowed("evil.example:8000")  # DNS rebinding sends a name
    assert wildcard.open_url(8000) == f"http://127.0.0.1:8000/?token={KEY}"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),  # not a browser: the key still decides
        ("http://127.0.0.1:8000", True),
        ("HTTP://127.0.0.1:8000", True),
        ("http://127.0.0.1:8001", False),  # another local server's page
        ("https://127.0.0.1:8000", False),
        ("http://localhost:8000", False),  # another origin than the page the browser reached
        ("https://evil.example", False),
        ("null", False),
        ("", False),
    ],
)
def test_the_origin_must_be_the_page_the_browser_reached(origin: str | None, allowed: bool) -> None:
    assert LOOPBACK.origin_allowed(origin, "127.0.0.1:8000") is allowed


def test_a_refusal_names_the_header() -> None:
    assert LOOPBACK.refusal("127.0.0.1:8000", None) is None
    assert "Host" in LOOPBACK.refusal("evil.example", None)
    assert "Origin" in LOOPBACK.refusal("127.0.0.1:8000", "https://evil.example")


def test_the_link_brackets_an_ipv6_address() -> None:
    assert ServeAccess(bind_host="::1", token=KEY).open_url(8000) == f"http://[::1]:8000/?token={KEY}"
    assert is_loopback("::1") and is_loopback("127.0.0.2") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
