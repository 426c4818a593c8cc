"""Step 3 of an import: write the planned content in one atomic save, recorded in the audit trail.

The store keeps the file it replaces in its backup folder, so what was there before an import
is always the newest backup afterwards.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from tui.core.entry import DayEntry
from tui.exchange.json_import.preview import ImportPlan

IMPORT_EVENT_KIND = "import"
"""The ``kind`` of the audit-trail event an import adds."""


class ImportTarget(Protocol):
    """What :func:`apply_import` needs from the journal (kept structural so this layer stays store-free)."""

    def batch(self) -> Any: ...

    def replace_all(
        self, entries: list[DayEntry], plan: dict[str, Any] | None, events: list[dict[str, Any]]
    ) -> None: ...

    def update_settings(self, **changes: Any) -> object: ...


def import_event(plan: ImportPlan, at: datetime, source_name: str = "") -> dict[str, Any]:
    """The audit-trail record of an import: when, how, from which file name, and what changed."""
    event: dict[str, Any] = {
        "at": at.isoformat(timespec="seconds"),
        "kind": IMPORT_EVENT_KIND,
        "mode": str(plan.mode),
        "new_days": len(plan.new_days),
        "changed_days": len(plan.changed_days),
        "removed_days": len(plan.removed_days),
        "plan": plan.plan_change,
        "events_added": plan.events_added,
    }
    if source_name:
        event["source"] = source_name
    return event


def apply_import(journal: ImportTarget, plan: ImportPlan, at: datetime, source_name: str = "") -> dict[str, Any]:
    """Write ``plan``'s content and its ``import`` event in one atomic save; return the event.

    The store keeps the file it replaces in its backup folder, so the state before the import
    is the newest backup afterwards.
    """
    event = import_event(plan, at, source_name)
    with journal.batch():
        journal.replace_all(list(plan.entries), plan.plan, [*plan.events, event])
        if plan.settings_changed:
            journal.update_settings(**plan.settings)
    return event
