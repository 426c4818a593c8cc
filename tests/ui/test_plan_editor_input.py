"""The plan editor reads its fields like the CLI, never raises on what is typed, and asks before
losing changes or saving a plan that breaks the guideline."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Button, Input

from tests.ui.plan_editor_helpers import in_editor, open_editor, problem_text, type_fields, type_into
from tests.ui.schedule_helpers import TODAY, app_at_now, save_plan
from tui.core.formulations import RawIncrement
from tui.core.plan_model import Plan, PlanParams
from tui.store.journal import open_journal
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.screens.plan_field_rows import INPUT_IDS


async def test_an_impossible_start_date_is_a_message_not_an_exit(journal):
    async with in_editor(journal) as (app, pilot, editor):
        await type_into(pilot, editor, "start", "2027-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        assert 'Start: "2027-13-01" is not allowed — use a real date' in problem_text(editor)
        assert editor.query_one("#start", Input).has_class("-invalid")
    assert journal.get_plan() is None


async def test_an_empty_dose_says_so_in_words(journal):
    async with in_editor(journal) as (_app, pilot, editor):
        await type_into(pilot, editor, "dose", "")
        assert "Daily dose mg is empty — give the current daily dose in mg, e.g. 1" in problem_text(editor)
        assert '""' not in problem_text(editor)


async def test_a_three_intake_plan_is_accepted_and_saved(journal):
    async with in_editor(journal) as (_app, pilot, editor):
        await type_fields(pilot, editor, {"dose": "1", "intakes": "3", "hold": "7", "jump-off": "0.05"})
        assert problem_text(editor).strip() == ""
        summary = str(editor.query_one("#summary").render())
        assert "0.33 + 0.34 + 0.33 mg" in summary and "intake 2 gets one step more" in summary
        await pilot.press("ctrl+s")
        await pilot.pause()
    plan = Plan.from_record(journal.get_plan())
    assert plan.params.split == (Decimal("0.33"), Decimal("0.34"), Decimal("0.33"))
    assert all(len(step.intake_mg) == 3 and sum(step.intake_mg) == step.dose_mg for step in plan.steps)


async def test_seven_intakes_are_refused_like_the_cli(journal):
    async with in_editor(journal) as (_app, pilot, editor):
        await type_into(pilot, editor, "intakes", "7")
        assert 'Intakes a day: "7" is not allowed — use a whole number from 1 to 6' in problem_text(editor)


async def test_escape_with_changes_asks_and_enter_keeps_editing(journal):
    async with in_editor(journal) as (app, pilot, editor):
        await type_into(pilot, editor, "cut", "5")
        assert editor.has_unsaved_changes
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert app.focused is dialog.query_one("#cancel", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor and editor.query_one("#cut", Input).value == "5"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, PlanEditorScreen)


async def test_escape_without_changes_just_leaves(journal):
    async with in_editor(journal) as (app, pilot, _editor):
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (PlanEditorScreen, ConfirmDialog))


async def test_enter_on_the_guideline_confirmation_goes_back(journal):
    async with in_editor(journal) as (app, pilot, editor):
        await type_into(pilot, editor, "cut", "40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert app.focused is dialog.query_one("#cancel", Button)
        assert "Go back" in str(dialog.query_one("#cancel", Button).label)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
    assert journal.get_plan() is None


async def test_replan_during_a_hold_keeps_the_days_left(journal):
    start = TODAY - timedelta(days=10)
    params = PlanParams(
        drug="clonazepam",
        start=start,
        dose_mg=Decimal(1),
        formulation=RawIncrement.create("0.01"),
        hold_days=21,
        jump_off_mg=Decimal("0.05"),
    )
    plan = save_plan(journal, params)
    async with in_editor(journal, "p") as (_app, _pilot, editor):
        assert editor.query_one("#hold", Input).value == "11"  # 21-day hold, 10 days done
        assert "11 days left are kept" in str(editor.query_one("#kept-hold").render())
        assert editor.plan is not None and editor.plan.steps[0].start == TODAY
        assert editor.plan.steps[1].start == TODAY + timedelta(days=11)  # first cut where it was agreed
        assert editor.plan.steps[1].start == plan.steps[1].start


FIELD_IDS = sorted(set(INPUT_IDS.values()) | {"form-0", "form-1", "form-2", "then-0", "then-1", "then-2"})


async def _type_everywhere(path: Path, changes: list[tuple[str, str]]) -> None:
    journal = open_journal(path)
    journal.update_settings(onboarded=True)
    app = app_at_now(journal)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_editor(pilot)
            for widget_id, text in changes:
                if not isinstance(app.screen, PlanEditorScreen):
                    break  # a valid plan was saved and the editor closed
                editor.query_one(f"#{widget_id}", Input).value = text
                await pilot.press("ctrl+s")
                await pilot.pause()
                if isinstance(app.screen, ConfirmDialog):
                    await pilot.press("escape")
                    await pilot.pause()
                assert app.is_running and app.return_code is None
                if app.screen is editor:
                    assert editor.plan is not None or problem_text(editor).startswith("⚠ ")
    finally:
        journal.close()


# Few examples, many fields each: every example starts an app (seconds), typing is cheap.
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(FIELD_IDS), st.text(max_size=25)), min_size=10, max_size=40))
def test_nothing_typed_into_any_field_raises_out_of_the_editor(changes):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_type_everywhere(Path(folder) / "taper.json", changes))


async def test_a_sequential_order_is_typed_in_the_editor_and_saved(journal):
    async with in_editor(journal) as (_app, pilot, editor):
        await type_fields(pilot, editor, {"dose": "1", "intakes": "2", "split": "0.5+0.5", "jump-off": "0.05"})
        await type_into(pilot, editor, "order", "sideways")
        assert 'Intake order: "sideways" is not allowed — use even' in problem_text(editor)
        await type_into(pilot, editor, "order", "sequential")
        assert problem_text(editor).strip() == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    plan = Plan.from_record(journal.get_plan())
    assert plan.params.order.value == "sequential"
    assert plan.steps[0].intake_mg == (Decimal("0.4"), Decimal("0.5"))  # the first intake is cut first
