"""The crossover plan the tests share (docs/DOMAIN.md §3.12), written once so that a change of
its shape is made in one place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tui.core.formulations import Tablet
from tui.core.plan_model import Plan, PlanParams
from tui.core.planner import build_plan

CROSSOVER_START = date(2027, 3, 8)


def crossover_params(start: date = CROSSOVER_START, **changes: object) -> PlanParams:
    """Clonazepam 0.5 mg bd → diazepam 10 mg bd in 4 weekly stages (Ashton: 0.25 mg ↔ 5 mg a
    stage, the evening first), then diazepam 5 mg tablets halved, from ``start``; ``changes``
    replace any of these fields."""
    params = PlanParams(
        drug="clonazepam",
        start=start,
        dose_mg=Decimal(1),
        formulation=Tablet.create("0.5", "2"),
        split=(Decimal("0.5"), Decimal("0.5")),
        crossover_to="diazepam",
        crossover_stages=4,
        crossover_every=7,
        crossover_formulation=Tablet.create("5", "2"),
        step_days=14,
    )
    return replace(params, **changes) if changes else params  # type: ignore[arg-type]


def crossover_plan(start: date = CROSSOVER_START) -> Plan:
    """The plan of :func:`crossover_params` from ``start`` (2027-03-08 unless given)."""
    return build_plan(crossover_params(start))
