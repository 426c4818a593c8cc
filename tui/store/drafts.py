"""Drafts: a form's unsaved state kept beside the data file, like an editor's swap file.

What was typed but not yet saved must survive a dropped SSH connection, ``kill``, a closed
terminal or browser tab, and a crash. The app writes each form's state (plain JSON data) to
``<data file>.draft-<form>.json`` within a second of the last key and again before it exits on
a signal; the next start offers it back. A draft is private (0600) and written atomically with
the same exclusive, random-named temp file as a save (:func:`write_atomically`), so a kill
mid-write leaves the old draft or the new one, never half of one.

A draft that was discarded is kept as ``….discarded`` (one per form, the last one) until that
form's next save, so a slip on "Discard" can still be undone by hand; a saved form removes its
draft and any discarded one. Drafts are never read as data: a damaged draft is ignored (and
left in place, for a person to look at), never an error that stops the app.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tui.store.atomic_storage import dump_bytes, write_atomically
from tui.store.errors import StoreWriteFailed
from tui.store.locations import DRAFT_SUFFIX, real_data_path

DISCARDED_SUFFIX = ".discarded"
"""Added to a draft's name when the person discards it (kept until that form's next save)."""


def draft_path(data_path: Path, form: str) -> Path:
    """Where the draft of ``form`` (``log``, ``plan``) lives: ``taper.json.draft-log.json``."""
    real = real_data_path(data_path)
    return real.with_name(f"{real.name}{DRAFT_SUFFIX}-{form}.json")


@dataclass(frozen=True)
class Draft:
    """One form's unsaved state, as written."""

    form: str
    """Which form it belongs to (``log``, ``plan``)."""
    written_at: datetime
    """When it was written (local time, shown in the offer: "from 21:04")."""
    state: dict[str, Any]
    """The form's own plain JSON description of what was typed."""


def write_draft(data_path: Path, form: str, state: dict[str, Any], when: datetime) -> Path:
    """Write ``state`` as the draft of ``form`` (0600, atomic); return its path.

    Raises :class:`StoreWriteFailed` when the folder cannot be written.
    """
    path = draft_path(data_path, form)
    payload = dump_bytes({"form": form, "written_at": when.isoformat(), "state": state})
    write_atomically(path, payload)
    return path


def read_draft(data_path: Path, form: str) -> Draft | None:
    """The draft of ``form``, or ``None`` when there is none or it cannot be read (it is then left as it is)."""
    path = draft_path(data_path, form)
    try:
        raw = path.read_bytes()
        data = orjson.loads(raw)
        state = data["state"]
        written_at = datetime.fromisoformat(data["written_at"])
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    if not isinstance(state, dict):
        return None
    return Draft(form, written_at, state)


def remove_draft(data_path: Path, form: str, *, saved: bool = True) -> None:
    """Remove the draft of ``form`` (nothing is unsaved), and any discarded one when the form was
    ``saved`` (a discarded draft is kept until that form's next save)."""
    path = draft_path(data_path, form)
    for name in (path, path.with_name(path.name + DISCARDED_SUFFIX)) if saved else (path,):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


def discard_draft(data_path: Path, form: str) -> Path | None:
    """Set the draft of ``form`` aside as ``….discarded`` (replacing an older one); return where it went."""
    path = draft_path(data_path, form)
    aside = path.with_name(path.name + DISCARDED_SUFFIX)
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreWriteFailed(path, error.strerror or str(error)) from error
    return aside
