"""What the Schedule and Today tests share: the plans they store, the app at a fixed moment, and
the way into the Schedule.

Each is written once, so that a change to how a plan is stored (its creation event) or to how
the Schedule is reached is made in one place for every test that needs it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tui.core.formulations import Liquid, RawIncrement
from tui.core.plan_changes import creation_event
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan
from tui.store.journal import Journal
from tui.ui.app import TaperApp, build_app
from tui.ui.screens.text_prompt import TextPrompt

TODAY = date(2027, 3, 15)
"""The day every app here is built on."""

NOW = datetime(2027, 3, 15, 9, 0)
"""The app's clock, and when the stored plans were created unless a test says otherwise."""


def record_plan(journal: Journal, plan: Plan, at: datetime = NOW, reason: str = "") -> Plan:
    """Store ``plan`` with its creation event (made ``at``)."""
    journal.save_plan(plan.to_record(), creation_event(plan, at, reason))
    return plan


def save_plan(journal: Journal, params: PlanParams, at: datetime = NOW, reason: str = "") -> Plan:
    """Build the plan of ``params`` and store it with its creation event (made ``at``)."""
    return record_plan(journal, build_plan(params), at, reason)


def stored(journal: Journal) -> Plan:
    """The plan the journal holds now."""
    return Plan.from_record(journal.get_plan())


def store_plan(journal: Journal, start: date = date(2027, 1, 4), at: datetime = NOW, reason: str = "") -> Plan:
    """1 mg of clonazepam in 0.01 mg increments, split in two, to a 0.05 mg jump-off (the defaults' pace)."""
    params = PlanParams(
        drug="clonazepam",
        start=start,
        dose_mg=Decimal(1),
        formulation=RawIncrement.create("0.01"),
        jump_off_mg=Decimal("0.05"),
        split=(Decimal("0.5"), Decimal("0.5")),
    )
    return save_plan(journal, params, at, reason)


def liquid_params(start: date) -> PlanParams:
    """0.93 mg a day as 0.46 + 0.47 mg of a 0.1 mg/mL liquid measured to 0.1 mL, each step held
    14 days, down to a 0.05 mg jump-off."""
    return PlanParams(
        drug="clonazepam",
        start=start,
        dose_mg=Decimal("0.93"),
        formulation=Liquid.create("0.1", "0.1"),
        hold_days=14,
        split=(Decimal("0.46"), Decimal("0.47")),
        jump_off_mg=Decimal("0.05"),
    )


def app_at_now(journal: Journal) -> TaperApp:
    """The app on ``journal`` on TODAY, its clock stopped at NOW."""
    return build_app(journal, today=TODAY, clock=lambda: NOW)


@asynccontextmanager
async def running(journal: Journal, size: tuple[int, int] = (80, 24)) -> AsyncIterator[tuple[TaperApp, Pilot[Any]]]:
    """The app at NOW running at ``size``."""
    app = app_at_now(journal)
    async with app.run_test(size=size) as pilot:
        yield app, pilot


@asynccontextmanager
async def on_schedule(journal: Journal, size: tuple[int, int] = (80, 24)) -> AsyncIterator[tuple[TaperApp, Pilot[Any]]]:
    """The app at NOW running at ``size`` with the Schedule shown and taking keys."""
    async with running(journal, size) as (app, pilot):
        await open_schedule(pilot)
        yield app, pilot


async def open_schedule(pilot: Pilot[Any]) -> None:
    """Show the Schedule and wait until its keys reach it (focus lands after a refresh)."""
    await pilot.press("f2")
    view = pilot.app.view("schedule")
    for _ in range(100):
        await pilot.pause()
        focused = pilot.app.focused
        if focused is not None and (focused is view or view in focused.ancestors):
            return
    raise AssertionError("the Schedule view never took focus")


async def ask(pilot: Pilot[Any], key: str, answer: str) -> None:
    """Press a Schedule key and answer its prompt (Enter), leaving what comes next on screen."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = answer
    await pilot.press("enter")
    await pilot.pause()
