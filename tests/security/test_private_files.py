"""Everything taper-tui writes holds health data: files 0600 and folders 0700, whatever the umask."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.file_modes import mode

TODAY = "2027-03-15"


def taper(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--today", TODAY, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_data_folder_backups_lock_and_every_export_format_are_private(tmp_path: Path, permissive_umask) -> None:
    data = tmp_path / "data" / "taper.json"
    taper("demo", "--data", str(data), "--days", "90", "--end", TODAY)
    taper("--data", str(data), "log", "--anxiety", "4", "--note", "a private note")
    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt in ("json", "csv", "report", "text", "html", "ics"):
        taper("--data", str(data), "export", "--format", fmt, "-o", str(exports / f"out.{fmt}"))
    taper("--data", str(data), "import", str(exports / "out.json"))

    written = [p for p in data.parent.rglob("*")] + [data.parent]
    assert len(written) > 3
    for path in written:
        wanted = 0o700 if path.is_dir() else 0o600
        assert mode(path) == wanted, f"{path} is {mode(path):o}"
    for path in exports.iterdir():
        assert mode(path) == 0o600, f"{path} is {mode(path):o}"


def test_an_export_over_a_world_readable_file_makes_it_private(tmp_path: Path, permissive_umask) -> None:
    data = tmp_path / "data" / "taper.json"
    taper("--data", str(data), "log", "--anxiety", "2")
    target = tmp_path / "shared.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    taper("--data", str(data), "export", "-o", str(target))
    assert mode(target) == 0o600
