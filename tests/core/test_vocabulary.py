"""One vocabulary: symptom labels, metrics, phases and plan flags, each written once."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.core.plan_builders import liquid_plan
from tui.core.plan_model import CONFIRMATION_FLAGS, Plan, PlanFlag, flag_legend, flag_summary
from tui.core.scales import ANXIETY, CHARTED, Metric, Phase, metric_title, parse_metric, phase_marked, symptom_metric
from tui.core.symptoms import catalogue, symptom_label


def test_a_custom_symptom_keeps_its_case_as_typed() -> None:
    custom = ["Jaw clenching", "  Ear pressure "]
    assert symptom_label("jaw_clenching", custom) == "Jaw clenching"
    assert symptom_label("ear_pressure", custom) == "Ear pressure"
    assert symptom_label("brain_fog", custom) == "Poor concentration / brain fog"
    assert symptom_label("old_symptom", custom) == "old symptom"  # rated once, removed since
    shown = {s.key: s.label for s in catalogue(custom)}
    assert all(symptom_label(k, custom) == label for k, label in shown.items())


def test_metrics_are_an_enum_with_their_scales() -> None:
    assert parse_metric("anxiety") == (Metric.ANXIETY, None)
    assert parse_metric(symptom_metric("tremor")) == (Metric.SYMPTOM, "tremor")
    assert Metric.ANXIETY.value_range == (ANXIETY.low, ANXIETY.high)
    assert Metric.TOTAL.value_range is None and Metric.SLEEP_HOURS.value_range is None
    assert [m.lower_is_worse for m in CHARTED] == [False, False, True, True, True]
    with pytest.raises(ValueError, match="unknown metric 'pulse'"):
        parse_metric("pulse")
    assert metric_title("mood") == "Mood (0–10, lower = worse)"


def test_phase_words_and_glyphs() -> None:
    assert phase_marked("window") == "☼ window" and phase_marked("wave") == "∿ wave" and phase_marked(None) == ""
    assert Phase.WAVE.explained == "∿ wave — a worse stretch"


def test_each_flag_glyph_means_one_thing_and_none_is_a_phase_glyph() -> None:
    phase_glyphs = {p.glyph for p in Phase}
    by_glyph: dict[str, set[str]] = {}
    for flag in PlanFlag:
        by_glyph.setdefault(flag.glyph, set()).add(flag.value)
        assert flag.word and flag.explanation
    assert not phase_glyphs & set(by_glyph)
    assert not {"▲", "▼", "⚠", "·"} & set(by_glyph)  # taken above/below plan, red flag, not logged
    # glyphs shared only by flags that mean the same thing: a held dose, or "confirm this"
    assert {g: c for g, c in by_glyph.items() if len(c) > 1} == {
        "‖": {"hold", "held"},
        "‼": {"over_25_in_14", "stop_above_jump_off"},
    }
    assert set(CONFIRMATION_FLAGS) == {PlanFlag.OVER_25_IN_14, PlanFlag.STOP_ABOVE_JUMP_OFF}


def test_legend_lists_the_flags_present_once_each_in_a_fixed_order() -> None:
    legend = flag_legend(["over_10", "hold", "over_10", "from_a_newer_version"])
    assert (
        legend
        == f"{PlanFlag.HOLD.marked}: {PlanFlag.HOLD.explanation} · {PlanFlag.OVER_10.marked}: {PlanFlag.OVER_10.explanation}"
    )
    assert flag_legend([]) == ""
    assert flag_summary(["one_increment", "from_a_newer_version"]) == "¹ 1 step from_a_newer_version"


def test_stored_flag_codes_are_unchanged() -> None:
    plan = liquid_plan("0.1", "0.1", hold_days=14, cut_pct=Decimal(20))
    record = json.loads(json.dumps(plan.to_record()))
    codes = {f["code"] for s in record["steps"] for f in s["flags"]}
    assert {"hold", "over_10"} <= codes and all(isinstance(c, str) for c in codes)
    assert Plan.from_record(record) == plan
