"""Typed numbers are plain decimals only: what the person sees is the number that is stored.

``Decimal`` and ``int`` read far more than a person means: ``1E2`` is 100, ``1_000`` is 1000 and
``٣`` (Arabic-Indic three) is 3. Every dose and number field goes through the parsers below, so
each of those is refused with a message that says what to type instead.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.entry import parse_intake
from tui.core.validation import (
    DATE_RANGE_TEXT,
    EARLIEST_DAY,
    LATEST_DAY,
    ValidationError,
    check_day_in_range,
    parse_day,
    parse_decimal,
    parse_int,
    parse_mg,
    parse_plan_date,
    parse_sleep_hours,
    parse_time,
)

PLAIN = re.compile(r"^[0-9]+(\.[0-9]+)?$")
HINT = "plain decimal like 0.25 (no exponents, underscores or non-ASCII digits)"


@pytest.mark.parametrize(
    "text",
    ["1E2", "1e-1", "1_000", "0_5", "٠.٥", "０.５", "0,25", "+0.25", ".5", "5.", "0x10", "Infinity", "NaN", "1 000"],
)
def test_doses_that_python_reads_but_a_person_would_not_are_refused(text):
    with pytest.raises(ValidationError) as caught:
        parse_mg(text, "--dose")
    message = str(caught.value)
    assert message.startswith(f'--dose: "{text}" is not allowed')
    assert HINT in message


@pytest.mark.parametrize("text", ["٣", "۵", "５", "1_0", "1e1", "+3", "3.0"])
def test_anxiety_and_mood_take_plain_ascii_digits_only(text):
    with pytest.raises(ValidationError) as caught:
        parse_int("anxiety", text, 0, 10)
    assert caught.value.field == "anxiety"
    assert "non-ASCII digits" in str(caught.value)


def test_clock_times_take_ascii_digits_only():
    with pytest.raises(ValidationError):
        parse_time("٠٨:٠٠")
    assert parse_time("8:05") == "08:05"


def test_sleep_hours_refuse_an_exponent():
    with pytest.raises(ValidationError, match="plain decimal"):
        parse_sleep_hours("6E0")


@pytest.mark.parametrize(
    ("field", "text", "low", "high", "message"),
    [
        ("anxiety", "11", 0, 10, 'anxiety: "11" is not allowed — use a whole number from 0 to 10'),
        ("sleep quality", "0", 1, 5, 'sleep quality: "0" is not allowed — use a whole number from 1 to 5'),
    ],
)
def test_range_messages_name_the_field_the_value_and_the_range(field, text, low, high, message):
    with pytest.raises(ValidationError) as caught:
        parse_int(field, text, low, high)
    assert str(caught.value) == message


def test_plain_values_and_a_unit_are_read():
    assert parse_mg(" 0.125 ") == Decimal("0.125")
    assert parse_mg("0.25 mg") == Decimal("0.25")
    assert parse_mg("1") == Decimal(1)
    assert parse_int("mood", " 7 ", 0, 10) == 7
    assert parse_decimal("cut", "12.5", Decimal(0), Decimal(100), 2) == Decimal("12.5")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_raises_nothing_but_validation_error(text):
    for parse in (
        lambda t: parse_mg(t),
        lambda t: parse_sleep_hours(t),
        lambda t: parse_int("anxiety", t, 0, 10),
        lambda t: parse_decimal("cut", t, Decimal(0), Decimal(100), 2, "%"),
        lambda t: parse_time(t),
        lambda t: parse_intake(t),
        lambda t: parse_day(t, date(2027, 3, 15)),
        lambda t: parse_plan_date(t, date(2027, 3, 15)),
    ):
        with contextlib.suppress(ValidationError):
            parse(text)


_NUMBERISH = st.text(alphabet="0123456789.eE_+-, ٣５", max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_NUMBERISH, st.text(max_size=8)))
def test_an_accepted_number_is_plain_and_round_trips(text):
    try:
        number = parse_decimal("cut", text, Decimal(0), Decimal(100), 4)
    except ValidationError:
        return
    raw = text.strip()
    assert PLAIN.match(raw), raw
    assert number == Decimal(raw)  # exactly the number that was typed, digit for digit


@settings(max_examples=400, deadline=None)
@given(st.one_of(_NUMBERISH, st.text(max_size=6)))
def test_an_accepted_whole_number_is_plain_digits(text):
    try:
        number = parse_int("anxiety", text, 0, 10)
    except ValidationError:
        return
    raw = text.strip()
    assert re.fullmatch(r"[0-9]+", raw), raw
    assert number == int(raw)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False, allow_infinity=False))
def test_every_dose_written_plainly_is_read_back_exactly(number):
    text = format(number, "f")
    assert parse_mg(text) == number


# -- the calendar's ends ------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2200, 1, 1), date(9999, 12, 31)])
def test_days_near_the_ends_of_the_calendar_are_refused(day):
    with pytest.raises(ValidationError) as caught:
        check_day_in_range(day, "date")
    assert DATE_RANGE_TEXT in str(caught.value)
    assert day.isoformat() in str(caught.value)


def test_the_bounds_themselves_are_fine():
    assert check_day_in_range(EARLIEST_DAY, "date") == EARLIEST_DAY
    assert check_day_in_range(LATEST_DAY, "date") == LATEST_DAY


def test_a_plan_cannot_start_near_the_end_of_the_calendar():
    with pytest.raises(ValidationError) as caught:
        parse_plan_date("9999-12-01", date(2027, 3, 15), "--start")
    assert caught.value.field == "--start"
    with pytest.raises(ValidationError):
        parse_plan_date("+9999", date(9990, 1, 1), "--start")


def test_a_whole_number_message_gives_an_example_the_field_takes() -> None:
    """Seen when trying it: "7.5" in sleep quality (1–5) was told to write digits "like 7"."""
    with pytest.raises(ValidationError) as refused:
        parse_int("sleep quality", "7.5", 1, 5)
    assert "like 5" in str(refused.value) and "like 7" not in str(refused.value)
