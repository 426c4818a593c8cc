"""Building small stores and export documents for the exchange tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid, Tablet
from tui.core.plan_model import Plan
from tui.core.planner import PlanParams, build_plan
from tui.exchange.json_export import dumps_export, export_document
from tui.exchange.private_file import write_private_file
from tui.exchange.render_export import render_export
from tui.store.journal import open_journal

EXPORTED_AT = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def sample_entries() -> list[DayEntry]:
    """Three days with every kind of field, including a question for the prescriber."""
    return [
        DayEntry(
            date(2027, 3, 1),
            (Intake(Decimal("0.25"), "08:00"), Intake(Decimal("0.25"), "20:00")),
            anxiety=4,
            mood=6,
            sleep_hours=Decimal("6.5"),
            sleep_quality=3,
            symptoms={"insomnia": 2, "tinnitus": 1},
            phase="wave",
            note="Q: can I hold longer?",
        ),
        DayEntry(date(2027, 3, 2), (Intake(Decimal("0.5")),), mood=7),
        DayEntry(date(2027, 3, 4), (), anxiety=2, note="line one\nline two, with a comma"),
    ]


def sample_plan(dose_mg: str = "1", cut_pct: str = "10") -> dict[str, Any]:
    """A stored plan record: clonazepam liquid 0.1 mg/mL, two intakes, cuts every 14 days from 2027-01-04."""
    params = PlanParams(
        drug="clonazepam",
        start=date(2027, 1, 4),
        dose_mg=Decimal(dose_mg),
        formulation=Liquid.create("0.1", "0.1"),
        cut_pct=Decimal(cut_pct),
        step_days=14,
        split=(Decimal(dose_mg) / 2, Decimal(dose_mg) / 2),
    )
    return build_plan(params).to_record()


def sample_events() -> list[dict[str, Any]]:
    return [{"at": "2027-02-01T10:00:00+00:00", "kind": "plan_saved", "note": "agreed with Dr A"}]


def fill_store(
    path: Path, entries: list[DayEntry], plan: dict[str, Any] | None = None, events: list[dict[str, Any]] = ()
) -> None:
    """Write ``entries``, ``plan`` and ``events`` into the data file at ``path``."""
    with open_journal(path) as journal:
        journal.replace_all(list(entries), plan, list(events))


def export_bytes(
    entries: list[DayEntry],
    plan: dict[str, Any] | None = None,
    events: list[dict[str, Any]] = (),
    settings: dict[str, Any] | None = None,
) -> bytes:
    return dumps_export(export_document(list(entries), plan, list(events), EXPORTED_AT, settings))


def days_export(folder: Path, *entries: DayEntry) -> Path:
    """A JSON export of ``entries`` alone (``what="days"``), written as the app writes one, from a
    data file of their own in ``folder``: the file an import test reads."""
    donor = open_journal(folder / "donor" / "taper.json")
    for entry in entries:
        donor.save_day(entry)
    export = folder / "export.json"
    write_private_file(
        export,
        render_export(donor, "json", what="days", now=EXPORTED_AT.replace(tzinfo=None), today=EXPORTED_AT.date()),
    )
    donor.close()
    return export


def store_export(path: Path) -> dict[str, Any]:
    """The export document of the store at ``path`` (at a fixed time)."""
    with open_journal(path, read_only=True) as journal:
        return export_document(
            journal.days(), journal.get_plan(), journal.events(), EXPORTED_AT, journal.settings().to_record()
        )


def logged_taper(plan_record: dict[str, Any], first: date, last: date) -> list[DayEntry]:
    """Daily entries that follow ``plan_record`` with a few realistic twists.

    Symptoms rise for a week after each cut and settle; every ninth day the evening dose is
    missed; weekends are sometimes not logged; one day logs a red flag; two notes are questions.
    """
    from datetime import timedelta

    from tui.core.plan_model import Plan

    plan = Plan.from_record(plan_record)
    cuts = plan.cut_dates()
    entries = []
    day = first
    while day <= last:
        step = plan.step_on(day)
        index = (day - first).days
        if day.weekday() == 6 and index % 3 == 0:
            day += timedelta(days=1)
            continue  # a Sunday left unlogged
        intakes = (
            (Intake(Decimal("0.5"), "08:00"), Intake(Decimal("0.5"), "20:00"))
            if step is None
            else tuple(Intake(mg, time) for mg, time in zip(step.intake_mg, ("08:00", "20:00"), strict=False))
        )
        if index % 9 == 4:
            intakes = intakes[:1]
        since_cut = min(((day - c).days for c in cuts if c <= day), default=99)
        bump = 2 if 1 <= since_cut <= 7 else 0
        symptoms = {"insomnia": min(4, 1 + bump), "anxiety_panic": bump}
        note = ""
        if day == date(2027, 2, 3):
            symptoms["confusion"] = 1
            note = "felt confused in the afternoon"
        if day == date(2027, 2, 20):
            note = "Q: can I hold this step for another week?\nslept badly"
        if day == date(2027, 3, 10):
            note = "? is the evening dose better split"
        entries.append(
            DayEntry(
                day,
                intakes,
                anxiety=3 + bump,
                mood=6 - bump // 2,
                sleep_hours=Decimal("6.5"),
                sleep_quality=3,
                symptoms={k: v for k, v in symptoms.items() if v},
                note=note,
            )
        )
        day += timedelta(days=1)
    return entries


def lorazepam_tablet_plan() -> Plan:
    """Lorazepam 1.5 mg a day as 0.75 + 0.75 mg on 0.5 mg tablets in quarters, 10 % every 14 days
    from 2027-01-04: its first step is 0.625 mg (1 ¼ tab) + 0.75 mg (1 ½ tab)."""
    return build_plan(
        PlanParams(
            drug="lorazepam",
            start=date(2027, 1, 4),
            dose_mg=Decimal("1.5"),
            formulation=Tablet.create("0.5", 4),
            cut_pct=Decimal(10),
            step_days=14,
            split=(Decimal("0.75"), Decimal("0.75")),
        )
    )


def switching_plan() -> dict[str, Any]:
    """The stored record of :func:`switching_params`' plan."""
    return build_plan(switching_params()).to_record()


def switching_params() -> PlanParams:
    """A plan that switches form (docs/DOMAIN.md §3.11): clonazepam 2 mg on 0.5 mg
    tablets in quarters, 1 + 1 mg, 10 % every 14 days from 2027-01-04; below 1.25 mg a 0.1 mg/mL
    liquid measured to 0.1 mL. The tablets' last step is 2027-03-15 to 2027-03-28 (0.625 + 0.625 mg
    = 1 ¼ tab each); the liquid's first 2027-03-29 to 2027-04-11 (0.56 + 0.57 mg = 5.6 + 5.7 mL)."""
    return PlanParams(
        drug="clonazepam",
        start=date(2027, 1, 4),
        dose_mg=Decimal(2),
        formulation=Tablet.create("0.5", 4),
        split=(Decimal(1), Decimal(1)),
        switch_below_mg=Decimal("1.25"),
        then_formulation=Liquid.create("0.1", "0.1"),
    )
