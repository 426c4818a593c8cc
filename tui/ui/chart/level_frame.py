"""What the dose panel's estimated-level overlay draws, worked out without Textual.

The estimate is :func:`tui.core.drug_level.estimate`: each day's trough and peak from the logged
intakes, for the low, typical and high end of the drug's half-life range. The dose panel is
scaled in mg a day, the level is a relative amount, so the overlay uses the panel's height as
**0–100 % of the highest level in view** (each half-life against its own highest, since a long
half-life accumulates more): what matters is the dip from peak to trough, not the number.

Per plot column the overlay shows the typical half-life's trough and peak — the band a day
swings in — and the low half-life's trough, the deepest dip the range allows. Where a column
pools several days, it shows the last day with a dose logged in it: the estimate sums every
dose of the weeks before each day, and one day a column keeps a year's overlay quick to draw
while the step after a cut still shows. An unlogged day has no estimate and leaves a gap.

The estimate models one drug: over days that hold an intake of another (a crossover, docs/DOMAIN.md
§3.12) there is no overlay, and the note says why, as diazepam mg read with clonazepam's half-life
would draw a level leaping at each stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tui.core.downsample import bucket_bounds, downsample_values
from tui.core.drug_level import DaySwing, HalfLives, estimate
from tui.core.entry import DayEntry
from tui.ui.chart.frame import ChartFrame

WARM_UP_DAYS = 14
"""Days of intakes before the window read as well, so the first days in view are not underestimated."""


@dataclass(frozen=True)
class LevelFrame:
    """The overlay for one frame: fractions of the highest level, ``None`` where nothing is logged."""

    xs: tuple[float, ...]
    """The frame's column positions."""
    peaks: tuple[float | None, ...]
    """The typical half-life's highest daily peak per column (0–1)."""
    troughs: tuple[float | None, ...]
    """The typical half-life's lowest daily trough per column (0–1)."""
    low_troughs: tuple[float | None, ...]
    """The low (short) half-life's lowest trough per column (0–1): the deepest dip."""
    half_lives: HalfLives
    """The half-life range used, with its source."""

    @property
    def note(self) -> str:
        """One line under the panel: which mark is which half-life, and that it is an estimate
        (the short form of :data:`~tui.core.drug_level.ESTIMATE_NOTE`, which Help and the report
        give in full)."""
        return (
            # Each glyph beside its half-life ("⠒ half-life 34 h · 18 h" did not say which was which).
            f"Level estimate for discussion, not a measurement: ⠒ half-life {self.half_lives.typical:g} h, "
            f"· half-life {self.half_lives.low:g} h (trough)"
        )


def _scaled(swings: Sequence[DaySwing], use_peak: bool) -> dict[date, float]:
    top = max((s.peak for s in swings), default=0.0)
    if top <= 0:
        return {}
    return {s.day: (s.peak if use_peak else s.trough) / top for s in swings if s.peak > 0}


def _per_column(
    frame: ChartFrame, columns: int, by_day: dict[date, float], pick: Callable[[Iterable[float]], float]
) -> tuple[float | None, ...]:
    # Pooled exactly as the frame's own columns were (same days, same width), so x lines up.
    values = [by_day.get(frame.start + timedelta(days=i)) for i in range(frame.days)]
    return tuple(bucket.value for bucket in downsample_values(values, max(1, columns), pick))


def build_level_frame(
    entries: Sequence[DayEntry], frame: ChartFrame, columns: int, drug: str | None, usual_times: Sequence[str]
) -> LevelFrame | str:
    """The overlay for ``frame`` (built for ``columns`` plot columns), or a sentence saying why
    there is none (no medicine named, or no half-life on file for it)."""
    if not drug:
        return "No medicine is named yet (plan or first-run answers): no level can be estimated."
    lead = frame.start - timedelta(days=WARM_UP_DAYS)
    nearby = [e for e in entries if lead <= e.day <= frame.end]
    other = next((i.drug for e in nearby for i in e.intakes if i.drug is not None and i.drug != drug), None)
    if other is not None:
        return f"No level estimate: these days hold {other} too; it models {drug} alone."
    logged = {e.day for e in nearby if e.intakes}
    days = []
    for first, last in bucket_bounds(frame.days, max(1, columns)):
        dosed = [d for i in range(first, last + 1) if (d := frame.start + timedelta(days=i)) in logged]
        days += dosed if first == last else dosed[-1:]
    result = estimate(nearby, drug, days, usual_times)
    if result is None:
        return f"No published half-life on file for {drug}: no level is estimated."
    typical = result.swings["typical"]
    return LevelFrame(
        xs=frame.xs,
        peaks=_per_column(frame, columns, _scaled(typical, True), max),
        troughs=_per_column(frame, columns, _scaled(typical, False), min),
        low_troughs=_per_column(frame, columns, _scaled(result.swings["low"], False), min),
        half_lives=result.half_lives,
    )
