"""The plan editor's preview never shows a plan its fields no longer give: emptying a required
field (the liquid's mg/mL, the dose) says which field is missing, and the steps of the plan the
fields gave before are not left on screen as if they were this one."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import DataTable, Select

from tests.ui.test_plan_editor_input import open_editor, problem_text, type_into
from tests.ui.waiting import settled
from tui.ui.app import build_app
from tui.ui.screens.plan_editor import PlanEditorScreen

TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, 0)


def summary_text(editor: PlanEditorScreen) -> str:
    """The plan's summary as shown (empty while hidden)."""
    summary = editor.query_one("#summary")
    return str(summary.render()) if summary.display else ""


def rows_shown(editor: PlanEditorScreen) -> int:
    table = editor.query_one("#steps", DataTable)
    return table.row_count if table.display else 0


async def as_liquid(pilot, editor: PlanEditorScreen) -> None:
    editor.query_one("#form-kind", Select).value = "liquid"
    await settled(pilot)
    await type_into(pilot, editor, "form-0", "1")
    await type_into(pilot, editor, "form-1", "0.1")


async def test_emptying_the_mg_per_ml_names_the_field_and_drops_the_old_plan(journal):
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await as_liquid(pilot, editor)
        assert editor.plan is not None and rows_shown(editor) > 0, problem_text(editor)
        assert "cuts" in summary_text(editor)
        await type_into(pilot, editor, "form-0", "")
        assert editor.plan is None
        assert "mg/mL" in problem_text(editor), problem_text(editor)
        assert rows_shown(editor) == 0 and "cuts" not in summary_text(editor)
        await type_into(pilot, editor, "form-0", "2")  # typed again: the preview comes back
        assert editor.plan is not None and rows_shown(editor) > 0 and "cuts" in summary_text(editor)
        assert problem_text(editor).strip() == ""


async def test_emptying_the_dose_names_it_and_shows_no_stale_schedule(journal):
    app = build_app(journal, today=TODAY, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        assert editor.plan is not None and rows_shown(editor) > 0
        await type_into(pilot, editor, "dose", "")
        assert "daily dose" in problem_text(editor).lower(), problem_text(editor)
        assert rows_shown(editor) == 0 and "cuts" not in summary_text(editor)
