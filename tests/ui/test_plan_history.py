"""Plan history: opened from Schedule with H, every change as a row, and the undo of the last one."""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static

from tests.ui.schedule_helpers import NOW, TODAY, app_at_now, open_schedule
from tests.ui.schedule_helpers import store_plan as store_schedule_plan
from tui.core.plan_changes import hold
from tui.core.plan_model import Plan
from tui.core.validation import parse_int
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.plan_history import PlanHistoryScreen
from tui.ui.screens.text_prompt import PromptAnswer, TextPrompt


def store_plan(journal) -> Plan:
    """The plan of the Schedule tests, agreed on its first day."""
    return store_schedule_plan(journal, at=datetime(2027, 1, 4, 8, 0), reason="agreed")


async def open_history(pilot) -> PlanHistoryScreen:
    """Show the Schedule, wait for its keys, press H: the plan history is on screen."""
    await open_schedule(pilot)
    await pilot.press("H")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlanHistoryScreen)
    return screen


def shown_rows(screen: PlanHistoryScreen) -> list[list[str]]:
    table = screen.query_one("#plan-history-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def shown(screen: PlanHistoryScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_h_in_schedule_opens_every_change_newest_first_and_escape_closes(journal):
    plan = store_plan(journal)
    held, event = hold(plan, 7, TODAY, NOW, "flu [/b] week")
    journal.save_plan(held.to_record(), event)
    app = app_at_now(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        rows = shown_rows(screen)
        assert rows == [
            [
                "2027-03-15\n09:00",
                "Held 7 more days\n“flu [/b] week”",
                f"{plan.end_date.isoformat()}\n→ {held.end_date.isoformat()}",
            ],
            ["2027-01-04\n08:00", "New plan from 1 mg\n“agreed”", f"\n→ {plan.end_date.isoformat()}"],
        ]
        assert "Reason: flu [/b] week" in shown(screen, "#plan-history-detail")
        assert "u undoes the last change, “Held 7 more days”" in shown(screen, "#plan-history-undo")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PlanHistoryScreen)


async def test_undo_of_a_hold_shows_its_effect_enter_cancels_and_confirming_restores_the_plan(journal):
    before = store_plan(journal)
    app = app_at_now(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#answer", Input).value = "7"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # apply the hold
        await pilot.pause()
        held = journal.get_plan()
        assert held != before.to_record()
        screen = await open_history(pilot)

        await pilot.press("u")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Undo “Held 7 more days”" in dialog.body_text
        assert "7 days earlier" in dialog.body_text  # the end date moves back
        assert "Steps from today:" in dialog.body_text
        await pilot.press("enter")  # Cancel has the focus: Enter changes nothing
        await pilot.pause()
        assert app.screen is screen
        assert journal.get_plan() == held
        assert [e["kind"] for e in journal.events()] == ["create", "hold"]

        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert journal.get_plan() == before.to_record()
        events = journal.events()
        assert [e["kind"] for e in events] == ["create", "hold", "undo"]
        assert events[-1]["details"]["undone"] == "Held 7 more days"
        assert shown_rows(screen)[0][1] == "Undid: Held 7 more days"
        assert "itself an undo" in shown(screen, "#plan-history-undo")
        assert screen.can_undo is False


async def test_a_change_recorded_by_an_older_version_shows_but_is_not_undone(journal):
    plan = store_plan(journal)
    held, event = hold(plan, 7, TODAY, NOW)
    del event["details"]["previous_plan"]
    event["details"].pop("end_date_before")
    journal.save_plan(held.to_record(), event)
    app = app_at_now(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert shown_rows(screen)[0][1] == "Held 7 more days"
        assert "older taper-tui" in shown(screen, "#plan-history-undo")
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is screen  # nothing asked, nothing changed
    assert journal.get_plan() == held.to_record()
    assert len(journal.events()) == 2


async def test_with_no_changes_recorded_the_history_says_so(journal):
    app = app_at_now(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert "No change to the plan is recorded yet" in shown(screen, "#plan-history-empty")
        assert screen.query_one("#plan-history-table").has_class("-hidden")


class PromptApp(App[None]):
    """A bare app showing one TextPrompt that asks for a reason too."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("under the prompt")

    def on_mount(self) -> None:
        prompt = TextPrompt(
            "Hold: how many more days?", "", lambda t: parse_int("days", t, 1, 90), "7", ask_reason=True
        )
        self.push_screen(prompt, self.answers.append)


async def test_a_prompt_can_ask_for_an_optional_reason_reached_with_tab():
    app = PromptApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.press(*"a hard week")
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [PromptAnswer(7, "a hard week")]


async def test_the_reason_stays_optional_and_a_bad_value_keeps_the_prompt_open():
    app = PromptApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prompt = app.screen
        prompt.query_one("#answer", Input).value = "900"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt and "days" in str(prompt.query_one("#problem", Static).render())
        prompt.query_one("#answer", Input).value = "5"
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [PromptAnswer(5, "")]
