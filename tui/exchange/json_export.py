"""The lossless JSON export: ``{"format": "taper-tui", "schema_version": N, ...}``.

Entries are sorted by date and every object's keys come in a fixed order, so two exports of
the same data are byte-identical and a changed day shows as a small diff. Doses and hours are
exact decimal strings. The format is described by ``taper-tui.schema.json`` beside this file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from importlib.resources import files
from typing import Any

import orjson

from tui.core.entry import DayEntry

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
        "settings": dict(settings or {}),  # plain data, also when given the typed Settings
    }


def dumps_export(document: dict[str, Any]) -> bytes:
    """Serialise an export: 2-space indent, insertion order (already stable), newline at the end."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the export format."""
    return json.loads(files("tui.exchange").joinpath("taper-tui.schema.json").read_text(encoding="utf-8"))
