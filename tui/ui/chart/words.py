"""What the Chart says above its panels: the status line and the legend line, per mode.

Every number on screen carries its unit or scale: the title names the metric's scale
(:func:`tui.core.scales.metric_title`), a pooled dot says how many days it stands for, the dose
is in mg (≈ diazepam mg on a plan with a crossover), the phases use the glyphs of
:class:`~tui.core.scales.Phase`. Kept apart from the view so the wording can be read (and tested) in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tui.core.entry import DayEntry
from tui.core.scales import Metric, Phase, parse_metric
from tui.core.symptoms import Symptom, symptom_label
from tui.ui.chart.frame import ChartFrame, clamp_taken, dose_scale, metric_title
from tui.ui.chart.state import ChartState

NO_DATA = (
    "Nothing to chart yet.\n\n"
    "Log a few days (F3 or 3 opens the Log: doses, symptoms, sleep, mood) and this view will\n"
    "show your symptoms against the dose, each cut marked, with a calendar of good and bad days.\n\n"
    "To see what it looks like first: taper-tui demo --data /tmp/demo.json, then\n"
    "taper-tui --data /tmp/demo.json"
)

PHASES = f"{Phase.WAVE.glyph} wave {Phase.WINDOW.glyph} window"


def symptom_title(metric: str, custom: Iterable[str]) -> str:
    """The title of ``metric``, a single symptom named by :func:`symptom_label` with the person's own names."""
    _kind, key = parse_metric(metric)
    labels = {} if key is None else {key: symptom_label(key, tuple(custom))}
    return metric_title(metric, labels)


def pooled_days(frame: ChartFrame) -> int:
    """How many days one plot column stands for (1 when nothing is pooled)."""
    return round(frame.days / len(frame.xs)) if frame.xs and frame.days >= 1.5 * len(frame.xs) else 1


def cut_count_text(count: int | None) -> str:
    """``last 6 cuts`` / ``every cut``."""
    return "every cut" if count is None else f"last {count} cuts"


def status(state: ChartState, custom: Iterable[str]) -> str:
    """The line above the panels: what is shown, over which days."""
    start, end = state.start, state.end
    first = f"{start:%d %b}" if start.year == end.year else f"{start:%d %b %Y}"
    days = f"{first} – {end:%d %b %Y}"
    if state.mode == "calendar":
        return f"Calendar · {days}"
    title = symptom_title(state.metric, custom)
    if state.mode == "aligned":
        return f"{title} · {cut_count_text(state.cut_count)}"
    return f"{title} · {days}"


def legend(state: ChartState, frame: ChartFrame | None) -> str:
    """The line naming each mark of the panels shown."""
    if state.mode == "aligned":
        return "By day since the cut: ⠒ each cut • median ^ usual peak │ back by (median)"
    assert frame is not None
    pooled = pooled_days(frame)
    day = "• day" if pooled == 1 else f"• worst of {pooled} days"
    symptoms = f"{day} ⠒ 7-day avg │ cut {PHASES}"
    if state.mode == "table":
        return symptoms
    return f"{symptoms} · {dose_legend(frame)}"


def dose_legend(frame: ChartFrame) -> str:
    """The dose panel's part of the legend, in the frame's unit. In ≈ diazepam (a plan with a
    crossover) the longer unit leaves no room for every mark at 80 columns, so ``▼ less`` and
    ``‖ hold`` are named only when such a mark is in view."""
    if not frame.planned:
        return f"{frame.dose_unit} • taken"
    if frame.dose_unit == "mg":
        return "mg ⠒ plan • taken ▼ less ‖ hold"
    low, high, _ticks = dose_scale(frame)
    _inside, below, _above = clamp_taken(frame, low, high)
    marks = [frame.dose_unit, "⠒ plan • taken"] + ["▼ less"] * bool(below) + ["‖ hold"] * bool(frame.holds)
    return " ".join(marks)


def metric_name(metric: str, custom: Iterable[str]) -> str | None:
    """A single symptom's label for a sentence (``None`` for the other metrics, which name themselves)."""
    kind, key = parse_metric(metric)
    return symptom_label(key, tuple(custom)) if kind is Metric.SYMPTOM and key else None


def symptom_choices(
    entries: Sequence[DayEntry], offered: Sequence[Symptom], custom: Iterable[str]
) -> list[tuple[str, str, int]]:
    """``(key, label, days rated above 0)`` for the symptom picker, the most often rated first;
    a symptom rated once and hidden since is still offered, named by :func:`symptom_label`."""
    counts: dict[str, int] = {}
    for entry in entries:
        for key, level in entry.symptoms.items():
            if level > 0:
                counts[key] = counts.get(key, 0) + 1
    labels = {s.key: s.label for s in offered}
    names = tuple(custom)
    for key in counts:
        labels.setdefault(key, symptom_label(key, names))
    return sorted(((key, label, counts.get(key, 0)) for key, label in labels.items()), key=lambda c: -c[2])
