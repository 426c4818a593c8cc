"""What the Chart plots, without Textual: unrated days are gaps; titles and ranges from the scales."""

from __future__ import annotations

from datetime import date, timedelta

from tui.core.entry import DayEntry
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM, symptom_metric
from tui.ui.chart.frame import build_frame, metric_title, y_scale

START = date(2027, 3, 1)


def test_the_single_symptom_chart_leaves_unrated_days_as_gaps() -> None:
    """Not rated is not 0: a day that rated only anxiety has no insomnia value to plot."""
    entries = [
        DayEntry(START, symptoms={"insomnia": 2}),
        DayEntry(START + timedelta(days=1), anxiety=5),
        DayEntry(START + timedelta(days=2), symptoms={"insomnia": 0, "tremor": 1}),
    ]
    frame = build_frame(entries, None, symptom_metric("insomnia"), START, START + timedelta(days=2), columns=3)
    assert frame.values == (2.0, None, 0.0)
    assert len(frame.value_segments()) == 2  # the line is cut at the unrated day


def test_fixed_ranges_come_from_the_scales() -> None:
    assert y_scale("anxiety", [3.0])[:2] == (ANXIETY.low, ANXIETY.high)
    assert y_scale("mood", [])[:2] == (MOOD.low, MOOD.high)
    assert y_scale("sleep_quality", [])[:2] == (SLEEP_QUALITY.low, SLEEP_QUALITY.high)
    assert y_scale(symptom_metric("tremor"), [])[:2] == (SYMPTOM.low, SYMPTOM.high)
    assert y_scale("total", [13.0])[:2] == (0, 16)
    assert y_scale("sleep_hours", [6.0])[:2] == (0, 10)


def test_titles_say_the_scale_and_keep_a_custom_label_as_typed() -> None:
    assert metric_title("anxiety") == "Anxiety (0–10, higher = worse)"
    assert metric_title("total") == "Symptom total (sum of 0–4 ratings, higher = worse)"
    assert metric_title(symptom_metric("jaw_clenching"), {"jaw_clenching": "Jaw clenching"}).startswith(
        "Jaw clenching (0–4"
    )
