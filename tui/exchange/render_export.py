"""Every export format from one source of data, for the CLI and the app alike.

The source is anything with the journal's read methods (``days``, ``plan``, ``get_plan``,
``events``, ``settings``), so this layer never imports the store. Every format reads the parsed
plan and the typed settings; only the JSON export takes the plan's stored record, which it
carries unchanged so an export round-trips byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

from tui.core.entry import DayEntry
from tui.core.plan_model import Plan
from tui.core.settings import Settings
from tui.core.validation import ValidationError
from tui.exchange.calendar_export import schedule_ics
from tui.exchange.csv_export import days_csv, steps_csv
from tui.exchange.export_formats import FORMAT_EXTENSIONS, WHAT_CHOICES  # noqa: F401 (re-exported)
from tui.exchange.json_export import dumps_export, export_document
from tui.exchange.report import build_report, render_html, render_markdown, render_text


class ExportSource(Protocol):
    """What an export reads (the journal provides it)."""

    def days(self) -> list[DayEntry]: ...
    def plan(self) -> Plan | None: ...
    def get_plan(self) -> dict[str, Any] | None: ...
    def events(self) -> list[dict[str, Any]]: ...
    def settings(self) -> Settings: ...


class NothingToExport(Exception):
    """The chosen format needs something the data file does not hold yet (e.g. a plan)."""


def stored_plan(source: ExportSource) -> Plan | None:
    """The source's plan; NothingToExport when it cannot be read."""
    try:
        return source.plan()
    except ValidationError as error:
        raise NothingToExport(f"the stored plan cannot be read ({error}); re-save it in the app") from None


def _json(source: ExportSource, what: str, now: datetime, today: date) -> bytes:
    settings = source.settings().to_record()
    return dumps_export(export_document(source.days(), source.get_plan(), source.events(), now, settings))


def _csv(source: ExportSource, what: str, now: datetime, today: date) -> bytes:
    if what == "steps":
        plan = stored_plan(source)
        if plan is None:
            raise NothingToExport(
                "there is no plan yet, so no steps to export; make one in the app or with `taper-tui plan`"
            )
        return steps_csv(plan).encode()
    return days_csv(source.days(), stored_plan(source), source.settings()).encode()


def _ics(source: ExportSource, what: str, now: datetime, today: date) -> bytes:
    plan = stored_plan(source)
    if plan is None:
        raise NothingToExport("there is no plan yet, so no schedule to put in a calendar; make one first")
    return schedule_ics(plan, now, source.settings().intake_times)


def _report(render: Callable[..., str]) -> Callable[[ExportSource, str, datetime, date], bytes]:
    def render_report(source: ExportSource, what: str, now: datetime, today: date) -> bytes:
        report = build_report(source.days(), stored_plan(source), source.events(), source.settings(), today)
        return render(report).encode()

    return render_report


_RENDERERS: dict[str, Callable[[ExportSource, str, datetime, date], bytes]] = {
    "json": _json,
    "csv": _csv,
    "ics": _ics,
    "report": _report(render_markdown),
    "text": _report(render_text),
    "html": _report(render_html),
}


def render_export(source: ExportSource, fmt: str, *, now: datetime, today: date, what: str = "days") -> bytes:
    """The bytes of an export in ``fmt`` (one of :data:`FORMAT_EXTENSIONS`).

    Raises :class:`NothingToExport` when the format needs a plan the source lacks, and
    ``ValueError`` for an unknown format.
    """
    if fmt not in _RENDERERS:
        raise ValueError(f'format "{fmt}" is not known — use one of {", ".join(sorted(_RENDERERS))}')
    return _RENDERERS[fmt](source, what, now, today)
