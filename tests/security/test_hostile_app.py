"""Hostile text through every view of the app: shown as text, never obeyed, never a crash.

A data file can come from anywhere (an import, a shared template, a hand edit), so every
string it holds that the app shows — notes, custom symptom names, the drug, plan notes, event
reasons, the data file's own path — is put through each view at 80×24. What the app would send
to the terminal is read from the screen's rendered lines: no raw ESC, C1, other C0 control,
DEL or bidirectional override may be in it, markup in the text must stay text, and the app
must still be running. The stored data must still hold the hostile text exactly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.security.hostile_corpus import ALL_IN_ONE, HOSTILE, raw_controls
from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal
from tui.ui.app import TaperApp, build_app

TODAY = date(2027, 3, 15)
SHORT_NAMES = ("[/b] stray", "\x1b]0;t\x07x", "[@click=app.quit]", "a\u202eb", "\x9b31mC1")
"""Custom symptom names (names are short) that carry markup, ESC, bidi and C1."""

STORED = ALL_IN_ONE.replace(HOSTILE["lone_surrogate"], "no lone surrogate")
"""The corpus as a data file can hold it (a lone surrogate is refused before it is stored)."""

VIEW_KEYS = ("f1", "f2", "f3", "f4", "f5", "f6")


def _screen_text(app: TaperApp) -> str:
    """Every character the active screen would draw, as the driver would receive it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def _fill(path: Path) -> None:
    with open_journal(path) as journal:
        journal.update_settings(onboarded=True, custom_symptoms=list(SHORT_NAMES))
        for offset in range(10):
            day = TODAY - timedelta(days=offset)
            symptoms = {"insomnia": offset % 3, "tinnitus": 1}
            note = STORED if offset % 2 == 0 else HOSTILE["markup_close"] + "\n" + HOSTILE["csi_clear_screen"]
            journal.save_day(DayEntry(day, (Intake(Decimal("0.5"), "08:00"),), anxiety=3, symptoms=symptoms, note=note))


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    # A data folder whose name is markup: it is shown in Help, banners and messages.
    folder = tmp_path / "[/b] [bold]data[/bold]"
    path = folder / "taper.json"
    _fill(path)
    return path


async def _visit_every_view(app: TaperApp) -> list[str]:
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in VIEW_KEYS:
            await pilot.press(key)
            await pilot.pause()
            seen.append(_screen_text(app))
            assert app.is_running, f"the app stopped after {key}"
        # History: open the newest day in Log, which shows its note.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # The note sits at the foot of the form: bring it into view.
        note = app.screen.query_one(TextArea)
        note.focus()
        note.scroll_visible(animate=False)
        await pilot.pause()
        seen.append(_screen_text(app))
        assert app.is_running
    return seen


async def test_every_view_shows_hostile_text_as_text(hostile_path: Path) -> None:
    journal = open_journal(hostile_path)
    try:
        screens = await _visit_every_view(build_app(journal, today=TODAY))
    finally:
        journal.close()
    for index, text in enumerate(screens):
        assert raw_controls(text) == [], f"raw controls on screen {index}"
    # The note was shown, not dropped: Log's note field pictures each ESC as ␛ and keeps the rest.
    assert "␛" in screens[-1] and "stray close" in screens[-1]


async def test_the_stored_text_is_kept_exactly(hostile_path: Path) -> None:
    journal = open_journal(hostile_path)
    try:
        await _visit_every_view(build_app(journal, today=TODAY))
    finally:
        journal.close()
    with open_journal(hostile_path, read_only=True) as reread:
        assert reread.get_day(TODAY).note == STORED
        assert list(reread.settings().custom_symptoms) == list(SHORT_NAMES)


async def test_the_import_preview_shows_a_hostile_file_as_text(hostile_path: Path, tmp_path: Path) -> None:
    """ctrl+o is where a person looks at a file they do not trust yet: a valid one and a refused one."""
    from tui.exchange.json_export import dumps_export, export_document

    with open_journal(hostile_path, read_only=True) as source:
        good = tmp_path / "shared template.json"
        document = export_document(
            source.days(), source.get_plan(), source.events(), datetime(2027, 3, 15, 9), source.settings().to_record()
        )
        good.write_bytes(dumps_export(document))
    bad = tmp_path / "refused.json"
    bad.write_text('{"format": "' + STORED.replace("\\", "").replace('"', "") + '", "entries": 5}')
    fresh = tmp_path / "fresh" / "taper.json"
    with open_journal(fresh) as journal:
        journal.update_settings(onboarded=True)
    journal = open_journal(fresh)
    try:
        app = build_app(journal, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            for file in (good, bad):
                await pilot.press("ctrl+o")
                await pilot.pause()
                field = app.screen.query_one("#path", Input)
                field.value = str(file)
                await pilot.press("enter")
                await pilot.pause()
                assert raw_controls(_screen_text(app)) == [], file.name
                await pilot.press("escape")
                await pilot.pause()
            assert app.is_running
    finally:
        journal.close()
