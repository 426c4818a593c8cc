"""Drafts: the Log form's unsaved state is kept beside the data file and offered at the next start."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime, time
from decimal import Decimal

from textual.widgets import Button, Input

from tui.core.entry import DayEntry, Intake
from tui.core.settings import Settings
from tui.store.drafts import DISCARDED_SUFFIX, draft_path, write_draft
from tui.store.journal import open_journal
from tui.ui import draft_keeper
from tui.ui.app import build_app
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.draft_prompt import DraftPrompt
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.views.log import LogView
from tui.ui.widgets.value_field import ValueField

from .waiting import settled, wait_for_screen, wait_until

TODAY = date(2027, 3, 15)
SIZE = (80, 24)


def log_view(app) -> LogView:
    return app.screen_stack[0].query_one("#log-view", LogView)


async def type_anxiety(pilot, text: str) -> None:
    await pilot.press("f3")
    await wait_until(pilot, lambda: pilot.app.active_view_id == "log", "the Log shown")
    field = log_view(pilot.app).query_one("#anxiety", ValueField).input
    field.focus()
    await wait_until(pilot, lambda: field.has_focus, "the anxiety field focused")
    await pilot.press(*text)
    await wait_until(pilot, lambda: field.value == text, f"{text} typed")


def a_draft(journal, anxiety: str = "7", note: str = "woke at 3, [/b] jaw tight") -> dict:
    state = {
        "day": TODAY.isoformat(),
        "intakes": [["08:00", "0.25"]],
        "fields": {"anxiety": anxiety, "mood": "", "sleep-hours": "", "sleep-quality": ""},
        "phase": None,
        "symptoms": {},
        "note": note,
    }
    write_draft(journal.path, "log", state, datetime.combine(TODAY, time(21, 4)))
    return state


def test_the_session_reads_typed_settings_and_the_core_planned_intakes(journal):
    app = build_app(journal, today=TODAY)
    assert isinstance(app.session.settings, Settings)
    assert app.session.planned_intakes(TODAY) == ()


async def test_typing_writes_a_private_draft_within_a_second(journal, monkeypatch):
    app = build_app(journal, today=TODAY)
    path = draft_path(journal.path, "log")
    async with app.run_test(size=SIZE) as pilot:
        # Debounced, not on every key: with the delay out of reach, the keys alone write nothing
        # (a wall-clock check of "not yet" fails whenever the machine stalls past the delay).
        monkeypatch.setattr(draft_keeper, "DRAFT_DELAY_SECONDS", 3600)
        await type_anxiety(pilot, "6")
        await settled(pilot)
        assert not path.exists()
        monkeypatch.undo()
        await pilot.press("backspace", "6")  # the next key, with the real delay
        await wait_until(pilot, path.exists, "the draft written")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        state = json.loads(path.read_text())["state"]
        assert state["day"] == TODAY.isoformat()
        assert state["fields"]["anxiety"] == "6"


async def test_a_saved_day_removes_its_draft(journal):
    app = build_app(journal, today=TODAY)
    path = draft_path(journal.path, "log")
    async with app.run_test(size=SIZE) as pilot:
        await type_anxiety(pilot, "6")
        await wait_until(pilot, path.exists, "the draft written")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: journal.get_day(TODAY) is not None, "the day saved")
        assert journal.get_day(TODAY).anxiety == 6
        await wait_until(pilot, lambda: not path.exists(), "the draft removed")


async def test_the_next_start_offers_the_draft_with_restore_focused(journal):
    state = a_draft(journal)
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        prompt = await wait_for_screen(pilot, DraftPrompt)
        assert "An unsaved entry for Mon 15 Mar from 21:04" in str(prompt.title_text)
        await wait_until(pilot, lambda: app.focused is not None, "a button focused")
        assert isinstance(app.focused, Button) and app.focused.id == "restore"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.active_view_id == "log" and log_view(app).has_unsaved_changes, "restored")
        log = log_view(app)
        assert log.day == TODAY
        assert log.query_one("#anxiety", ValueField).raw == "7"
        assert log.note.text == state["note"]
        assert log.intakes.raw == (("08:00", "0.25"),)
        assert log.has_unsaved_changes
        assert journal.get_day(TODAY) is None  # restored into the form, not saved behind the person's back
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: journal.get_day(TODAY) is not None, "the day saved")
        await wait_until(pilot, lambda: not draft_path(journal.path, "log").exists(), "the draft removed")
    saved = journal.get_day(TODAY)
    assert saved.anxiety == 7 and saved.note == state["note"]
    assert saved.intakes == (Intake(Decimal("0.25"), "08:00"),)
    assert not draft_path(journal.path, "log").exists()


async def test_discard_sets_the_draft_aside_and_keeps_the_form_clean(journal):
    a_draft(journal)
    app = build_app(journal, today=TODAY)
    path = draft_path(journal.path, "log")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, DraftPrompt)
        await pilot.click("#discard")
        aside = path.with_name(path.name + DISCARDED_SUFFIX)
        await wait_until(pilot, aside.exists, "the draft set aside")
        await pilot.press("f3")  # the Log, built only now: it opens clean
        await wait_until(pilot, lambda: app.active_view_id == "log", "the Log shown")
        assert not log_view(app).has_unsaved_changes
        assert not path.exists()
        assert path.with_name(path.name + DISCARDED_SUFFIX).exists()
    assert journal.get_day(TODAY) is None


async def test_a_discarded_draft_is_kept_until_the_next_save_not_the_next_draft_write(journal):
    """Opening the clean Log after Discard made a draft write half a second later, which removed
    the discarded draft too: kept or gone depended on how soon it was looked for."""
    a_draft(journal)
    app = build_app(journal, today=TODAY)
    path = draft_path(journal.path, "log")
    aside = path.with_name(path.name + DISCARDED_SUFFIX)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, DraftPrompt)
        await pilot.click("#discard")
        await wait_until(pilot, aside.exists, "the draft set aside")
        await pilot.press("f3")
        await wait_until(pilot, lambda: app.active_view_id == "log", "the Log shown")
        app.write_drafts()  # as the debounced write does once the Log has loaded: nothing unsaved
        assert aside.exists()
        await type_anxiety(pilot, "3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not aside.exists(), "the discarded draft removed by the save")
        assert journal.get_day(TODAY).anxiety == 3


async def test_show_lists_the_draft_without_choosing(journal):
    a_draft(journal, note="call Dr [b]Lee[/b]")
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        prompt = await wait_for_screen(pilot, DraftPrompt)
        await pilot.click("#show")
        content = prompt.query_one("#draft-content")
        await wait_until(pilot, lambda: content.display, "the draft listed")
        assert app.screen is prompt
        assert "call Dr [b]Lee[/b]" in str(content.render())


async def test_a_draft_is_not_overwritten_before_it_was_offered(journal):
    a_draft(journal, anxiety="9")
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, DraftPrompt)
        await pilot.pause(0.9)  # longer than the draft delay: a write, were one made, would be done
        assert isinstance(app.screen, DraftPrompt)
        assert json.loads(draft_path(journal.path, "log").read_text())["state"]["fields"]["anxiety"] == "9"


async def test_a_read_only_copy_never_writes_drafts(journal):
    reader = open_journal(journal.path, read_only=True)
    try:
        app = build_app(reader, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await type_anxiety(pilot, "5")
            await pilot.pause(0.9)
            assert log_view(app).has_unsaved_changes
        assert not draft_path(journal.path, "log").exists()
    finally:
        reader.close()


async def test_quitting_on_purpose_without_saving_sets_the_draft_aside(journal):
    app = build_app(journal, today=TODAY)
    path = draft_path(journal.path, "log")
    async with app.run_test(size=SIZE) as pilot:
        await type_anxiety(pilot, "4")
        await wait_until(pilot, path.exists, "the draft written")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.return_code is not None, "quitting chosen")
    assert not path.exists() and path.with_name(path.name + DISCARDED_SUFFIX).exists()


async def test_a_saved_entry_is_not_replaced_by_restoring_a_draft_of_another_day(journal):
    journal.save_day(DayEntry(day=TODAY, anxiety=2, note="kept"))
    a_draft(journal)
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, DraftPrompt)
        await wait_until(pilot, lambda: app.focused is not None, "a button focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.active_view_id == "log" and log_view(app).has_unsaved_changes, "restored")
        assert log_view(app).note.text == "woke at 3, [/b] jaw tight"
    # Nothing was saved: the stored day is what it was until the person saves.
    assert journal.get_day(TODAY).note == "kept"


async def test_ctrl_q_in_the_plan_editor_with_changes_asks_with_keep_editing_focused(journal):
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: app.active_view_id == "schedule", "Schedule shown")
        await pilot.press("n")  # a new plan
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        await pilot.press("backspace", "2")  # the dose field has the focus
        await wait_until(pilot, lambda: editor.query_one("#dose", Input).value.endswith("2"), "2 typed")
        assert editor.has_unsaved_changes and app.has_unsaved_changes()
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, ConfirmDialog)
        await wait_until(pilot, lambda: app.focused is not None, "a button focused")
        assert (
            isinstance(app.focused, Button) and app.focused.id == "cancel" and "Keep editing" in str(app.focused.label)
        )
        await pilot.press("enter")  # Enter keeps editing
        await wait_until(pilot, lambda: app.screen is editor, "back in the editor")
        assert app.is_running


async def test_a_plan_editor_draft_is_written_and_offered_back(journal):
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: app.active_view_id == "schedule", "Schedule shown")
        await pilot.press("n")
        await wait_for_screen(pilot, PlanEditorScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"3")  # the dose, 3 mg
        plan_draft = draft_path(journal.path, "plan")
        await wait_until(pilot, lambda: plan_draft.exists() and '"3"' in plan_draft.read_text(), "the draft written")
    state = json.loads(draft_path(journal.path, "plan").read_text())["state"]
    assert state["values"]["dose"] == "3"
    app = build_app(journal, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        prompt = await wait_for_screen(pilot, DraftPrompt)
        assert "Unsaved changes to a plan" in prompt.title_text
        await wait_until(pilot, lambda: app.focused is not None, "a button focused")
        await pilot.press("enter")
        editor = await wait_for_screen(pilot, PlanEditorScreen)
        await wait_until(pilot, lambda: editor.query_one("#dose", Input).value == "3", "the draft restored")
