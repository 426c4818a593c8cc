"""Where the data file lives, and the folders around it.

The file is ``--data``, then ``$TAPER_TUI_DATA``, then the platform's data folder. A data file
may be a symbolic link (kept in a synced folder, say): the store works on the file it points
to — :func:`real_data_path` — so its lock, backups and drafts belong to that real file whatever
spelling of the path was given, and a save replaces the target, leaving the link a link.

Folders taper-tui creates (the data folder and any missing parent such as ``~/.local/share``)
are made 0700 whatever the umask: they hold health data. A folder or file that others can
write to, or that belongs to someone else, is reported by :func:`location_warnings`: another
user could replace the file or plant names beside it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "taper-tui"
DATA_FILE_NAME = "taper.json"
ENV_VAR = "TAPER_TUI_DATA"
DRAFT_SUFFIX = ".draft"
"""Drafts of unsaved forms are ``<data file>.draft*`` beside the data file (never an export target)."""


def default_data_path() -> Path:
    """``platformdirs.user_data_path("taper-tui") / "taper.json"`` (e.g. ~/.local/share/taper-tui/taper.json)."""
    # Imported here: platformdirs (and the tempfile module it loads) cost ~5 ms, which a command
    # given --data, as `taper-tui status` in a prompt often is, never needs.
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / DATA_FILE_NAME


def resolve_data_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The data file to use: an explicit path wins, then the environment, then the default."""
    chosen = given or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser().absolute() if chosen else default_data_path()


def real_data_path(path: Path) -> Path:
    """The file ``path`` really names: symbolic links (of the file and its folders) followed, absolute.

    Every store operation uses this, so ``a/../taper.json``, ``./taper.json`` and a link to it
    share one lock and one backup folder, and a save never turns a link into a plain file.
    """
    return Path(os.path.realpath(Path(path).expanduser()))


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` and every missing parent as 0700, whatever the umask.

    ``Path.mkdir(parents=True)`` gives the parents the umask's mode (0777 under umask 0), and
    ``~/.local/share`` made that way would let any user plant files in it.
    """
    folder = Path(folder).absolute()
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        try:
            os.mkdir(created, 0o700)
        except FileExistsError:
            continue  # made by someone else meanwhile: not ours to chmod
        os.chmod(created, 0o700)  # mkdir's mode is masked by the umask


def readable_by_others_warnings(path: Path, real: Path) -> list[str]:
    """A warning when users other than the owner can read the data file (it holds health data)."""
    mode = real.stat().st_mode & 0o777
    if not mode & 0o077:
        return []
    return [
        f"{path} can be read by other users (mode {mode:o}); it holds health data. "
        f"Run `chmod 600 {real}` (taper-tui writes it back as 0600 on the next save)."
    ]


def location_warnings(path: Path) -> list[str]:
    """Warnings about who else could change the data file or its folder (empty when all is private)."""
    warnings = []
    real = real_data_path(path)
    for what, target in (("folder", real.parent), ("file", real)):
        try:
            info = os.stat(target)
        except OSError:
            continue
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o022:
            warnings.append(
                f"the data {what} {target} can be changed by other users (mode {mode:o}); another user could "
                f"replace your data or plant files beside it. Run `chmod go-w {target}`."
            )
        if info.st_uid != os.getuid():
            warnings.append(
                f"the data {what} {target} belongs to another user (uid {info.st_uid}), who can change it. "
                "Keep your data in a folder of your own (`--data PATH`)."
            )
    return warnings


def reserved_use(data_path: Path, target: Path) -> str | None:
    """What ``target`` is to the store, if writing something else there would harm it; else ``None``.

    The data file, its lock, its backups folder (and anything in it), its drafts
    (``taper.json.draft*``) and its save temp files — whatever spelling or link leads there.
    """
    real = real_data_path(data_path)
    wanted = real_data_path(target)
    backups = real.with_name(real.name + ".backups")
    if wanted == real:
        return "the data file itself"
    if wanted == real.with_name(real.name + ".lock"):
        return "the data file's lock"
    if wanted == backups or backups in wanted.parents:
        return "the data file's backups folder"
    if wanted.parent == real.parent and wanted.name.startswith(real.name + DRAFT_SUFFIX):
        return "a draft of unsaved work kept beside the data file"
    if wanted.parent == real.parent and wanted.name.startswith(f".{real.name}.") and wanted.name.endswith(".tmp"):
        return "a temporary file of a save in progress"
    return None
