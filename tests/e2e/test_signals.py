"""A real taper-tui in a real terminal (tmux), ended by a signal: the form survives as a draft,
the terminal is given back, and the next start restores the draft. Also: a crash in a handler
exits non-zero with a private crash log that holds no note text.

Skipped where tmux is not installed (CI installs it: see .ci/run).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.test_real_terminal import TMUX, Terminal, installed_command
from tui.store.drafts import draft_path
from tui.store.journal import open_journal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

NOTE = "woke at 3 [/b] jaw tight"


def terminal_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm-256color", "HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    return env


def a_journal(tmp_path: Path) -> Path:
    data = tmp_path / "data" / "taper.json"
    with open_journal(data) as journal:
        journal.update_settings(onboarded=True)
    return data


def start(tmp_path: Path, data: Path, name: str) -> Terminal:
    # The shell stays after the app ends, so the pane shows what the terminal was left in.
    command = f"{installed_command()} --data {data} --today 2027-03-15; echo EXITED=$?; sleep 60"
    return Terminal(tmp_path / f"{name}.sock", ["sh", "-c", command], terminal_env(tmp_path))


def pane_flags(terminal: Terminal) -> str:
    fmt = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag} #{mouse_sgr_flag}"
    result = subprocess.run([*terminal.base, "display-message", "-p", "-t", "t", fmt], capture_output=True, text=True)
    return result.stdout.strip()


def app_pid(terminal: Terminal) -> int:
    shell = subprocess.run(
        [*terminal.base, "display-message", "-p", "-t", "t", "#{pane_pid}"], capture_output=True, text=True
    ).stdout.strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    return int(children[0])


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep is not installed")
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_keeps_the_form_as_a_draft_and_gives_the_terminal_back(tmp_path, signum):
    data = a_journal(tmp_path)
    terminal = start(tmp_path, data, "first")
    try:
        terminal.wait_for("15 March 2027")
        terminal.keys("l")  # from Today: log today
        terminal.wait_for("not logged yet")
        time.sleep(0.5)  # the form takes the focus just after it is drawn
        terminal.keys("BTab")  # the Log opens in the first dose's mg: back to its time
        terminal.type("08:00")
        terminal.keys("Enter")
        terminal.type("0.25")
        terminal.keys("Enter")
        terminal.type("7")  # anxiety
        terminal.wait_for("unsaved")
        os.kill(app_pid(terminal), signum)
        screen = terminal.wait_for("EXITED=")
        assert f"EXITED={128 + signum}" in screen
        # The alternate screen was left and mouse tracking turned off (the pane would still
        # report "1" for either if the app had died without restoring the terminal).
        assert pane_flags(terminal) == "0 0 0 0 0"
    finally:
        terminal.close()
    draft = draft_path(data, "log")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    state = json.loads(draft.read_text())["state"]
    assert state["intakes"] == [["08:00", "0.25"]] and state["fields"]["anxiety"] == "7"

    again = start(tmp_path, data, "second")
    try:
        terminal_text = again.wait_for("An unsaved entry for Mon 15 Mar")
        assert "Restore" in terminal_text
        again.keys("Enter")  # Restore has the focus
        again.wait_for("unsaved")
        again.keys("C-s")
        again.wait_for("✓ saved")
    finally:
        again.close()
    with open_journal(data, read_only=True) as journal:
        saved = journal.get_day(date(2027, 3, 15))
        assert saved is not None and saved.anxiety == 7
    assert not draft.exists()


CRASHING_APP = """
import sys
from datetime import date
from textual.binding import Binding
from tui.core.entry import DayEntry
from tui.store.journal import open_journal
from tui.ui.app import TaperApp, build_app

class Broken(TaperApp):
    BINDINGS = [*TaperApp.BINDINGS, Binding("ctrl+t", "boom", "Boom")]

    def action_boom(self):
        entry = self.journal.get_day(date(2027, 3, 14))  # a local holding the note
        raise RuntimeError("a bug in a handler")

journal = open_journal(sys.argv[1])
journal.save_day(DayEntry(day=date(2027, 3, 14), note=sys.argv[2]))
app = build_app(journal, today=date(2027, 3, 15))
app.__class__ = Broken
app._bindings.bind("ctrl+t", "boom", "Boom")
app.run()
journal.close()
print("CRASHLOG", app.crash_log, flush=True)
sys.exit(app.return_code or 0)
"""


def test_a_crash_in_a_handler_exits_non_zero_with_a_private_log_without_the_note(tmp_path):
    data = a_journal(tmp_path)
    script = tmp_path / "crashing_app.py"
    script.write_text(CRASHING_APP)
    secret = "secret note: dose halved"
    command = f"{sys.executable} {script} {data} '{secret}'; echo EXITED=$?; sleep 60"
    terminal = Terminal(tmp_path / "crash.sock", ["sh", "-c", command], terminal_env(tmp_path))
    try:
        terminal.wait_for("15 March 2027")
        terminal.keys("C-t")
        terminal.wait_for("EXITED=")
        assert pane_flags(terminal) == "0 0 0 0 0"
        # -J joins lines the terminal wrapped, so a long path reads whole.
        out = subprocess.run(
            [*terminal.base, "capture-pane", "-p", "-J", "-S", "-100", "-t", "t"], capture_output=True, text=True
        ).stdout
    finally:
        terminal.close()
    assert "EXITED=1" in out, out
    assert secret not in out  # no locals on the terminal
    log = Path(out.split("CRASHLOG ")[1].split()[0])
    assert str(log) in out.split("CRASHLOG")[0].replace("\n", ""), out  # the app printed where the log is
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: a bug in a handler" in text
    assert secret not in text
