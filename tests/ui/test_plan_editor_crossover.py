"""The plan editor's crossover fields at 80×24 (docs/DOMAIN.md §3.12): hidden until a drug to cross
over to is typed, read like the CLI's flags, and saved with the plan."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import DataTable, Input, Select

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.plan_editor_helpers import open_editor, problem_text, save_confirming
from tests.ui.schedule_helpers import TODAY, running
from tui.core.formulations import Tablet
from tui.core.plan_model import PlanParams
from tui.core.planner import build_plan
from tui.ui.screens.plan_editor import PlanEditorScreen


async def _settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def _editor(pilot) -> PlanEditorScreen:
    editor = await open_editor(pilot)
    editor.query_one("#dose", Input).value = "1"
    editor.query_one("#intakes", Input).value = "2"
    editor.query_one("#split", Input).value = "0.5+0.5"
    editor.query_one("#form-kind", Select).value = "tablet"
    await _settle(pilot)
    editor.query_one("#form-0", Input).value = "0.5"
    editor.query_one("#form-1", Input).value = "2"
    await _settle(pilot)
    return editor


async def test_a_crossover_typed_in_the_editor_is_previewed_and_saved(journal):
    async with running(journal) as (app, pilot):
        editor = await _editor(pilot)
        assert editor.query_one("#crossover-stages").parent.has_class("-hidden")  # type: ignore[union-attr]
        assert editor.query_one("#to-kind-row").has_class("-hidden")
        problem = problem_text(editor)
        assert editor.plan is not None and not editor.plan.params.crosses_over, problem
        editor.query_one("#crossover-to", Input).value = "diazepam"
        await _settle(pilot)
        assert not editor.query_one("#crossover-stages").parent.has_class("-hidden")  # type: ignore[union-attr]
        assert not editor.query_one("#to-row-0").has_class("-hidden")
        assert editor.plan is None and "New tablet mg is empty" in problem_text(editor)
        assert editor.query_one("#to-0", Input).has_class("-invalid")
        editor.query_one("#to-0", Input).value = "5"
        editor.query_one("#to-1", Input).value = "2"
        await _settle(pilot)
        plan = editor.plan
        assert plan is not None and plan.params.crossover_to == "diazepam", problem_text(editor)
        assert plan.steps[0].also is not None and plan.steps[0].also.intake_mg == (Decimal(0), Decimal(5))
        editor.query_one("#equivalence", Input).value = "bnf"
        await _settle(pilot)
        assert editor.plan is None
        assert 'Equivalence: "bnf" is not allowed — use ashton or va-dod' in problem_text(editor)
        editor.query_one("#equivalence", Input).value = "ashton"
        await _settle(pilot)
        await save_confirming(app, pilot)
    stored = journal.plan()
    assert stored is not None and stored.params.crossover_to == "diazepam"
    assert stored.params.crossover_formulation == Tablet.create("5", "2")
    assert stored.steps[3].drug == "diazepam" and stored.steps[3].intake_mg == (Decimal(10), Decimal(10))


async def test_re_planning_after_the_crossover_is_a_plan_of_the_new_drug(journal):
    """A re-plan from a day after the crossover starts from the diazepam taken then, never from a
    diazepam dose read as clonazepam; during the crossover, from the plan's own starting dose."""
    plan = crossover_plan(TODAY)
    async with running(journal) as (app, pilot):
        after = PlanEditorScreen(TODAY, existing=plan, start=plan.steps[4].start)
        app.push_screen(after)
        await _settle(pilot)
        values = {key: after.query_one(f"#{key}", Input).value for key in ("drug", "dose", "split", "crossover-to")}
        assert values == {"drug": "diazepam", "dose": "17.5", "split": "", "crossover-to": ""}  # 7.5+10: even
        problem = str(after.query_one("#problem").render())
        assert after.plan is not None and after.plan.params.drug == "diazepam", problem
        app.pop_screen()
        during = PlanEditorScreen(TODAY, existing=plan, start=plan.steps[1].start)
        app.push_screen(during)
        await _settle(pilot)
        assert during.query_one("#dose", Input).value == "1"
        assert during.query_one("#crossover-to", Input).value == "diazepam"
        assert during.plan is not None and during.plan.params.crosses_over


async def test_re_planning_a_tablet_plan_keeps_the_tablet_strength(journal):
    """The form's choice names its kind again on mount: that must not empty a stored plan's
    tablet fields (the editor showed "Tablet mg is empty" for every re-planned tablet plan)."""
    plan = build_plan(
        PlanParams(drug="diazepam", start=TODAY, dose_mg=Decimal(20), formulation=Tablet.create("5", "2"))
    )
    async with running(journal) as (app, pilot):
        editor = PlanEditorScreen(TODAY, existing=plan, start=plan.steps[2].start)
        app.push_screen(editor)
        await _settle(pilot)
        assert [editor.query_one(f"#form-{i}", Input).value for i in range(2)] == ["5", "2"]
        assert editor.plan is not None and editor.plan.params.formulation == Tablet.create("5", "2")


async def test_the_preview_compares_a_crossover_as_diazepam_and_names_both_drugs(journal):
    """The summary's "1 → 0 mg" mixed clonazepam with diazepam: a crossover's start and end are
    compared as ≈ diazepam; its stages list each drug's daily total."""
    plan = crossover_plan(TODAY)
    async with running(journal) as (app, pilot):
        editor = PlanEditorScreen(TODAY, existing=plan, start=TODAY)
        app.push_screen(editor)
        await _settle(pilot)
        assert editor.plan is not None and editor.plan.params.crosses_over
        summary = str(editor.query_one("#summary").render())
        assert "≈ 20 → 0 mg diazepam" in summary, summary
        assert "1 → 0 mg" not in summary
        table = editor.query_one("#steps", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        # each intake, in the unit measured (docs/DOMAIN.md §3.12): the evening's part goes first
        assert first[2] == (
            "daily total ≈ 20 mg diazepam\n1) clonazepam 0.5 mg = 1 tab\n2) clonazepam 0.25 mg = ½ tab\n"
            "   + diazepam 5 mg = 1 tab"
        ), first[2]
