"""The rating scales, the metrics read from them, and the window/wave phase words.

One vocabulary for every surface: a rating scale (:class:`Scale`) says what its numbers mean
and is stored in the data file so it can change later; a metric (:class:`Metric`) is a
quantity the app charts and compares, and names its scale, its title and its value range; a
phase (:class:`Phase`) is the better/worse stretch a person may tag a day with, with one glyph
and one word each. The Chart, History, Log, Today, the report and the CSV all read them from
here, so a title, a range or a glyph is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Scale:
    """An integer rating scale with a word for each end (or each point)."""

    name: str
    """The stored name of the scale (``"anxiety"``, ``"symptom"`` …)."""
    low: int
    """The lowest value allowed."""
    high: int
    """The highest value allowed."""
    meaning: str
    """What the ends (or points) mean, in words."""
    labels: tuple[str, ...] = ()
    """A word for each point from ``low`` to ``high`` (empty when only the ends are named)."""

    def label(self, value: int) -> str:
        """The word for ``value`` where the scale names each point, else the number."""
        if self.labels and self.low <= value <= self.high:
            return self.labels[value - self.low]
        return str(value)

    @property
    def span(self) -> str:
        """``0–10``: the range as it is written after a value or in a title."""
        return f"{self.low}–{self.high}"


ANXIETY = Scale("anxiety", 0, 10, "0 calm … 10 worst imaginable")
MOOD = Scale("mood", 0, 10, "0 worst … 10 best")
SYMPTOM = Scale(
    "symptom",
    0,
    4,
    "0 none, 1 mild, 2 moderate, 3 severe, 4 extreme",
    ("none", "mild", "moderate", "severe", "extreme"),
)
SLEEP_QUALITY = Scale(
    "sleep quality", 1, 5, "1 very poor … 5 very good", ("very poor", "poor", "fair", "good", "very good")
)

SCALES: tuple[Scale, ...] = (ANXIETY, MOOD, SYMPTOM, SLEEP_QUALITY)

TOTAL_SCALE_TEXT = f"sum of {SYMPTOM.span} ratings"
"""What a symptom total is measured in, said beside every total a person reads."""


def scale_definitions() -> dict[str, dict[str, object]]:
    """The scales as plain data, written into the data file beside the entries."""
    return {s.name: {"min": s.low, "max": s.high, "meaning": s.meaning, "labels": list(s.labels)} for s in SCALES}


# -- metrics ----------------------------------------------------------------------------------


class Metric(StrEnum):
    """A quantity charted and compared day by day (the value is its stored/CLI name).

    A single symptom is :attr:`SYMPTOM` plus the symptom's key, written ``symptom:<key>``
    (see :func:`symptom_metric` and :func:`parse_metric`).
    """

    TOTAL = "total"
    ANXIETY = "anxiety"
    MOOD = "mood"
    SLEEP_HOURS = "sleep_hours"
    SLEEP_QUALITY = "sleep_quality"
    SYMPTOM = "symptom"

    @property
    def scale(self) -> Scale | None:
        """The rating scale the metric is read on (``None``: a sum or a measurement)."""
        return _METRIC_SCALES.get(self)

    @property
    def lower_is_worse(self) -> bool:
        """True where a bad day is a *low* value (mood 0 is the worst; short, poor sleep)."""
        return self in (Metric.MOOD, Metric.SLEEP_HOURS, Metric.SLEEP_QUALITY)

    @property
    def name_text(self) -> str:
        """The metric's name in a sentence (``"sleep hours"``, ``"symptom total"``)."""
        return _METRIC_NAMES[self]

    @property
    def unit_text(self) -> str:
        """What its numbers are: ``"0–10"``, ``"hours"``, ``"sum of the 0–4 symptom ratings"``."""
        if self is Metric.TOTAL:
            return TOTAL_SCALE_TEXT
        if self is Metric.SLEEP_HOURS:
            return "hours"
        scale = self.scale
        assert scale is not None
        return scale.span

    @property
    def value_range(self) -> tuple[int, int] | None:
        """Fixed y limits where the metric has a scale, ``None`` where they follow the data."""
        scale = self.scale
        return None if scale is None else (scale.low, scale.high)

    @property
    def range_floor(self) -> int:
        """For data-driven ranges, the smallest upper limit shown (so a quiet month is not magnified)."""
        return 10 if self is Metric.SLEEP_HOURS else SYMPTOM.high


_METRIC_SCALES = {
    Metric.ANXIETY: ANXIETY,
    Metric.MOOD: MOOD,
    Metric.SLEEP_QUALITY: SLEEP_QUALITY,
    Metric.SYMPTOM: SYMPTOM,
}
_METRIC_NAMES = {
    Metric.TOTAL: "symptom total",
    Metric.ANXIETY: "anxiety",
    Metric.MOOD: "mood",
    Metric.SLEEP_HOURS: "sleep hours",
    Metric.SLEEP_QUALITY: "sleep quality",
    Metric.SYMPTOM: "symptom",
}

CHARTED: tuple[Metric, ...] = (Metric.TOTAL, Metric.ANXIETY, Metric.MOOD, Metric.SLEEP_HOURS, Metric.SLEEP_QUALITY)
"""The metrics that are not a single symptom, in the order the chart offers them."""

SYMPTOM_PREFIX = f"{Metric.SYMPTOM.value}:"


def symptom_metric(key: str) -> str:
    """The metric name for one symptom, e.g. ``symptom_metric("insomnia") == "symptom:insomnia"``."""
    return f"{SYMPTOM_PREFIX}{key}"


def parse_metric(name: str) -> tuple[Metric, str | None]:
    """``"mood"`` → ``(Metric.MOOD, None)``; ``"symptom:tremor"`` → ``(Metric.SYMPTOM, "tremor")``.

    Raises ``ValueError`` naming the allowed metrics for anything else.
    """
    if name.startswith(SYMPTOM_PREFIX) and len(name) > len(SYMPTOM_PREFIX):
        return Metric.SYMPTOM, name[len(SYMPTOM_PREFIX) :]
    if name in CHARTED:
        return Metric(name), None
    allowed = ", ".join(m.value for m in CHARTED)
    raise ValueError(f"unknown metric {name!r}: use one of {allowed} or {SYMPTOM_PREFIX}<key>")


def metric_title(name: str, symptom_label: str | None = None) -> str:
    """What a metric is called above its chart: name, scale and the direction that is bad.

    ``symptom_label`` names a single symptom (see :func:`tui.core.symptoms.symptom_label`).
    """
    metric, key = parse_metric(name)
    direction = {Metric.MOOD: "lower", Metric.SLEEP_HOURS: "fewer", Metric.SLEEP_QUALITY: "lower"}.get(metric, "higher")
    if metric is Metric.SYMPTOM:
        head = symptom_label or (key or "").replace("_", " ")
    else:
        head = metric.name_text.capitalize()
    scale = "" if metric is Metric.SLEEP_HOURS else f"{metric.unit_text}, "
    return f"{head} ({scale}{direction} = worse)"


# -- phases -----------------------------------------------------------------------------------


class Phase(StrEnum):
    """A stretch a person may tag a day with (the value is what is stored)."""

    WINDOW = "window"
    WAVE = "wave"

    @property
    def glyph(self) -> str:
        """One glyph per phase, used nowhere else in the app."""
        return "☼" if self is Phase.WINDOW else "∿"

    @property
    def meaning(self) -> str:
        """The phase in plain words."""
        return "a better stretch" if self is Phase.WINDOW else "a worse stretch"

    @property
    def marked(self) -> str:
        """``☼ window`` — glyph and word, as tables and the Today view show it."""
        return f"{self.glyph} {self.value}"

    @property
    def explained(self) -> str:
        """``☼ window — a better stretch``, as the Log offers it."""
        return f"{self.marked} — {self.meaning}"


PHASES: tuple[str, ...] = tuple(p.value for p in Phase)
"""A day may be tagged a window (better stretch) or a wave (worse stretch), or neither."""


def phase_marked(stored: str | None) -> str:
    """``☼ window`` / ``∿ wave`` for a stored phase, ``""`` for none."""
    return Phase(stored).marked if stored in PHASES else ""


def phase_legend() -> str:
    """``☼ window · ∿ wave`` for a legend line."""
    return " · ".join(p.marked for p in Phase)
