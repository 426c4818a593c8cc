"""Crisis lines: every region has a crisis line and an emergency number, the right one first."""

from __future__ import annotations

import pytest

from tui.core.crisis_lines import (
    DEFAULT_REGION,
    LOCAL_EMERGENCY,
    NO_OWN_LINES,
    OWN,
    OWN_NAME,
    OWN_NUMBER,
    OWN_PURPOSE,
    REGIONS,
    CrisisLine,
    Kind,
    Situation,
    lines_for,
    own_line,
    own_lines_record,
    parse_own_lines,
    region_choices,
    situation_for,
)
from tui.core.symptoms import RED_FLAG_KEYS
from tui.core.validation import ValidationError

ASKED_FOR = ("US", "UK", "IE", "CA", "AU")


def test_the_regions_asked_for_and_my_own_lines_can_be_chosen() -> None:
    codes = [code for code, _ in region_choices()]
    assert codes == [*ASKED_FOR, OWN]


@pytest.mark.parametrize("code", ASKED_FOR)
def test_every_region_has_a_crisis_line_and_an_emergency_number_each_with_a_source(code: str) -> None:
    lines = REGIONS[code].lines
    assert any(line.kind is Kind.CRISIS for line in lines)
    assert sum(line.kind is Kind.EMERGENCY for line in lines) == 1
    for line in lines:
        assert line.source.startswith("https://"), line
        assert line.checked, line


@pytest.mark.parametrize(
    ("code", "emergency", "crisis"),
    [
        ("US", "911", "988"),
        ("UK", "999", "116 123"),
        ("IE", "112 or 999", "116 123"),
        ("CA", "911", "988"),
        ("AU", "000", "13 11 14"),
    ],
)
def test_the_emergency_number_comes_first_for_a_seizure_delirium_or_psychosis(
    code: str, emergency: str, crisis: str
) -> None:
    for symptom in ("seizure", "confusion", "hallucinations"):
        lines = lines_for(code, situation_for([symptom]))
        assert lines[0].number == emergency
        assert lines[0].kind is Kind.EMERGENCY
    suicidal = lines_for(code, situation_for(["suicidal_thoughts"]))
    assert suicidal[0].number == crisis
    kinds = [line.kind for line in suicidal]
    assert kinds.index(Kind.EMERGENCY) == kinds.count(Kind.CRISIS)  # right after the crisis lines
    assert len(suicidal) == len(REGIONS[code].lines)


def test_suicidal_thoughts_put_the_emergency_number_right_after_the_crisis_lines() -> None:
    lines = lines_for("UK", Situation.SUICIDAL)
    assert [line.number for line in lines] == ["116 123", "999", "111"]
    assert [line.number for line in lines_for("US", Situation.SUICIDAL)] == ["988", "911", "1-800-662-4357"]
    assert [line.number for line in lines_for("AU", Situation.EMERGENCY)] == ["000", "13 11 14", "1300 659 467"]


def test_an_emergency_symptom_wins_over_suicidal_thoughts() -> None:
    assert situation_for(["suicidal_thoughts", "seizure"]) is Situation.EMERGENCY
    assert situation_for(["insomnia"]) is Situation.GENERAL
    assert situation_for([]) is Situation.GENERAL


def test_every_red_flag_symptom_has_a_situation() -> None:
    assert all(situation_for([key]) is not Situation.GENERAL for key in RED_FLAG_KEYS)


def test_general_order_is_the_regions_own_and_unknown_regions_fall_back() -> None:
    assert lines_for("uk") == REGIONS["UK"].lines
    assert lines_for(None) == REGIONS[DEFAULT_REGION].lines
    assert lines_for("EU") == REGIONS[DEFAULT_REGION].lines


def test_my_own_lines_are_shown_as_typed_and_never_empty() -> None:
    own = parse_own_lines([{"name": "Dr Lee out of hours", "number": "0161 555 0101", "purpose": "my prescriber"}])
    # The person's lines first, then the local emergency line: an emergency always has one.
    assert lines_for(OWN, own_lines=own) == (*own, LOCAL_EMERGENCY)
    assert lines_for(OWN, Situation.EMERGENCY, own)[0] == LOCAL_EMERGENCY
    assert own[0].describe() == "Dr Lee out of hours: call 0161 555 0101 — my prescriber"  # no hours claimed
    assert lines_for("own") == (NO_OWN_LINES,)
    assert parse_own_lines(own_lines_record(own)) == own
    assert parse_own_lines(None) == ()


@pytest.mark.parametrize(
    "raw",
    [
        "988",
        [{"name": "x"}],
        [{"name": "x", "number": ""}],
        [{"name": "x", "number": "1", "url": "y"}],
        [{"name": 1, "number": "2"}],
    ],
)
def test_own_lines_that_are_not_valid_are_named(raw: object) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_own_lines(raw)
    assert raised.value.field.startswith("own_crisis_lines")


def test_a_line_says_how_to_reach_it_and_when() -> None:
    lifeline = REGIONS["AU"].lines[0]
    assert (
        lifeline.describe()
        == "Lifeline: call 13 11 14, text 0477 13 11 14 — crisis support and suicide prevention (24/7)"
    )
    limited = CrisisLine("Day line", "123", "call", "advice", Kind.ADVICE, hours="Mon–Fri 9:00–17:00")
    assert limited.describe().endswith("(Mon–Fri 9:00–17:00)")


def test_own_lines_follow_the_regions_lines_and_the_situation_still_decides_the_first() -> None:
    own = (own_line("Dr Lee out of hours", " 0161 555 0101 ", "my prescriber"),)
    assert lines_for("UK", own_lines=own) == REGIONS["UK"].lines + own
    suicidal = lines_for("UK", Situation.SUICIDAL, own)
    assert "Samaritans" in suicidal[0].name and own[0] in suicidal
    assert lines_for("UK", Situation.EMERGENCY, own)[0].number == "999"
    assert own[0].number == "0161 555 0101"  # spaces around dropped, the rest as typed


@pytest.mark.parametrize(
    ("name", "number", "purpose", "field"),
    [
        ("", "0161 555 0101", "", OWN_NAME),
        ("   ", "0161 555 0101", "", OWN_NAME),
        ("Dr Lee", "", "", OWN_NUMBER),
        ("Dr Lee", "call me", "", OWN_NUMBER),
        ("Dr Lee", "0161; rm -rf ~", "", OWN_NUMBER),
        ("Dr Lee", "0161 555\x1b[2J", "", OWN_NUMBER),
        ("Dr\u202eLee", "0161 555 0101", "", OWN_NAME),
        ("x" * 61, "0161 555 0101", "", OWN_NAME),
        ("Dr Lee", "0161 555 0101", "y" * 81, OWN_PURPOSE),
    ],
)
def test_a_bad_own_line_names_the_field_and_the_value(name: str, number: str, purpose: str, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        own_line(name, number, purpose)
    assert raised.value.field == field
    assert str(raised.value).startswith(f'{field}: "')


def test_a_number_may_carry_a_keyword_to_text_and_usual_separators() -> None:
    assert own_line("Shout", "text SHOUT to 85258").number == "text SHOUT to 85258"
    assert own_line("Team", "+44 (0)161 555-0101").describe() == "Team: call +44 (0)161 555-0101 — my own line"
