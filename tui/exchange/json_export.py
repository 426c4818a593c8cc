"""The lossless JSON export: ``{"format": "taper-tui", "schema_version": N, ...}``.

Entries are sorted by date and every object's keys come in a fixed order, so two exports of
the same data are byte-identical and a changed day shows as a small diff. Doses and hours are
exact decimal strings. The format is described by ``taper-tui.schema.json`` beside this file.

The export is safe to print on a terminal (``taper-tui export | less``): JSON already escapes C0
controls (``ESC`` is written ``\\u001b``), and the other characters a terminal would obey — DEL,
C1 controls, bidi overrides — are written as ``\\uXXXX`` escapes too. The document is the same,
so the export stays lossless; only the spelling of those characters changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from importlib.resources import files
from typing import Any

import orjson

from tui.core.entry import DayEntry
from tui.core.terminal_text import NEUTRALISED

EXPORT_FORMAT = "taper-tui"
EXPORT_SCHEMA_VERSION = 1


def export_document(
    entries: list[DayEntry],
    plan: dict[str, Any] | None,
    events: list[dict[str, Any]],
    exported_at: datetime,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole store as one plain-data document (see the JSON Schema)."""
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "plan": plan,
        "entries": [e.to_record() for e in sorted(entries, key=lambda e: e.day)],
        "events": list(events),
        "settings": dict(settings or {}),  # the stored document (Settings.to_record), carried as it is
    }


def dumps_export(document: dict[str, Any]) -> bytes:
    """Serialise an export: 2-space indent, insertion order (already stable), newline at the end.

    Characters a terminal would obey are written as ``\\uXXXX`` escapes (see the module docstring).
    """
    text = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    return json_for_terminal(text).encode()


def json_for_terminal(text: str) -> str:
    """JSON ``text`` with DEL, C1 and bidi characters written as ``\\uXXXX`` escapes: the same
    document, safe to print. Outside strings JSON holds only ASCII punctuation, digits, words
    and spaces, so every match is inside a string."""
    return NEUTRALISED.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export format."""
    return json.loads(files("tui.exchange").joinpath("taper-tui.schema.json").read_text(encoding="utf-8"))
