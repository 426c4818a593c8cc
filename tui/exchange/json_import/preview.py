"""Step 2 of an import: what it would change, worked out before anything is written.

Given what the store holds now and a validated :class:`ImportDocument`, :func:`plan_import`
returns the complete new content and a change set (:class:`ImportPlan`) a person can read
(``--dry-run``, the app's preview) before deciding. Nothing here touches the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import orjson

from tui.core.entry import DayEntry
from tui.core.settings import Settings
from tui.exchange.json_import.validate import ImportDocument


class ImportMode(StrEnum):
    """How the file's content meets the store's."""

    MERGE = "merge"
    """Days from both; on a day both have, the file's version wins; the file's plan (if any) wins."""
    KEEP_EXISTING = "keep-existing"
    """Days from both; on a day both have, the stored version stays; the stored plan (if any) stays."""
    REPLACE = "replace"
    """Exactly the file's days, plan, events and settings; what the store held is only in the backup."""


_MODE_WORDS = {
    ImportMode.MERGE: "merge — the file wins on days it has",
    ImportMode.KEEP_EXISTING: "merge — your log wins on days both have",
    ImportMode.REPLACE: "replace — your log becomes exactly the file",
}


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, and the complete content the store would hold afterwards.

    Attributes:
        mode: How the file meets the store.
        new_days: Days the file adds.
        changed_days: Days both have with different content that the import overwrites.
        kept_days: Days both have with different content where the stored version stays
            (``keep-existing`` only).
        unchanged_days: Days both have, identical.
        removed_days: Days in the store that are not in the file (``replace`` only).
        plan_change: ``"replaced"``, ``"added"``, ``"removed"``, ``"kept"`` or ``"none"``.
        events_added: Audit-trail events from the file that the store did not have.
        entries, plan, events, settings: The content after the import (the ``import`` event
            itself is added by :func:`apply_import`).
    """

    mode: ImportMode
    new_days: tuple[date, ...]
    changed_days: tuple[date, ...]
    kept_days: tuple[date, ...]
    unchanged_days: tuple[date, ...]
    removed_days: tuple[date, ...]
    plan_change: str
    events_added: int
    entries: tuple[DayEntry, ...]
    plan: dict[str, Any] | None
    events: tuple[dict[str, Any], ...]
    settings: dict[str, Any] = field(default_factory=dict)
    settings_changed: bool = False

    @property
    def changes_anything(self) -> bool:
        """False when the store already holds exactly what the import would leave."""
        return bool(
            self.new_days
            or self.changed_days
            or self.removed_days
            or self.events_added
            or self.settings_changed
            or self.plan_change in ("replaced", "added", "removed")
        )

    def summary_lines(self) -> list[str]:
        """The change set in words, one line each (for ``--dry-run`` and the app's preview)."""
        lines = [f"mode: {_MODE_WORDS[self.mode]}"]
        lines.append(f"new days:       {_days_text(self.new_days)}")
        lines.append(f"changed days:   {_days_text(self.changed_days)}")
        if self.mode is ImportMode.KEEP_EXISTING:
            lines.append(f"days that differ but keep your version: {_days_text(self.kept_days)}")
        lines.append(f"unchanged days: {len(self.unchanged_days)}")
        if self.mode is ImportMode.REPLACE:
            lines.append(f"removed days:   {_days_text(self.removed_days)}")
        lines.append(f"plan:           {_PLAN_WORDS[self.plan_change]}")
        lines.append(f"events added:   {self.events_added}")
        if self.settings_changed:
            lines.append("settings:       updated from the file (your own symptoms are kept)")
        return lines

    def summary(self) -> str:
        """:meth:`summary_lines` joined by newlines."""
        return "\n".join(self.summary_lines())


_PLAN_WORDS = {
    "replaced": "replaced by the file's plan",
    "added": "the file's plan is added (you had none)",
    "removed": "removed (the file has none)",
    "kept": "your plan is kept",
    "none": "no change",
}


def _days_text(days: tuple[date, ...], shown: int = 5) -> str:
    if not days:
        return "0"
    listed = ", ".join(d.isoformat() for d in days[:shown])
    more = f" … {days[-1].isoformat()}" if len(days) > shown else ""
    return f"{len(days)} ({listed}{more})"


def _event_key(event: dict[str, Any]) -> bytes:
    # Two events are the same when their content is, whatever the key order.
    return orjson.dumps(event, option=orjson.OPT_SORT_KEYS)


def _events_not_in(incoming: Iterable[dict[str, Any]], stored: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The incoming events the store does not hold yet, counted as a multiset.

    Each stored event matches one incoming copy, so re-importing an export adds nothing while
    two identical events in the file (a hold taken twice on one day) are both kept.
    """
    unmatched = Counter(_event_key(e) for e in stored)
    fresh = []
    for event in incoming:
        key = _event_key(event)
        if unmatched[key]:
            unmatched[key] -= 1
        else:
            fresh.append(event)
    return fresh


def plan_import(
    current_entries: Iterable[DayEntry],
    current_plan: dict[str, Any] | None,
    current_events: Iterable[dict[str, Any]],
    document: ImportDocument,
    mode: ImportMode | str = ImportMode.MERGE,
    current_settings: Settings | None = None,
) -> ImportPlan:
    """Work out what importing ``document`` into the current content would do; change nothing.

    The settings are merged as stored documents (:meth:`Settings.to_record`): the result is
    written back as one, and the file's keys this version does not know are carried along."""
    mode = ImportMode(mode)
    stored = {e.day: e for e in current_entries}
    incoming = {e.day: e for e in document.entries}
    new_days = tuple(sorted(d for d in incoming if d not in stored))
    both = sorted(d for d in incoming if d in stored)
    differing = tuple(d for d in both if incoming[d] != stored[d])
    unchanged = tuple(d for d in both if incoming[d] == stored[d])
    existing_events = list(current_events)

    if mode is ImportMode.REPLACE:
        result = dict(incoming)
        removed = tuple(sorted(d for d in stored if d not in incoming))
        events = tuple(document.events)
        events_added = len(_events_not_in(events, existing_events))
        plan = document.plan
    else:
        removed = ()
        winner, loser = (incoming, stored) if mode is ImportMode.MERGE else (stored, incoming)
        result = {**loser, **winner}
        fresh = _events_not_in(document.events, existing_events)
        events = tuple(existing_events) + tuple(fresh)
        events_added = len(fresh)
        if mode is ImportMode.MERGE:
            plan = document.plan if document.plan is not None else current_plan
        else:
            plan = current_plan if current_plan is not None else document.plan

    if plan == current_plan:
        plan_change = "kept" if document.plan is not None and document.plan != current_plan else "none"
    elif plan is None:
        plan_change = "removed"
    elif current_plan is None:
        plan_change = "added"
    else:
        plan_change = "replaced"

    settings, settings_changed = _merged_settings((current_settings or Settings()).to_record(), document.settings, mode)
    return ImportPlan(
        mode=mode,
        new_days=new_days,
        changed_days=differing if mode is not ImportMode.KEEP_EXISTING else (),
        kept_days=differing if mode is ImportMode.KEEP_EXISTING else (),
        unchanged_days=unchanged,
        removed_days=removed,
        plan_change=plan_change,
        events_added=events_added,
        entries=tuple(result[d] for d in sorted(result)),
        plan=plan,
        events=events,
        settings=settings,
        settings_changed=settings_changed,
    )


def _merged_settings(
    current: dict[str, Any], incoming: dict[str, Any], mode: ImportMode
) -> tuple[dict[str, Any], bool]:
    """Settings after the import: the file's values win except under ``keep-existing``.

    A person's own symptoms are never dropped by a merge (days may rate them), so the lists
    of custom and hidden symptoms are joined rather than replaced.
    """
    if mode is ImportMode.KEEP_EXISTING:
        merged = {**incoming, **current}
    else:
        merged = {**current, **incoming}
    if mode is not ImportMode.REPLACE:
        for key in ("custom_symptoms", "hidden_symptoms"):
            first, second = current.get(key), incoming.get(key)
            if isinstance(first, list) and isinstance(second, list):
                merged[key] = first + [item for item in second if item not in first]
    return merged, merged != current
