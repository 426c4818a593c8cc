"""The terminal sanitiser: no control a terminal obeys gets through, and plain text is untouched."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from tests.security.hostile_corpus import ALL_IN_ONE, FAKE_MESSAGE, HOSTILE, raw_controls
from tui.core.terminal_text import BIDI_CONTROLS, terminal_safe, terminal_safe_line
from tui.ui.shown_text import widget_text

FORBIDDEN = {chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(code) not in "\n\t"} | set(
    BIDI_CONTROLS
)


def printable_text() -> st.SearchStrategy[str]:
    """Text a person types: letters of any script, digits, punctuation, symbols (emoji), spaces."""
    return st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "M", "N", "P", "S", "Zs"),
            blacklist_characters="".join(BIDI_CONTROLS),
        ),
        max_size=200,
    )


@given(st.text(max_size=300))
def test_output_never_holds_a_control_a_terminal_obeys(text: str) -> None:
    shown = terminal_safe(text)
    assert not FORBIDDEN & set(shown)
    assert not any("\ud800" <= char <= "\udfff" for char in shown)
    assert raw_controls(shown) == []
    shown.encode("utf-8")  # printable: a lone surrogate would have raised here


@given(st.text(max_size=300))
def test_the_transform_is_deterministic_and_keeps_newlines_and_tabs(text: str) -> None:
    assert terminal_safe(text) == terminal_safe(text)
    assert terminal_safe(text).count("\n") == text.count("\n")
    assert terminal_safe(text).count("\t") == text.count("\t")


@given(printable_text())
def test_plain_printable_text_passes_unchanged(text: str) -> None:
    assert terminal_safe(text) == text


@pytest.mark.parametrize(
    "text",
    ["日本語のメモ", "Привет, доза 0,25 мг", "שלום עולם", "مرحبا", "नमस्ते", "🙂👍🏽 ok", "C:\\Users\\me", "a\tb\nc"],
)
def test_real_world_text_in_any_script_is_unchanged(text: str) -> None:
    assert terminal_safe(text) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=100))
def test_one_line_form_holds_no_line_break(text: str) -> None:
    shown = terminal_safe_line(text)
    assert "\n" not in shown and "\t" not in shown and raw_controls(shown) == []


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b]8;;https://evil.example/\x1b\\link", "\\x1b]8;;https://evil.example/\\x1b\\link"),
        ("\x1bP1$r\x1b\\", "\\x1bP1$r\\x1b\\"),
        ("\x9b2J", "\\x9b2J"),
        ("0.25\u202e", "0.25\\u202e"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("cr\r", "cr\\x0d"),
        ("\ud800", "\\ud800"),
    ],
)
def test_the_visible_form_is_python_escape_notation(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_corpus_entry_comes_out_inert(name: str) -> None:
    shown = terminal_safe(HOSTILE[name])
    assert raw_controls(shown) == []
    shown.encode("utf-8")


def test_the_fake_report_is_shown_as_its_escape_sequence_not_drawn() -> None:
    shown = terminal_safe(HOSTILE["fake_report"])
    assert shown.startswith("\\x1b7\\x1b[2J\\x1b[1;1H")
    assert FAKE_MESSAGE in shown


def test_a_hundred_thousand_character_line_passes_whole() -> None:
    assert terminal_safe(HOSTILE["long_line"]) == HOSTILE["long_line"]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_widget_text_renders_as_the_literal_neutralised_text(name: str) -> None:
    """Markup in user text stays text: Textual parses the escaped form back to exactly the input."""
    content = Content.from_markup(widget_text(HOSTILE[name]))
    assert content.plain == terminal_safe(HOSTILE[name])
    assert raw_controls(content.plain) == []
    assert all(not span.style or "@click" not in str(span.style) for span in content.spans)


@given(st.text(max_size=120))
def test_widget_text_never_becomes_markup(text: str) -> None:
    assert Content.from_markup(widget_text(text)).plain == terminal_safe(text)


def test_every_entry_at_once_is_inert_and_readable() -> None:
    shown = terminal_safe(ALL_IN_ONE)
    assert raw_controls(shown) == []
    assert "[@click=app.quit]" in shown and "<script>" in shown
    assert all(unicodedata.category(char) != "Cc" or char in "\n\t" for char in shown)


@given(st.text(max_size=120))
def test_widget_text_inside_the_widgets_own_markup_stays_text(text: str) -> None:
    content = Content.from_markup(f"[b]Note:[/b] {widget_text(text)} [i]end[/i]")
    assert content.plain == f"Note: {terminal_safe(text)} end"
