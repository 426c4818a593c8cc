"""The Schedule's hold and re-plan messages say a crossover day by its drugs (docs/DOMAIN.md §3.12)
and the re-plan note says the dose the editor opens with."""

from __future__ import annotations

from textual.widgets import Input

from tests.exchange.crossover_plans import crossover_plan
from tests.ui.plan_editor_helpers import in_editor
from tests.ui.schedule_helpers import TODAY, on_schedule, record_plan
from tui.core.doses import format_decimal
from tui.core.step_drugs import step_daily_totals
from tui.ui.screens.text_prompt import TextPrompt


async def test_hold_names_both_drugs_of_a_crossover_day(journal):
    plan = record_plan(journal, crossover_plan())
    step = plan.step_on(TODAY)
    async with on_schedule(journal) as (app, pilot):
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        explanation = app.screen.explanation
    assert step_daily_totals(plan, step) in explanation  # "You stay on 0.75 mg" named no drug
    assert f"on {format_decimal(step.dose_mg)} mg" not in explanation


async def test_the_replan_note_says_the_dose_the_editor_opens_with(journal):
    plan = record_plan(journal, crossover_plan())
    async with in_editor(journal, "p") as (app, _pilot, editor):
        shown = editor.query_one("#dose", Input).value
        notes = [n.message for n in app._notifications if n.message.startswith("Re-planning")]
    assert notes and f"{plan.params.drug} {shown} mg" in notes[0], (shown, notes)
