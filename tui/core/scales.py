"""The rating scales, stored with their definitions so they can change later."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """An integer rating scale with a word for each end (or each point)."""

    name: str
    low: int
    high: int
    meaning: str
    labels: tuple[str, ...] = ()

    def label(self, value: int) -> str:
        """The word for ``value`` where the scale names each point, else the number."""
        if self.labels and self.low <= value <= self.high:
            return self.labels[value - self.low]
        return str(value)


ANXIETY = Scale("anxiety", 0, 10, "0 calm … 10 worst imaginable")
MOOD = Scale("mood", 0, 10, "0 worst … 10 best")
SYMPTOM = Scale("symptom", 0, 4, "0 none, 1 mild, 2 moderate, 3 severe, 4 extreme",
                ("none", "mild", "moderate", "severe", "extreme"))
SLEEP_QUALITY = Scale("sleep quality", 1, 5, "1 very poor … 5 very good",
                      ("very poor", "poor", "fair", "good", "very good"))

SCALES: tuple[Scale, ...] = (ANXIETY, MOOD, SYMPTOM, SLEEP_QUALITY)

PHASES: tuple[str, ...] = ("window", "wave")
"""A day may be tagged a window (better stretch) or a wave (worse stretch), or neither."""


def scale_definitions() -> dict[str, dict[str, object]]:
    """The scales as plain data, written into the data file beside the entries."""
    return {
        s.name: {"min": s.low, "max": s.high, "meaning": s.meaning, "labels": list(s.labels)}
        for s in SCALES
    }
