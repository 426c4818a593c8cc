"""Where the data file lives: ``--data``, then ``$TAPER_TUI_DATA``, then the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "taper-tui"
DATA_FILE_NAME = "taper.json"
ENV_VAR = "TAPER_TUI_DATA"


def default_data_path() -> Path:
    """``platformdirs.user_data_path("taper-tui") / "taper.json"`` (e.g. ~/.local/share/taper-tui/taper.json)."""
    return platformdirs.user_data_path(APP_NAME) / DATA_FILE_NAME


def resolve_data_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The data file to use: an explicit path wins, then the environment, then the default."""
    chosen = given or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser().absolute() if chosen else default_data_path()
