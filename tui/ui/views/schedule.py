"""Schedule: every step of the plan, past, current and future, and the changes life asks for.

A daily micro-taper (steps of 1–3 days, hundreds of them) reads one row per week — where each
intake starts and ends that week and the week's cut — with the daily steps one key away (w).

Each change — hold, slow down, return to the last stable dose, re-plan — is shown in a dialog
with its effect before it is applied; past steps are never rewritten, and every change is
recorded as an event in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core import plan_changes
from tui.core.doses import format_decimal
from tui.core.measured_forms import forms_text
from tui.core.plan_crossover import crossover_text
from tui.core.plan_model import Plan
from tui.core.plan_weeks import is_micro_taper, plan_weeks
from tui.core.planner import MAX_STEP_DAYS
from tui.core.step_rows import steps_and_cuts
from tui.core.validation import ValidationError, parse_decimal, parse_int
from tui.store.errors import StoreError
from tui.ui.plan_change_text import describe_change
from tui.ui.screens.confirm_dialog import ConfirmDialog
from tui.ui.screens.plan_editor import PlanEditorScreen
from tui.ui.screens.text_prompt import PromptAnswer, TextPrompt
from tui.ui.session import Change, Session
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.line_table import LineTable
from tui.ui.widgets.step_table import daily_total_text, show_steps, show_weeks, step_legend


class ScheduleView(JournalView):
    """The steps table with plan actions on keys."""

    can_focus = True  # with no plan there is no table: the view itself takes focus for its keys

    DEFAULT_CSS = """
    ScheduleView #schedule-legend { height: auto; max-height: 6; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        # First, so that it is in the key bar at 80 columns; one key, two actions: only the one that
        # applies (to a micro-taper's plan) is enabled and shown.
        Binding("w", "daily", "Daily"),
        Binding("w", "weekly", "Weekly"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "hold", "Hold"),
        Binding("s", "slow_down", "Slow down"),
        Binding("r", "return_to_stable", "Return to stable"),
        Binding("p", "replan", "Re-plan"),
        Binding("n", "new_plan", "New plan"),
        Binding("H", "plan_history", "Plan history"),
    ]

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.by_week = True
        """A micro-taper is read by the week (w switches to its daily steps and back)."""

    def compose(self) -> ComposeResult:
        yield Static(id="schedule-summary", markup=False)
        yield Static(
            "No plan yet. Press n to build one with the numbers agreed with your prescriber — "
            "or just keep logging: a plan is optional.",
            id="schedule-empty",
            markup=False,
        )
        yield LineTable(id="schedule-steps")
        yield Static(id="schedule-legend", markup=False)

    def concerns(self, change: Change) -> bool:
        # The steps and where today stands in them: the plan and the date, not the log.
        return change.plan or change.today

    @property
    def table(self) -> LineTable:
        """The steps (or weeks) of the plan."""
        return self.query_one("#schedule-steps", LineTable)

    @property
    def weekly(self) -> bool:
        """Whether the table shows weeks: a micro-taper's plan, unless the person asked for days."""
        plan = self.session.plan
        return plan is not None and self.by_week and is_micro_taper(plan.steps)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # w shows what the table does not: the days of a plan read by week, or its weeks again.
        if action == "daily":
            return self.weekly
        if action == "weekly":
            plan = self.session.plan
            return plan is not None and not self.by_week and is_micro_taper(plan.steps)
        return True

    def refresh_data(self) -> None:
        plan = self.session.plan
        table = self.table
        self.query_one("#schedule-empty").set_class(plan is not None, "-hidden")
        table.set_class(plan is None, "-hidden")
        summary = self.query_one("#schedule-summary", Static)
        legend = self.query_one("#schedule-legend", Static)
        if plan is None:
            summary.update("")
            legend.update("")
            return
        summary.update(self.summary_text(plan))
        legend.update(step_legend(plan.steps))
        self._fill(plan)
        self.refresh_bindings()
        self._scroll_to_current()

    def _fill(self, plan: Plan) -> None:
        """The plan's weeks (a micro-taper) or steps in the table."""
        table = self.table
        if self.weekly:
            show_weeks(table, plan_weeks(plan.steps), today=self.today, room=self._room)
        else:
            show_steps(table, plan, today=self.today, room=self._room)

    @property
    def _room(self) -> int:
        """The table's width less its scrollbar (the app's while the view has not been laid out)."""
        table = self.table
        return (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical

    @on(events.Resize)
    def _resized(self) -> None:
        # A week's intakes wrap within the table's width: fit them again, the cursor staying put.
        plan = self.session.plan
        if plan is not None and self.shown and self.weekly and self.table.columns:
            row = self.table.cursor_row
            self._fill(plan)
            self.table.move_cursor(row)

    def action_daily(self) -> None:
        """Show a micro-taper's every step, one row per day or few days."""
        self._show_by_week(False)

    def action_weekly(self) -> None:
        """Show a micro-taper one row per week again."""
        self._show_by_week(True)

    def _show_by_week(self, by_week: bool) -> None:
        self.by_week = by_week
        self.refresh_data()

    def set_shown(self, shown: bool) -> None:
        # Filled while hidden, the table had no size to scroll in: scroll once the view is laid
        # out at its final size, so today's step is never left under the scrollbar.
        super().set_shown(shown)
        if shown:
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        """Put the cursor on today's step (or week) and scroll it into view."""
        plan = self.session.plan
        current = plan.step_index_on(self.today) if plan else None
        if plan is not None and current is not None and self.weekly:
            start = plan.steps[0].start
            current = min((self.today - start).days // 7, self.table.row_count - 1)
        if current is not None:
            self.table.move_cursor(current)

    def summary_text(self, plan: Plan) -> str:
        """Two lines: the plan's shape and where it ends (the legend is under the table)."""
        params = plan.params
        projection = plan.projection()
        # every band named, and a crossover said before the pace it leads to
        shape = f"{params.drug} · {params.pace_text()} · {forms_text(plan)}{crossover_text(params)}"
        end = f"ends {projection.end_date.isoformat()} at {format_decimal(projection.final_mg)} mg · {steps_and_cuts(projection)}"
        if is_micro_taper(plan.steps):
            end += " · by week (w: daily doses)" if self.by_week else " · daily (w: by week)"
        return f"{shape}\n{end}"

    def focus_content(self) -> None:
        table = self.table
        if not table.has_class("-hidden"):
            table.focus()
        else:
            self.focus()

    def action_cursor_down(self) -> None:
        """Next row (j, when the view itself has focus)."""
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous row (k)."""
        self.table.action_cursor_up()

    # -- plan actions ----------------------------------------------------------------------------

    def _need_plan(self) -> Plan | None:
        """The active plan, or None after telling the person why nothing can change."""
        if self.session.read_only:
            self.notify("Read-only: another taper-tui is writing to this file.", severity="warning")
            return None
        plan = self.session.plan
        if plan is None:
            self.notify("There is no plan yet: press n to build one.", severity="information")
        return plan

    def _propose(self, title: str, change: Callable[[], tuple[Plan, dict[str, Any]]]) -> None:
        """Compute a change, show its effect, and save it only when the person confirms."""
        old = self.session.plan
        try:
            new, event = change()
        except (plan_changes.PlanChangeError, ValidationError) as error:
            self.notify(str(error), title="Not changed", severity="warning", timeout=10)
            return
        body = describe_change(old, new, self.today)
        confirmations = new.confirmations_needed()
        if confirmations:
            body += "\n\nNeeds your confirmation:\n" + "\n".join(confirmations)

        def answered(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.session.change_plan(new, event)
            except StoreError as error:
                self.notify(str(error), title="Plan not saved", severity="error", timeout=15)
                return
            self.notify(f"{title}: saved. The plan now ends {new.end_date.isoformat()}.")

        self.app.push_screen(ConfirmDialog(title, body, "Apply", "Cancel"), answered)

    def action_hold(self) -> None:
        """Stay on today's dose N more days; every later step moves."""
        plan = self._need_plan()
        if plan is None:
            return
        step = plan.step_on(self.today)
        # The step's own wording: a crossover day names both drugs, never one figure of two.
        dose = f"today's dose ({daily_total_text(plan, step)})" if step else "the starting dose"

        def chosen(answer: PromptAnswer | None) -> None:
            if answer is not None:
                days, reason = answer.value, answer.reason
                self._propose(
                    f"Hold {days} days", lambda: plan_changes.hold(plan, days, self.today, self.session.now(), reason)
                )

        self.app.push_screen(
            TextPrompt(
                "Hold: how many more days?",
                f"You stay on {dose} longer; every later step moves by the same days.",
                lambda text: parse_int("days", text, 1, MAX_STEP_DAYS),
                "7",
                ask_reason=True,
            ),
            chosen,
        )

    def action_slow_down(self) -> None:
        """A smaller cut % from the next step on."""
        plan = self._need_plan()
        if plan is None:
            return
        current = plan.params.cut_pct

        def chosen(answer: PromptAnswer | None) -> None:
            if answer is not None:
                cut, reason = answer.value, answer.reason
                self._propose(
                    f"Slow down to {format_decimal(cut)} %",
                    lambda: plan_changes.slow_down(plan, cut, self.today, self.session.now(), reason),
                )

        suggestion = format_decimal(max(current / 2, min(current, Decimal(5))))
        self.app.push_screen(
            TextPrompt(
                "Slow down: new cut %",
                f"Now {format_decimal(current)} % of the current dose per step. From the next step on, cut (%):",
                lambda text: parse_decimal("cut %", text, Decimal("0.1"), current, 2, "%"),
                suggestion,
                ask_reason=True,
            ),
            chosen,
        )

    def action_return_to_stable(self) -> None:
        """Go back up to the last stable dose (an increase, only on request, with a reason)."""
        plan = self._need_plan()
        if plan is None:
            return
        stable = plan_changes.last_stable_step(plan, self.today)
        if stable is None:
            self.notify("There is no higher dose earlier in the plan to return to.", severity="information")
            return

        def reason_given(reason: str | None) -> None:
            if reason:
                self._propose(
                    f"Return to {format_decimal(stable.dose_mg)} mg",
                    lambda: plan_changes.return_to_stable(plan, self.today, self.session.now(), reason),
                )

        def require_text(text: str) -> str:
            if not text.strip():
                raise ValidationError("reason", text, "write a few words: the reason is kept with the change")
            return text.strip()

        self.app.push_screen(
            TextPrompt(
                f"Return to {format_decimal(stable.dose_mg)} mg (last stable dose)",
                "This raises the dose from today and holds it for a step before the taper resumes. "
                "Agree it with your prescriber. Why?",
                require_text,
                placeholder="e.g. symptoms not easing after 3 weeks",
            ),
            reason_given,
        )

    def action_replan(self) -> None:
        """Open the plan editor on the current parameters, starting today; past steps are kept."""
        plan = self._need_plan()
        if plan is None:
            return
        editor = PlanEditorScreen(self.today, existing=plan, start=self.today)

        def edited(new_plan: Plan | None) -> None:
            if new_plan is None:
                return
            params = new_plan.params
            self._propose(
                "Re-plan from " + params.start.isoformat(),
                lambda: plan_changes.replan(plan, params, self.today, self.session.now()),
            )

        self.app.push_screen(editor, edited)
        prefill = editor.prefill  # the note says what the form opens with (mid-crossover: the plan's start)
        if prefill.defaults is not None and plan.step_on(self.today) is not None:
            again = f", crossing over to {prefill.defaults.crossover_to} again" if prefill.defaults.crosses_over else ""
            self.notify(
                f"Re-planning from today at {prefill.defaults.drug} {format_decimal(prefill.starting_amounts()[0])} mg"
                f" a day{again}; earlier steps stay as they were."
            )

    def action_new_plan(self) -> None:
        """Build a new plan (the current one, if any, is replaced; its history stays in the events)."""
        if self.session.read_only:
            self.notify("Read-only: another taper-tui is writing to this file.", severity="warning")
            return
        settings = self.journal.settings()
        current = self.session.plan
        step = current.step_on(self.today) if current else None
        editor = PlanEditorScreen(
            self.today,
            drug=settings.drug or (current.params.drug if current else "clonazepam"),
            dose_mg=step.dose_mg if step else None,
            intakes=settings.intakes_per_day,
            replacing=current,
        )

        def built(plan: Plan | None) -> None:
            if plan is not None:
                self.adopt_plan(plan)

        self.app.push_screen(editor, built)

    def action_plan_history(self) -> None:
        """Every change to the plan, newest first; the last one can be undone there."""
        from tui.ui.screens.plan_history import PlanHistoryScreen  # loaded when first opened

        self.app.push_screen(PlanHistoryScreen(self.session))
