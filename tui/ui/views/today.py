"""Today: the planned dose, what is logged so far, where the taper stands, the last 7 days.

Everything here is read from the journal and the plan; nothing on this view changes a dose.
A hold suggestion appears when the log warrants one (see :mod:`tui.core.hold_suggestion`).
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.doses import format_decimal, format_mg, percent
from tui.core.entry import DayEntry
from tui.core.hold_suggestion import suggest_hold_for_plan
from tui.core.plan_model import Plan
from tui.ui.session import Change
from tui.ui.views.journal_view import JournalView

SPARK = " ▁▂▃▄▅▆▇█"
PARTS = ("date", "plan", "logged", "hold", "week")
"""The parts of the view, top to bottom; a part with no text is hidden."""
RECENT_DAYS = 60
"""Days read back from today: two months cover the week shown and the windows around the latest cut."""


def sparkline(values: list[int | None]) -> str:
    """One block character per value (``·`` for a day not logged), scaled to the largest."""
    top = max((v for v in values if v is not None), default=0)
    marks = []
    for value in values:
        if value is None:
            marks.append("·")
        else:
            marks.append(SPARK[0 if top == 0 else max(1, round(value / top * (len(SPARK) - 1)))])
    return "".join(marks)


def relative_day(day: date, today: date) -> str:
    """``today``, ``yesterday`` or the weekday."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day:%a}"


def plan_lines(plan: Plan, today: date) -> list[str]:
    """Where the taper stands: step, day in it, next cut, cumulative reduction."""
    lines = []
    index = plan.step_index_on(today)
    if index is None:
        first = plan.steps[0]
        lines.append(
            f"The plan starts {first.start.isoformat()} (in {(first.start - today).days} days) at {format_mg(first.dose_mg)}."
        )
        return lines
    step = plan.steps[index]
    day_in = (today - step.start).days + 1
    intakes = " + ".join(format_decimal(mg) for mg in step.intake_mg)
    per = f" ({intakes} mg, {step.unit_dose})" if len(step.intake_mg) > 1 else f" ({step.unit_dose})"
    if index == len(plan.steps) - 1 and today > step.end:
        lines.append(f"Final dose since {step.start.isoformat()}: {format_mg(step.dose_mg)}{per}.")
    else:
        lines.append(
            f"Step {index + 1} of {len(plan.steps)}, day {day_in} of {step.days}: {format_mg(step.dose_mg)} a day{per}."
        )
    upcoming = plan.next_cut_on_or_after(today)
    if upcoming is not None:
        wait = (upcoming.start - today).days
        lines.append(
            f"Next cut {upcoming.start.isoformat()} (in {wait} day{'s' if wait != 1 else ''}) to {format_mg(upcoming.dose_mg)} — {upcoming.unit_dose}."
        )
    start_mg = plan.dose_before_mg if plan.dose_before_mg > 0 else plan.steps[0].dose_mg
    if start_mg > 0:
        down = start_mg - step.dose_mg
        lines.append(
            f"Since the plan began: {format_mg(start_mg)} → {format_mg(step.dose_mg)} ({format_decimal(percent(down, start_mg))} % lower). Plan ends {plan.end_date.isoformat()}."
        )
    return lines


def week_table(entries: dict[date, DayEntry], today: date) -> list[str]:
    """The last 7 days as a small text table (gaps shown neutrally as ``–``)."""
    rows = [f"{'day':<16} dose mg  anxiety  mood  sleep h  symptoms  phase"]
    for offset in range(6, -1, -1):
        day = today - timedelta(days=offset)
        entry = entries.get(day)
        label = f"{day:%d %b} {relative_day(day, today)}"
        if entry is None:
            rows.append(f"{label:<16} {'–':>7}  {'–':>7}  {'–':>4}  {'–':>7}  {'–':>8}  ")
            continue
        dose = format_decimal(entry.total_mg) if entry.intakes else "–"
        anxiety = "–" if entry.anxiety is None else str(entry.anxiety)
        mood = "–" if entry.mood is None else str(entry.mood)
        sleep = "–" if entry.sleep_hours is None else format_decimal(entry.sleep_hours)
        symptoms = str(entry.symptom_total) + (" ⚠" if entry.red_flags else "") if entry.symptoms else "–"
        phase = {"window": "▲ window", "wave": "▼ wave"}.get(entry.phase or "", "")
        rows.append(f"{label:<16} {dose:>7}  {anxiety:>7}  {mood:>4}  {sleep:>7}  {symptoms:>8}  {phase}")
    return rows


class TodayView(JournalView):
    """What matters today, and one key to log it."""

    BINDINGS = [
        Binding("l,enter", "log_today", "Log today"),
        Binding("y", "log_yesterday", "Log yesterday"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="today-scroll", can_focus=True):
            for name in PARTS:
                yield Static(id=f"today-{name}", markup=False, classes="-hidden")

    def concerns(self, change: Change) -> bool:
        # Only the last RECENT_DAYS days are shown or weighed here.
        since = self.today - timedelta(days=RECENT_DAYS)
        recent = change.every_day or any(day >= since for day in change.days)
        return recent or change.today or change.plan or change.settings

    def refresh_data(self) -> None:
        for name, text in self._texts().items():
            widget = self.query_one(f"#today-{name}", Static)
            widget.set_class(not text, "-hidden")
            widget.update(text)

    def _texts(self) -> dict[str, str]:
        """Each part of the view as text (an empty text hides its part)."""
        today = self.today
        plan = self.session.plan
        recent = self.journal.days(today - timedelta(days=RECENT_DAYS), today)
        by_day = {e.day: e for e in recent}
        suggestion = suggest_hold_for_plan(recent, plan, self.journal.events(), today)
        fortnight = [by_day.get(today - timedelta(days=offset)) for offset in range(13, -1, -1)]
        totals = [e.symptom_total if e is not None and e.symptoms else None for e in fortnight]
        week = week_table(by_day, today) + [f"symptom total, last 14 days: {sparkline(totals)}"]
        return {
            "date": f"{today:%A %d %B %Y}   ·   l: log today   y: log yesterday",
            "plan": "\n".join(plan_lines(plan, today))
            if plan
            else "No plan yet (Schedule → n to build one). Logging works without one.",
            "logged": self._logged_text(by_day.get(today)),
            "hold": f"⚠ {suggestion}" if suggestion else "",
            "week": "\n".join(week),
        }

    def _logged_text(self, entry: DayEntry | None) -> str:
        planned = self.session.planned_intakes(self.today)
        planned_text = " + ".join(i.describe() for i in planned)
        lines = [f"Planned today: {planned_text}." if planned else ""]
        if entry is None:
            lines.append("Nothing logged today yet — press l when you are ready.")
        else:
            parts = []
            if entry.intakes:
                parts.append(", ".join(i.describe() for i in entry.intakes) + f" (total {format_mg(entry.total_mg)})")
            if entry.anxiety is not None:
                parts.append(f"anxiety {entry.anxiety}")
            if entry.mood is not None:
                parts.append(f"mood {entry.mood}")
            if entry.symptoms:
                parts.append(f"symptom total {entry.symptom_total}")
            lines.append("Logged today: " + ("; ".join(parts) if parts else "a note"))
        return "\n".join(line for line in lines if line)

    def focus_content(self) -> None:
        self.query_one("#today-scroll").focus()

    def action_log_today(self) -> None:
        self.post_message(self.OpenDay(self.today))

    def action_log_yesterday(self) -> None:
        self.post_message(self.OpenDay(self.session.yesterday))
