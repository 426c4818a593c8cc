"""Hostile text in the data file comes out of every report format as text, never as an action.

The whole corpus goes into the places a report quotes: questions in a day's note, a custom
symptom, the drug as typed, a step's note, a plan-change reason, the intake times and the
region. The data is written to a real data file and each format is rendered from it the way
``taper-tui export`` does (:func:`~tui.exchange.render_export.render_export`). Then:

* text, Markdown, HTML and iCalendar (also built straight from data holding a lone surrogate,
  which a JSON file can carry) hold no raw control (ESC, C0 but newline/tab, C1, DEL,
  bidi) and encode as UTF-8;
* the HTML page parses, carries a Content-Security-Policy that forbids every fetch, and no
  ``src``/``href`` in it names anything; user text is data inside it, never a tag;
* the Markdown, read by a CommonMark renderer (markdown-it, also with GitHub-style bare-URL
  linking), shows each question literally: no image, link, script or HTML element comes out;
* the CSV keeps every character (it is for spreadsheets, and lossless) with only the formula
  guard in front.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.exchange.helpers import fill_store
from tests.security.hostile_corpus import ALL_IN_ONE, HOSTILE, raw_controls
from tui.core.entry import DayEntry, Intake
from tui.core.formulations import Liquid
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.core.settings import Settings
from tui.core.terminal_text import terminal_safe
from tui.exchange.csv_export import spreadsheet_safe
from tui.exchange.render_export import render_export
from tui.exchange.report import build_report, render_html, render_markdown, render_text
from tui.store.journal import open_journal

TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
SHORT = {name: text for name, text in HOSTILE.items() if name not in ("long_line", "lone_surrogate")}
"""The corpus the data file can hold (it cannot store a lone surrogate: that one is tried on the
report builder directly, below)."""
STORED = " | ".join(SHORT.values())
LONG_NOTE = "Q: " + HOSTILE["long_line"][:19_000]
"""A question as long as a note may be (20,000 characters), on one line."""
QUESTION_DAY = date(2027, 3, 10)


def _questions() -> list[str]:
    """One ``Q:`` line per corpus entry (newlines inside an entry would split it: none has one)."""
    return [f"Q: {text}" for text in SHORT.values()]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "taper.json"
    params = PlanParams(
        drug=STORED,
        start=date(2027, 1, 4),
        dose_mg=Decimal(1),
        formulation=Liquid.create("0.1", "0.1"),
        cut_pct=Decimal(10),
        step_days=14,
        split=(Decimal("0.5"), Decimal("0.5")),
    )
    plan = build_plan(params).to_record()
    plan["steps"][0]["note"] = STORED
    custom = "Jaw " + STORED
    entries = [
        DayEntry(
            date(2027, 3, 1),
            (Intake(Decimal("0.3"), "08:00"), Intake(Decimal("0.3"), "20:00")),
            anxiety=3,
            symptoms={"confusion": 2},
            note=STORED,
        ),
        DayEntry(
            QUESTION_DAY,
            (Intake(Decimal("0.3"), "08:00"),),
            anxiety=4,
            symptoms={"insomnia": 2},
            note="\n".join(_questions()),
        ),
        DayEntry(TODAY, (Intake(Decimal("0.27"), "08:00"), Intake(Decimal("0.27"), "20:00")), note=LONG_NOTE),
    ]
    events = [{"at": "2027-02-01T10:00:00+00:00", "kind": "hold", "effective": STORED, "reason": STORED}]
    fill_store(path, entries, plan, events)
    with open_journal(path) as journal:
        # Intake times (HH:MM) and the region (a code) are checked when stored: hostile text cannot get there.
        journal.update_settings(custom_symptoms=[custom], intake_times=["08:00", "20:00"], region="UK")
        day = journal.get_day(date(2027, 3, 1))
        journal.save_day(DayEntry(day.day, day.intakes, anxiety=3, symptoms={**day.symptoms, "jaw": 1}, note=day.note))
    return path


def _render(path: Path, fmt: str, what: str = "days") -> bytes:
    with open_journal(path, read_only=True) as journal:
        return render_export(journal, fmt, now=NOW, today=TODAY, what=what)


@pytest.mark.parametrize("fmt", ["text", "report", "html", "ics"])
def test_no_raw_control_in_any_report_format(hostile_store: Path, fmt: str) -> None:
    payload = _render(hostile_store, fmt)
    if fmt == "ics":
        payload = payload.replace(b"\r\n", b"\n")  # every iCalendar line ends in CRLF
    assert raw_controls(payload) == []
    assert b"x1b" in payload  # the ESC bytes are there, shown as escapes (each format quotes them its way)


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text between tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_html_report_is_inert_and_fetches_nothing(hostile_store: Path) -> None:
    page = _parse(_render(hostile_store, "html").decode("utf-8"))
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "img", "link", "iframe", "object", "embed", "svg", "a", "b", "bold", "base", "form"}
    assert all("src" not in attrs and "href" not in attrs for _, attrs in page.tags)
    assert not any(str(v).startswith(("on",)) for _, attrs in page.tags for v in attrs)  # no onerror=…
    policies = [
        attrs["content"]
        for tag, attrs in page.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == ["default-src 'none'; style-src 'unsafe-inline'"]
    text = "".join(page.text)
    assert terminal_safe(HOSTILE["html_script"]) in text
    assert HOSTILE["markdown_remote_image"] in text


def _rendered_markdown(source: str, *, linkify: bool) -> _Page:
    reader = MarkdownIt("commonmark") if not linkify else MarkdownIt("gfm-like")
    return _parse(reader.render(source))


@pytest.mark.parametrize("linkify", [False, True], ids=["commonmark", "gfm-like"])
def test_markdown_report_shows_every_question_literally(hostile_store: Path, linkify: bool) -> None:
    source = _render(hostile_store, "report").decode("utf-8")
    assert "![" not in source and "<script" not in source.lower() and "<img" not in source.lower()
    page = _rendered_markdown(source, linkify=linkify)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "img", "a", "iframe", "b", "em", "del", "s", "blockquote", "h3", "ol"}
    codes = [tag for tag, _ in page.tags if tag == "code"]
    assert len(codes) == sum(1 for tag, _ in page.tags if tag == "pre")  # only the chart's fenced block
    assert all("src" not in attrs and "href" not in attrs for _, attrs in page.tags)
    text = "".join(page.text)
    for question in _questions():
        # A carriage return, vertical tab or form feed ends a note's line, as a newline does.
        shown = terminal_safe(question[3:].splitlines()[0].strip())
        assert f"{QUESTION_DAY.isoformat()}: {shown}" in text, question


def test_markdown_spells_out_no_tag_that_came_from_the_person(hostile_store: Path) -> None:
    """Outside the chart's fence (made by taper-tui, holding its own ``<`` cut marks), the file
    holds no ``<`` at all: the person's ``<`` is written ``&lt;``."""
    source = _render(hostile_store, "report").decode("utf-8")
    outside_code = source.split("```")[0::2]
    assert all("<" not in part for part in outside_code)
    assert "&lt;script>" in source


def test_csv_keeps_the_hostile_note_exactly_with_the_formula_guard(hostile_store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_render(hostile_store, "csv").decode("utf-8"), newline="")))
    notes = {row["date"]: row["note"] for row in rows}
    assert notes["2027-03-01"] == spreadsheet_safe(STORED)
    assert notes[QUESTION_DAY.isoformat()] == "\n".join(_questions())
    assert notes[TODAY.isoformat()] == LONG_NOTE
    steps = list(csv.DictReader(io.StringIO(_render(hostile_store, "csv", "steps").decode("utf-8"), newline="")))
    assert steps[0]["note"] == STORED


def test_the_plain_text_report_keeps_80_columns_around_hostile_text(hostile_store: Path) -> None:
    """The long line and the escapes wrap; only the title (the drug as typed) may run longer."""
    lines = _render(hostile_store, "text").decode("utf-8").splitlines()
    wide = [line for line in lines[1:] if len(line) > 80]
    assert wide == [] or all("Drug" not in line and "\\x1b" in line for line in wide)


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html], ids=["text", "markdown", "html"])
def test_the_whole_corpus_with_a_lone_surrogate_renders_printable(render) -> None:
    """Straight from data (an import preview builds reports before anything is stored)."""
    params = PlanParams(
        drug=ALL_IN_ONE, start=date(2027, 1, 4), dose_mg=Decimal(1), formulation=Liquid.create("0.1", "0.1")
    )
    entries = [
        DayEntry(QUESTION_DAY, (Intake(Decimal("0.9"), "08:00"),), note=f"Q: {ALL_IN_ONE}\n? {HOSTILE['long_line']}")
    ]
    events = [{"kind": "hold", "effective": ALL_IN_ONE, "reason": ALL_IN_ONE}]
    out = render(build_report(entries, build_plan(params), events, Settings(intake_times=(ALL_IN_ONE,)), TODAY))
    assert raw_controls(out) == []
    out.encode("utf-8")  # a lone surrogate left raw would raise here


def test_the_upper_case_title_keeps_its_escapes_readable() -> None:
    plan = build_plan(
        PlanParams(
            drug="clonazepam\x1b]0;x\x07",
            start=date(2027, 1, 4),
            dose_mg=Decimal(1),
            formulation=Liquid.create("0.1", "0.1"),
        )
    )
    first = render_text(build_report([], plan, [], Settings(), TODAY)).splitlines()[0]
    assert first == "TAPER SUMMARY FOR MY PRESCRIBER — CLONAZEPAM\\x1b]0;X\\x07"
