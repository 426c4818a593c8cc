"""With the printed link, headless Chromium shows the app and the keys typed there reach it.

The whole path a person takes: ``taper-tui serve`` in a subprocess, Chromium (Debian's
``chromium``) opening the printed link, xterm.js in the page drawing the app, key presses
dispatched as real keyboard events, and the day they log read back from the data file. The page
must ask for nothing beyond this server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.serve.cdp import Browser, chromium_binary
from tests.serve.conftest import Served

pytestmark = pytest.mark.skipif(
    chromium_binary() is None,
    reason="Chromium is not installed (Debian package `chromium`; .ci/run installs it)",
)


async def test_the_app_renders_in_chromium_and_a_logged_day_reaches_the_data_file(
    served: Served, tmp_path: Path
) -> None:
    browser = Browser(chromium_binary(), tmp_path / "chromium-profile")
    try:
        await browser.open(served.link)
        await browser.wait_for_text("Welcome to taper-tui")
        assert await browser.evaluate("document.body.classList.contains('-first-byte')")
        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

        mark = len(browser.received)
        await browser.press("Escape")  # skip the questions: straight to today's log
        await browser.wait_for_text("15 March 2027", after=mark)
        await browser.press("Tab", shift=True)  # the Log opens in the first dose's mg: back to its time
        for value in ("08:00", "0.25", "5", "4", "6.5", "3"):
            await browser.type(value)
            await browser.press("Enter")
        mark = len(browser.received)
        await browser.press("s", ctrl=True)
        await browser.wait_for_text("✓ saved", after=mark)
    except AssertionError:
        await browser.screenshot(tmp_path / "failure.png")
        raise
    finally:
        await browser.close()

    stored = json.loads(served.data.read_text())
    (entry,) = stored["entries"].values()
    assert entry["date"] == "2027-03-15"
    assert entry["intakes"] == [{"time": "08:00", "mg": "0.25"}]
    assert (entry["anxiety"], entry["mood"], entry["sleep_hours"], entry["sleep_quality"]) == (5, 4, "6.5", 3)

    own = (f"http://127.0.0.1:{served.port}/", f"ws://127.0.0.1:{served.port}/")
    assert browser.requests, "the page made no request at all"
    assert [url for url in browser.requests if not url.startswith(own) and not url.startswith("data:")] == []
    assert any(url.startswith(f"ws://127.0.0.1:{served.port}/ws/") for url in browser.requests)
