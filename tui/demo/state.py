"""The demo person's state, carried from one generated day to the next.

:class:`Story` holds the seeded dice, the plan as it stands, the audit trail and what the
person is going through (the cuts still felt, a window or a wave, a hold agreed but not yet
started); :class:`CutResponse` is one cut's delayed rise and easing of the withdrawal load.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tui.core.plan_model import Plan


@dataclass
class CutResponse:
    """One cut's contribution to the withdrawal load: a delayed rise, a peak, easing."""

    day: date
    amplitude: float
    onset: int
    peak: int

    def load_on(self, day: date) -> float:
        """This cut's load on ``day``: nothing until the onset, the peak ``peak`` days after the cut."""
        k = (day - self.day).days
        if k <= self.onset:
            return 0.0
        x = (k - self.onset) / (self.peak - self.onset)
        return self.amplitude * x * x * math.exp(2.0 * (1.0 - x))


@dataclass
class Story:
    """Everything the day-by-day simulation carries from one day to the next."""

    rng: random.Random
    start: date
    plan: Plan
    events: list[dict[str, Any]]
    responses: list[CutResponse] = field(default_factory=list)
    cuts: int = 0
    phase: str | None = None
    phase_days_left: int = 0
    pending_hold: tuple[date, int, str] | None = None
    returned: bool = False
    red_flag_day: date | None = None
    last_taken_minutes: int | None = None
    slowed: bool = False
    stop_day: date | None = None
    next_question_day: date | None = None
