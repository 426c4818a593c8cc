"""The plan editor at 80×24: every column of the preview readable below the fields, and the switch
of form offered where the tablets become too coarse.

Update the snapshot with ``pytest --snapshot-update`` after a deliberate change, and look at it.
"""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import DataTable, Input, Select

from tests.ui.plan_editor_helpers import open_editor, problem_text, save_confirming
from tests.ui.schedule_helpers import app_at_now, running
from tui.core.formulations import Liquid
from tui.ui.screens.plan_editor import PlanEditorScreen


async def _editor_with_tablets(pilot) -> None:
    """A new plan on 2 mg of 0.5 mg tablets split in 4: its cuts reach the tablets' limit."""
    editor = await open_editor(pilot)
    editor.query_one("#dose", Input).value = "2"
    editor.query_one("#form-kind").value = "tablet"
    await pilot.pause()
    await pilot.pause()
    editor.query_one("#form-0", Input).value = "0.5"
    editor.query_one("#form-1", Input).value = "4"
    await pilot.pause()
    editor.query_one("#dose", Input).focus()
    await pilot.pause()


def test_plan_editor_snapshot_at_80x24(snap_compare, journal):
    app = app_at_now(journal)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_editor_with_tablets)


async def test_the_editor_offers_the_switch_to_a_liquid_where_tablets_are_too_coarse(journal):
    """docs/DOMAIN.md §3.11: the too-coarse point is offered as a switch; the key pre-fills it, the
    preview then measures in mL below it, and the saved plan keeps it."""
    async with running(journal) as (app, pilot):
        await _editor_with_tablets(pilot)
        editor = app.screen
        assert isinstance(editor, PlanEditorScreen)
        offer = str(editor.query_one("#offer").render())
        assert offer == "Below 1.25 mg the tablets cannot measure the 10 % cut; switch to a liquid? (ctrl+l)"
        assert editor.query_one("#then-kind-row").has_class("-hidden")
        await pilot.press("ctrl+l")
        for _ in range(5):
            await pilot.pause()
        assert editor.query_one("#switch-below", Input).value == "1.25"
        assert str(editor.query_one("#then-kind", Select).value) == "liquid"
        assert [editor.query_one(f"#then-{i}", Input).value for i in range(2)] == ["0.1", "0.1"]
        assert not editor.query_one("#then-kind-row").has_class("-hidden")
        plan = editor.plan
        assert plan is not None and plan.params.switch_below_mg == Decimal("1.25")
        liquid = next(step for step in plan.steps if step.formulation is not None)
        assert (liquid.dose_mg, liquid.unit_dose) == (Decimal("1.13"), "11.3 mL")
        assert editor.query_one("#offer").has_class("-hidden")
        # the step table shows the liquid's measured amount
        table = editor.query_one("#steps", DataTable)
        assert "1.13 mg · 11.3 mL" in [str(cell) for cell in table.get_row(liquid.start.isoformat())]
        await save_confirming(app, pilot)
    stored = journal.plan()
    assert stored is not None and stored.params.switch_below_mg == Decimal("1.25")
    assert stored.params.then_formulation == Liquid.create("0.1", "0.1")


async def test_without_a_switch_dose_the_second_forms_fields_are_hidden_and_ignored(journal):
    async with running(journal) as (app, pilot):
        await _editor_with_tablets(pilot)
        editor = app.screen
        assert isinstance(editor, PlanEditorScreen)
        editor.query_one("#switch-below", Input).value = "1"
        await pilot.pause()
        assert not editor.query_one("#then-row-0").has_class("-hidden")
        editor.query_one("#then-0", Input).value = "abc"
        await pilot.pause()
        assert editor.plan is None and "Then mg per mL" in problem_text(editor)
        editor.query_one("#switch-below", Input).value = ""
        await pilot.pause()
        assert editor.query_one("#then-row-0").has_class("-hidden")
        assert editor.plan is not None and not editor.plan.params.switches


async def test_a_stated_increment_is_not_offered_a_switch(journal):
    """The default form (a stated 0.01 mg increment) is what the person measures: its too-coarse
    warning says what would help, and no switch line takes a row of the preview."""
    async with running(journal) as (_app, pilot):
        editor = await open_editor(pilot)
        assert editor.plan is not None and any("too coarse" in w for w in editor.plan.warnings())
        assert editor.query_one("#offer").has_class("-hidden")
        assert not editor.check_action("offer_switch", ())
