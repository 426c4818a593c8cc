"""Drive the installed ``taper-tui`` in a real terminal (tmux, 80×24) as a person would.

Skipped where tmux is not installed (CI installs it: see .ci/run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Terminal:
    """One program in a private tmux server: type keys, read the screen."""

    def __init__(self, socket: Path, command: list[str], env: dict[str, str]) -> None:
        self.base = [TMUX, "-S", str(socket)]
        subprocess.run(
            [*self.base, "new-session", "-d", "-x", "80", "-y", "24", "-s", "t", *command],
            check=True,
            env=env,
        )

    def screen(self) -> str:
        return subprocess.run([*self.base, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", "t", key], check=True)
            time.sleep(0.3)  # focus moves asynchronously: give each key its turn

    def type(self, text: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "t", "-l", text], check=True)
        time.sleep(0.3)

    def running(self) -> bool:
        return subprocess.run([*self.base, "has-session", "-t", "t"], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


def installed_command() -> str:
    """The console script installed beside this Python (what `make run` runs)."""
    candidate = Path(sys.executable).parent / "taper-tui"
    return str(candidate) if candidate.exists() else shutil.which("taper-tui") or "taper-tui"


def test_log_a_day_keyboard_only_at_80x24(tmp_path):
    data = tmp_path / "data" / "taper.json"
    env = {**os.environ, "TERM": "xterm-256color", "HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    terminal = Terminal(
        tmp_path / "tmux.sock", [installed_command(), "--data", str(data), "--today", "2027-03-15"], env
    )
    try:
        terminal.wait_for("Welcome to taper-tui")
        terminal.keys("Escape")  # skip the questions: straight to today's log
        terminal.wait_for("15 March 2027")
        terminal.keys("BTab")  # the Log opens in the first dose's mg: back to its time
        for value in ("08:00", "0.25", "5", "4", "6.5", "3"):
            terminal.type(value)
            terminal.keys("Enter")
        terminal.keys("C-s")
        terminal.wait_for("✓ saved")
        terminal.keys("q")
        deadline = time.monotonic() + 10
        while terminal.running() and "$" not in terminal.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        terminal.close()
    stored = json.loads(data.read_text())
    (entry,) = stored["entries"].values()
    assert entry["date"] == "2027-03-15"
    assert entry["intakes"] == [{"time": "08:00", "mg": "0.25"}]
    assert (entry["anxiety"], entry["mood"], entry["sleep_hours"], entry["sleep_quality"]) == (5, 4, "6.5", 3)
