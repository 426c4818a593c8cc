"""The data file's schema version and the migrations that bring older files forward.

Layout of the file (TinyDB tables, each ``{doc_id: document}``):

``meta``      doc 1: ``{"format": "taper-tui", "schema_version": N, "scales": {...}}``
``settings``  doc 1: the person's choices (own symptoms, hidden symptoms, region …)
``entries``   one document per logged day; the doc id is the date's ordinal, so ids follow the
              calendar, are never reused for another day and sort in date order
``plan``      doc 1: the active plan
``events``    the audit trail of plan changes, append-only

Migrations are pure functions on the parsed JSON; a file is migrated in memory when read and
written back (after a backup) by the first writer that opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tui.core.scales import scale_definitions

SCHEMA_VERSION = 1
FORMAT_NAME = "taper-tui"

Data = dict[str, dict[str, Any]]


def file_schema_version(data: Data) -> int:
    """The version a parsed file declares; 0 for a file from before versioning (no ``meta``)."""
    meta = data.get("meta", {}).get("1")
    if isinstance(meta, dict) and isinstance(meta.get("schema_version"), int):
        return meta["schema_version"]
    return 0


def fresh_meta() -> dict[str, Any]:
    """The ``meta`` document of a new file."""
    return {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION, "scales": scale_definitions()}


def _migrate_0_to_1(data: Data) -> Data:
    """Version 0 kept days in TinyDB's ``_default`` table under reusable auto ids.

    Move each day into ``entries`` keyed by its date's ordinal; keep anything that is not a day
    in ``_default`` untouched, so nothing is silently dropped. That includes a second document
    for a date already moved (version 0 could log a day twice): it stays in ``_default`` rather
    than overwriting the first.
    """
    migrated: Data = {name: table for name, table in data.items() if name != "_default"}
    entries = dict(migrated.get("entries", {}))
    leftovers = {}
    old_days = data.get("_default", {})
    for doc_id in sorted(old_days, key=lambda key: (len(key), key)):  # numeric order of the ids
        doc = old_days[doc_id]
        try:
            ordinal = str(date.fromisoformat(doc["date"]).toordinal())
        except (KeyError, TypeError, ValueError):
            ordinal = None
        if ordinal is None or ordinal in entries:
            leftovers[doc_id] = doc
            continue
        entries[ordinal] = doc
    migrated["entries"] = entries
    if leftovers:
        migrated["_default"] = leftovers
    migrated["meta"] = {"1": fresh_meta()}
    return migrated


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _migrate_0_to_1}
"""``MIGRATIONS[n]`` turns a version-n file into a version-n+1 file."""


def migrate(data: Data) -> tuple[Data, bool]:
    """Bring ``data`` to :data:`SCHEMA_VERSION`; return it and whether anything changed.

    Callers check for a newer version first (see :class:`~tui.store.errors.DataFileTooNew`).
    """
    version = file_schema_version(data)
    changed = False
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        changed = True
    return data, changed
