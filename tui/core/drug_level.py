"""An *estimated* relative level of the drug in the body, to see dips between doses.

This is an estimate for discussion with the prescriber, not a measurement: no blood level is
known, only the logged intakes and the drug's published half-life range. The model is the
simplest honest one:

- one compartment, first-order elimination: an amount ``D`` taken at ``t₀`` leaves
  ``D · 2^(−(t − t₀) / t½)`` at ``t``;
- **instantaneous absorption**: a dose counts in full from the minute it is logged. Real
  absorption takes an hour or so, so real peaks are a little lower and later than these;
  the trough — the dip before the next dose, the thing people feel — is barely affected;
- superposition: the level is the sum over every intake taken before ``t``.

The result is "mg still in the body" — a *relative* level (the volume of distribution is not
known, and differs between people), meaningful only compared with itself: today against last
month, the trough against the peak. It is computed for the low, typical and high end of the
drug's half-life range (:data:`tui.core.drugs.DRUGS`, Ashton Manual (2002)): people differ by
that much, and the swing between doses depends mostly on the half-life. For diazepam and
chlordiazepoxide the range is the parent drug's; their long-lived active metabolite (the
bracketed range in the table) is not modelled, so their real swing is even smaller.

Intakes logged without a clock time are placed by a stated assumption, never dropped: at the
person's usual intake times when the day has no timed intake and enough usual times are set,
otherwise spread evenly over the waking day (:data:`WAKING_DAY`): one at its start, two at its
start and end, three at start, middle and end. A day with nothing logged is *unknown*, not "none
taken", so the level is not made up for it: each day's swing says how many days of the warm-up
before it (five high half-lives) were not logged, and a view should call such a day's figures
less reliable.

Floats are fine here: the result is a relative estimate, drawn and rounded for display. The
doses going in stay exact Decimals, and nothing here ever feeds back into a dose.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tui.core.drugs import ASHTON, Drug, find_drug
from tui.core.entry import DayEntry

WAKING_DAY = (time(8, 0), time(22, 0))
"""Where intakes without a time are placed (see the module docstring)."""

WARM_UP_HALF_LIVES = 5
"""After about five half-lives a steady dose has reached ~97 % of its steady state (docs/DOMAIN.md §2)."""

NEGLIGIBLE_AFTER = 30
"""Half-lives after which a dose is left out of the sum (2^−30 is below a billionth of it)."""

_RANGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[–-]\s*([0-9]+(?:\.[0-9]+)?)")


@dataclass(frozen=True)
class HalfLives:
    """A drug's elimination half-life range in hours, and where it comes from."""

    low: float
    """The short end of the range (the largest swing between doses)."""
    typical: float
    """The middle of the range: our own arithmetic ((low + high) / 2), not a published figure."""
    high: float
    """The long end of the range (the smallest swing)."""
    source: str
    """The published source of the range."""

    def as_dict(self) -> dict[str, float]:
        """``{"low": …, "typical": …, "high": …}``, the order the estimate uses."""
        return {"low": self.low, "typical": self.typical, "high": self.high}


def half_lives(drug: Drug | str | None) -> HalfLives | None:
    """The half-life range of ``drug`` (a :class:`Drug`, or a generic or brand name); None if unknown.

    The range is the first ``low–high`` of :attr:`Drug.half_life_hours` — the parent drug's
    range as the Ashton Manual prints it (a bracketed active metabolite's range is not used).
    """
    found = find_drug(drug) if isinstance(drug, str) else drug
    if found is None:
        return None
    match = _RANGE.search(found.half_life_hours)
    if match is None:
        return None
    low, high = float(match.group(1)), float(match.group(2))
    return HalfLives(low=low, typical=(low + high) / 2, high=high, source=ASHTON)


@dataclass(frozen=True)
class TimedDose:
    """One intake placed in time: when it was taken and how much (exact mg)."""

    at: datetime
    mg: Decimal
    time_assumed: bool = False
    """True when the intake had no clock time and was placed by the stated assumption."""


def _spread(count: int) -> list[time]:
    """``count`` clock times evenly over :data:`WAKING_DAY`, its start and end included."""
    start, end = (datetime.combine(date.min, t) for t in WAKING_DAY)
    if count == 1:
        return [WAKING_DAY[0]]
    gap = (end - start) / (count - 1)
    return [(start + gap * k).time().replace(second=0, microsecond=0) for k in range(count)]


def timed_doses(entries: Iterable[DayEntry], usual_times: Sequence[str] = ()) -> list[TimedDose]:
    """Every logged intake as a :class:`TimedDose`, in time order (see the module docstring
    for where an intake without a time is placed). ``usual_times`` are ``HH:MM`` strings."""
    doses: list[TimedDose] = []
    for entry in entries:
        untimed = [i for i in entry.intakes if i.time is None]
        has_timed = len(untimed) < len(entry.intakes)
        if untimed and not has_timed and len(usual_times) >= len(untimed):
            places = [time.fromisoformat(t) for t in usual_times[: len(untimed)]]
        else:
            places = _spread(len(untimed)) if untimed else []
        assumed = iter(places)
        for intake in entry.intakes:
            if intake.time is None:
                doses.append(TimedDose(datetime.combine(entry.day, next(assumed)), intake.mg, time_assumed=True))
            else:
                doses.append(TimedDose(datetime.combine(entry.day, time.fromisoformat(intake.time)), intake.mg))
    doses.sort(key=lambda d: d.at)
    return doses


def level_at(doses: Sequence[TimedDose], at: datetime, half_life_hours: float) -> float:
    """The estimated amount (mg) in the body at ``at``: every dose taken at or before ``at``,
    each decayed by ``2^(−hours since / t½)``. A dose at exactly ``at`` counts in full.
    ``doses`` must be in time order (as :func:`timed_doses` returns them)."""
    return _sum(doses, at, half_life_hours, bisect_right)


def _level_before(doses: Sequence[TimedDose], at: datetime, half_life_hours: float) -> float:
    """The level an instant before ``at``: doses taken at exactly ``at`` not yet counted."""
    return _sum(doses, at, half_life_hours, bisect_left)


def _sum(doses: Sequence[TimedDose], at: datetime, half_life_hours: float, cut: Callable[..., int]) -> float:
    # Only doses from the last NEGLIGIBLE_AFTER half-lives count: older ones add less than a
    # billionth each, and skipping them keeps a year of swings fast enough for a redraw.
    oldest = at - timedelta(hours=NEGLIGIBLE_AFTER * half_life_hours)
    first = bisect_left(doses, oldest, key=_when)
    last = cut(doses, at, key=_when)
    total = 0.0
    for dose in doses[first:last]:
        hours = (at - dose.at).total_seconds() / 3600
        total += float(dose.mg) * math.exp2(-hours / half_life_hours)
    return total


def _when(dose: TimedDose) -> datetime:
    return dose.at


def levels(doses: Sequence[TimedDose], times: Iterable[datetime], half_life_hours: float) -> list[float]:
    """:func:`level_at` for each of ``times`` (e.g. every hour, for a chart overlay)."""
    return [level_at(doses, at, half_life_hours) for at in times]


@dataclass(frozen=True)
class DaySwing:
    """The estimated lowest and highest level of one day, and the swing between them."""

    day: date
    trough: float
    """The lowest level between 00:00 and 24:00 (just before a dose, or at midnight)."""
    peak: float
    """The highest level of the day (just after a dose, or at midnight)."""
    unlogged_days_before: int
    """Days in the warm-up before ``day`` with no intake logged (unknown, so counted as none):
    above 0, the level is likely underestimated and the swing overestimated."""

    @property
    def swing_pct(self) -> float:
        """Trough-to-peak swing as a percentage of the peak (0 when the peak is 0)."""
        return 0.0 if self.peak <= 0 else (self.peak - self.trough) / self.peak * 100


def day_swing(doses: Sequence[TimedDose], day: date, half_life_hours: float, logged_days: set[date]) -> DaySwing:
    """Trough and peak of ``day``, exactly: between doses the level only falls, so the extremes
    are at midnight, just before and just after each dose of the day."""
    start = datetime.combine(day, time(0, 0))
    end = start + timedelta(days=1)
    candidates = [level_at(doses, start, half_life_hours), _level_before(doses, end, half_life_hours)]
    for dose in doses:
        if start <= dose.at < end:
            candidates.append(_level_before(doses, dose.at, half_life_hours))
            candidates.append(level_at(doses, dose.at, half_life_hours))
    warm_up = math.ceil(WARM_UP_HALF_LIVES * half_life_hours / 24)
    unlogged = sum(1 for back in range(1, warm_up + 1) if day - timedelta(days=back) not in logged_days)
    return DaySwing(day=day, trough=min(candidates), peak=max(candidates), unlogged_days_before=unlogged)


@dataclass(frozen=True)
class LevelEstimate:
    """Per-day swings for the low, typical and high half-life of one drug."""

    drug: str
    half_lives: HalfLives
    swings: dict[str, tuple[DaySwing, ...]]
    """``"low"`` / ``"typical"`` / ``"high"`` → one :class:`DaySwing` per requested day."""
    assumed_times: int
    """How many intakes had no clock time and were placed by the assumption."""


def estimate(
    entries: Sequence[DayEntry], drug: str, days: Sequence[date], usual_times: Sequence[str] = ()
) -> LevelEstimate | None:
    """Swings for ``days`` from the logged ``entries`` (include the warm-up days before them),
    or None when ``drug``'s half-life is not on file (nothing is guessed)."""
    found = find_drug(drug)
    ranges = half_lives(found)
    if found is None or ranges is None:
        return None
    doses = timed_doses(entries, usual_times)
    logged = {entry.day for entry in entries if entry.intakes}
    swings = {
        name: tuple(day_swing(doses, day, hours, logged) for day in days) for name, hours in ranges.as_dict().items()
    }
    return LevelEstimate(
        drug=found.key, half_lives=ranges, swings=swings, assumed_times=sum(d.time_assumed for d in doses)
    )


def steady_state_peak(dose_mg: Decimal, interval_hours: float, half_life_hours: float) -> float:
    """Closed form: the peak that equal doses every ``interval_hours`` approach, ``D / (1 − 2^(−τ/t½))``."""
    return float(dose_mg) / (1 - math.exp2(-interval_hours / half_life_hours))


def steady_state_trough(dose_mg: Decimal, interval_hours: float, half_life_hours: float) -> float:
    """Closed form: the trough just before the next dose at steady state, ``peak · 2^(−τ/t½)``."""
    return steady_state_peak(dose_mg, interval_hours, half_life_hours) * math.exp2(-interval_hours / half_life_hours)


ESTIMATE_NOTE = (
    "Estimated from your logged intakes and the drug's published half-life range "
    "(one compartment, doses absorbed at once): for discussion with your prescriber, not a measurement."
)
"""The sentence every view, Help and the report show with an estimated level or swing."""


def describe_swing(result: LevelEstimate) -> str | None:
    """``Estimated dip between doses: 34 % (half-life 18 h) · 22 % (34 h) · 16 % (50 h) of the peak``:
    the median daily swing per half-life over the estimated days (None when no day had a dose)."""
    parts: list[str] = []
    for name, hours in result.half_lives.as_dict().items():
        swings = sorted(s.swing_pct for s in result.swings[name] if s.peak > 0)
        if not swings:
            return None
        middle = len(swings) // 2
        median = swings[middle] if len(swings) % 2 else (swings[middle - 1] + swings[middle]) / 2
        label = f"half-life {hours:g} h" if not parts else f"{hours:g} h"
        parts.append(f"{median:.0f} % ({label})")
    return "Estimated dip between doses: " + " · ".join(parts) + " of the peak"
