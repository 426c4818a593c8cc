"""Export and import from inside the app: a dialog, a preview, a confirmation, a 0600 file."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime
from decimal import Decimal

from textual.widgets import Input, Select

from tui.core.entry import DayEntry, Intake
from tui.store.journal import open_journal
from tui.ui.app import build_app
from tui.ui.screens.export_dialog import CHOICES, ExportDialog
from tui.ui.screens.import_dialog import ImportDialog

TODAY = date(2027, 3, 15)


def clock() -> datetime:
    return datetime(2027, 3, 15, 9, 0)


async def test_export_json_then_import_it_into_an_empty_file(tmp_path):
    source = open_journal(tmp_path / "a" / "taper.json")
    source.update_settings(onboarded=True)
    source.save_day(DayEntry(date(2027, 3, 14), (Intake(Decimal("0.125"), "08:00"),), anxiety=3))
    source.save_day(
        DayEntry(date(2027, 3, 15), (Intake(Decimal("0.1"), "08:00"), Intake(Decimal("0.2"), "20:00")), mood=6)
    )
    target = tmp_path / "export.json"
    app = build_app(source, today=TODAY, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#path", Input).value = str(target)
        app.screen.action_export()
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    source.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    exported = json.loads(target.read_text())
    assert [e["date"] for e in exported["entries"]] == ["2027-03-14", "2027-03-15"]
    assert exported["entries"][1]["intakes"][1]["mg"] == "0.2"

    empty = open_journal(tmp_path / "b" / "taper.json")
    empty.update_settings(onboarded=True)
    app = build_app(empty, today=TODAY, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(target)
        dialog.preview()
        await pilot.pause()
        summary = str(dialog.query_one("#summary").render())
        assert "2027-03-14" in summary or "2 " in summary
        assert empty.day_count() == 0  # the preview writes nothing
        dialog.query_one("#import").press()
        await pilot.pause()
    assert [e.day for e in empty.days()] == [date(2027, 3, 14), date(2027, 3, 15)]
    assert empty.get_day(date(2027, 3, 15)).total_mg == Decimal("0.3")
    assert empty.events()[-1]["kind"] == "import"
    empty.close()


async def test_a_bad_import_file_is_named_and_nothing_changes(tmp_path, journal, app_factory):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    before = journal.path.read_bytes()
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(bad)
        dialog.preview()
        await pilot.pause()
        assert "cannot import" in str(dialog.query_one("#problem").render())
        assert dialog.query_one("#import").disabled
    assert journal.path.read_bytes() == before


async def test_export_needing_a_plan_says_so(tmp_path, app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        ics_index = next(i for i, (_label, fmt, _what) in enumerate(CHOICES) if fmt == "ics")
        dialog.query_one("#format", Select).value = ics_index
        await pilot.pause()
        dialog.query_one("#path", Input).value = str(tmp_path / "cal.ics")
        dialog.action_export()
        await pilot.pause()
        assert "no plan yet" in str(dialog.query_one("#problem").render())
    assert not (tmp_path / "cal.ics").exists()


async def test_ctrl_e_exports_from_the_log_s_first_field_and_is_the_field_s_own_in_the_dialog(tmp_path):
    journal = open_journal(tmp_path / "a" / "taper.json")
    journal.update_settings(onboarded=True)
    app = build_app(journal, today=TODAY, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")  # the Log opens in its first dose field, whose own ctrl+e is "end"
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        path = app.screen.query_one("#path", Input)
        path.focus()
        path.value = "/tmp/x.json"
        path.cursor_position = 0
        await pilot.press("ctrl+e")  # in the dialog: the end of the field, not a second dialog
        await pilot.pause()
        assert len(app.screen_stack) == 2 and path.cursor_position == len(path.value)
    journal.close()
