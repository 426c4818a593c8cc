"""Plans the planner tests and the views' tests share: clonazepam from 1 mg a day on a liquid of a
given strength and syringe (the rest of the plan given by each test) or on dated doses, and a
diazepam plan with CKS's slower bands as typed into the plan fields.

Written once, so that the shape these tests share changes in one place.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tui.core.formulations import Liquid
from tui.core.plan_model import Method, Plan, PlanParams
from tui.core.planner import build_plan

START = date(2027, 1, 4)
"""The first day of every plan here."""

DAILY_HALF_PCT: dict[str, object] = {"cut_pct": Decimal("0.5"), "step_days": 1}
"""A micro-taper's pace: 0.5 % cut every day."""


def liquid_params(mg_per_ml: str, resolution_ml: str, **changes: object) -> PlanParams:
    """1 mg of clonazepam a day from :data:`START` on a ``mg_per_ml`` liquid measured to
    ``resolution_ml`` mL; ``changes`` set any other field."""
    return PlanParams(
        drug="clonazepam",
        start=START,
        dose_mg=Decimal(1),
        formulation=Liquid.create(mg_per_ml, resolution_ml),
        **changes,  # type: ignore[arg-type]
    )


def dated_liquid_plan(start: date, *later_mg: str) -> Plan:
    """0.5 mg a day of a 0.1 mg/mL liquid in two equal intakes from ``start``, then each of
    ``later_mg`` for 14 days in turn (dated doses): e.g. ``"0.4", "0.3"``."""
    doses = ("0.5", *later_mg)
    return build_plan(
        PlanParams(
            drug="clonazepam",
            start=start,
            dose_mg=Decimal("0.5"),
            formulation=Liquid.create("0.1", "0.1"),
            method=Method.CUSTOM,
            custom=tuple((start + timedelta(days=14 * n), Decimal(mg)) for n, mg in enumerate(doses)),
            split=(Decimal("0.25"), Decimal("0.25")),
        )
    )


def liquid_plan(mg_per_ml: str, resolution_ml: str, **changes: object) -> Plan:
    """The plan of :func:`liquid_params`."""
    return build_plan(liquid_params(mg_per_ml, resolution_ml, **changes))


CKS = {
    "drug": "diazepam",
    "dose": "30",
    "cut": "10",
    "every": "14",
    "start": "2027-01-04",
    "tablet": "2",
    "pieces": "2",
    "below": "20:2mg:14, 10:1mg:14, 5:0.5mg:14",
}
"""Diazepam 30 mg in 1 mg half tablets: 10 % every 14 days, then CKS's slower bands; only the
last band (0.5 mg a step) is finer than a half tablet."""
