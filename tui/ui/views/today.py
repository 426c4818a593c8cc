"""Today: the planned dose, what is logged so far, where the taper stands, the last 7 days.

Everything here is read from the journal and the plan; nothing on this view changes a dose.
A hold suggestion appears when the log warrants one (see :mod:`tui.core.hold_suggestion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.doses import format_decimal, format_mg, percent
from tui.core.entry import DayEntry
from tui.core.hold_suggestion import suggest_hold_for_plan
from tui.core.insights import metric_value
from tui.core.intake_drugs import (
    DIAZEPAM_CHART_UNIT,
    drug_totals_text,
    logged_diazepam,
    logged_drug_intakes,
    names_day_drugs,
)
from tui.core.plan_model import Plan, Step
from tui.core.scales import Metric, phase_legend, phase_marked
from tui.core.settings import Settings
from tui.core.step_drugs import names_drugs, step_diazepam
from tui.core.supply import outlook, read_bottle
from tui.core.terminal_text import terminal_safe_line
from tui.core.validation import ValidationError
from tui.ui.session import Change
from tui.ui.views.journal_view import JournalView
from tui.ui.widgets.step_table import (
    daily_total_text,
    diazepam_day_text,
    formulation_on,
    logged_intake_text,
    planned_intake_texts,
)
from tui.ui.widgets.symptom_rating import RED_FLAG_GLYPH

SPARK = " ▁▂▃▄▅▆▇█"
PARTS = ("date", "plan", "logged", "supply", "hold", "week")
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


def plan_lines(plan: Plan, today: date, times: Sequence[str] = ()) -> list[str]:
    """Where the taper stands: step, day in it, today's intakes in the measured unit, the
    labelled daily total, next cut, cumulative reduction."""
    lines = []
    index = plan.step_index_on(today)
    if index is None:
        first = plan.steps[0]
        wait = (first.start - today).days
        lines.append(f"The plan starts {first.start.isoformat()} (in {wait} days) at {daily_total_text(plan, first)}.")
        return lines
    step = plan.steps[index]
    day_in = (today - step.start).days + 1
    if index == len(plan.steps) - 1 and today > step.end:
        lines.append(f"Final dose since {step.start.isoformat()}.")
    else:
        lines.append(f"Step {index + 1} of {len(plan.steps)}, day {day_in} of {step.days}.")
    lines.append(f"Today: {intakes_line(planned_intake_texts(plan, step), times)}")
    lines.append(f"       {daily_total_text(plan, step)}")
    diazepam = diazepam_day_text(plan, step)
    if diazepam:  # a crossover day: two drugs' mg are not one figure
        lines.append(f"       {diazepam}")
    upcoming = plan.next_cut_on_or_after(today)
    if upcoming is not None:
        wait = (upcoming.start - today).days
        lines.append(
            f"Next cut {upcoming.start.isoformat()} (in {wait} day{'s' if wait != 1 else ''}): "
            f"{daily_total_text(plan, upcoming)}."
        )
    if names_drugs(step):  # a crossover: two drugs' mg compare only as ≈ diazepam (docs/DOMAIN.md §3.12)
        lines += diazepam_progress(plan, step)
        return lines
    start_mg = plan.dose_before_mg if plan.dose_before_mg > 0 else plan.steps[0].dose_mg
    if start_mg > 0:
        down = start_mg - step.dose_mg
        lines.append(
            f"Since the plan began: {format_mg(start_mg)} → {format_mg(step.dose_mg)} a day "
            f"({format_decimal(percent(down, start_mg))} % lower). Plan ends {plan.end_date.isoformat()}."
        )
    return lines


def diazepam_progress(plan: Plan, step: Step) -> list[str]:
    """``Since the plan began: ≈ 20 mg → ≈ 17.5 mg diazepam a day (12.5 % lower, Ashton Manual (2002))``;
    nothing when a drug in it has no diazepam figure."""
    before, now = step_diazepam(plan, plan.steps[0]), step_diazepam(plan, step)
    if before is None or now is None or before.diazepam_mg <= 0:
        return [f"Plan ends {plan.end_date.isoformat()}."]
    down = percent(before.diazepam_mg - now.diazepam_mg, before.diazepam_mg)
    return [
        f"Since the plan began: ≈ {format_mg(before.diazepam_mg)} → ≈ {format_mg(now.diazepam_mg)} diazepam a day "
        f"({format_decimal(down)} % lower, {now.source}). Plan ends {plan.end_date.isoformat()}."
    ]


def intakes_line(texts: Sequence[str], times: Sequence[str | None]) -> str:
    """``08:00 0.46 mg = 4.6 mL · 20:00 0.47 mg = 4.7 mL`` (an intake without a time: the dose alone)."""
    timed = list(times) + [None] * (len(texts) - len(times))
    return " · ".join(f"{when} {text}" if when else text for text, when in zip(texts, timed, strict=False))


def symptom_total_text(entry: DayEntry) -> str:
    """The day's symptom total (:data:`Metric.TOTAL`) as a number, ``–`` when nothing was rated."""
    value = metric_value(entry, Metric.TOTAL)
    return "–" if value is None else format_decimal(Decimal(str(value)))


DIAZEPAM_DOSE_NOTE = f", {DIAZEPAM_CHART_UNIT} when marked ≈ (each drug by the plan's table)"
"""Under the week's table when a day that names its drugs shows its ≈ diazepam: the unit of ``≈17.5``."""


def week_table(entries: dict[date, DayEntry], today: date, plan: Plan | None = None) -> list[str]:
    """The last 7 days as a small text table (gaps shown neutrally as ``–``), scales named under it.
    A day of two drugs (a crossover) shows its ≈ diazepam (``≈20``), never two drugs' mg added up."""
    two_drugs = False
    rows = [f"{'day':<16} dose mg  anxiety  mood  sleep h  symptoms  phase"]
    for offset in range(6, -1, -1):
        day = today - timedelta(days=offset)
        entry = entries.get(day)
        label = f"{day:%d %b} {relative_day(day, today)}"
        if entry is None:
            rows.append(f"{label:<16} {'–':>7}  {'–':>7}  {'–':>4}  {'–':>7}  {'–':>8}  ")
            continue
        dose = format_decimal(entry.total_mg) if entry.intakes else "–"
        if entry.intakes and plan is not None and names_day_drugs(plan, entry):
            equivalent = logged_diazepam(plan, entry.intakes)
            dose, two_drugs = ("?" if equivalent is None else f"≈{format_decimal(equivalent)}"), True
        anxiety = "–" if entry.anxiety is None else str(entry.anxiety)
        mood = "–" if entry.mood is None else str(entry.mood)
        sleep = "–" if entry.sleep_hours is None else format_decimal(entry.sleep_hours)
        symptoms = symptom_total_text(entry) + (f" {RED_FLAG_GLYPH}" if entry.red_flags else "")
        rows.append(
            f"{label:<16} {dose:>7}  {anxiety:>7}  {mood:>4}  {sleep:>7}  {symptoms:>8}  {phase_marked(entry.phase)}"
        )
    rows.append(
        f"dose: mg taken that day{DIAZEPAM_DOSE_NOTE if two_drugs else ''} · anxiety {Metric.ANXIETY.unit_text} · mood {Metric.MOOD.unit_text} "
        f"(0 worst) · symptoms: {Metric.TOTAL.unit_text} · {RED_FLAG_GLYPH} red flag · {phase_legend()}"
    )
    return rows


def supply_line(plan: Plan | None, settings: Settings, entries: Sequence[DayEntry], today: date) -> str:
    """``Supply: the bottle runs out on …`` when it ends within :data:`SOON_DAYS` days, else ``""``."""
    if plan is None:
        return ""
    try:
        bottle = read_bottle(settings)
        if bottle is None:
            return ""
        logged = {e.day: e for e in entries if e.intakes}  # each bottle counts its own drug's intakes
        found = outlook(plan, bottle, today, logged)
    except ValidationError as error:
        return f"Supply: {error} (taper-tui supply)"
    if not found.is_soon(today):
        return ""
    return f"Supply: {bottle.name} {found.describe(today)}."


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
        values = [None if e is None else metric_value(e, Metric.TOTAL) for e in fortnight]
        totals = [None if v is None else int(v) for v in values]
        trend = f"symptom total ({Metric.TOTAL.unit_text}), last 14 days: {sparkline(totals)}"
        week = [*week_table(by_day, today, plan), trend]
        settings = self.journal.settings()  # typed (the session hands on the same read)
        return {
            "date": f"{today:%A %d %B %Y}   ·   l: log today   y: log yesterday",
            "plan": "\n".join(plan_lines(plan, today, settings.intake_times))
            if plan
            else "No plan yet (Schedule → n to build one). Logging works without one.",
            "logged": self._logged_text(by_day.get(today), plan),
            "supply": supply_line(plan, settings, self._bottle_days(plan, settings), today),
            "hold": f"⚠ {suggestion}" if suggestion else "",
            "week": "\n".join(week),
        }

    def _bottle_days(self, plan: Plan | None, settings: Settings) -> list[DayEntry]:
        """The days logged since the current bottle was opened (what emptied it)."""
        try:
            bottle = read_bottle(settings) if plan is not None else None
        except ValidationError:
            return []  # the supply line names the problem
        return [] if bottle is None else self.journal.days(bottle.opened, self.today)

    def _logged_text(self, entry: DayEntry | None, plan: Plan | None) -> str:
        """What is logged today: each intake in mg and the measured unit, the labelled total,
        the ratings with their scales, the note's first line (shown as text, never obeyed)."""
        if entry is None:
            return "Nothing logged today yet — press l when you are ready."
        form = formulation_on(plan, entry.day)
        step = plan.step_on(entry.day) if plan is not None else None
        lines = []
        if entry.intakes and names_day_drugs(plan, entry):  # two drugs: each named, in its own form
            lines.append(terminal_safe_line(f"Taken today: {logged_drug_intakes(plan, entry)}"))
            lines.append(terminal_safe_line(f"             daily total {drug_totals_text(plan, entry.intakes)}"))
        elif entry.intakes:
            texts = [logged_intake_text(i.mg, step, form) for i in entry.intakes]
            total = logged_intake_text(entry.total_mg, step, form)
            lines.append(f"Taken today: {intakes_line(texts, [i.time for i in entry.intakes])}")
            lines.append(f"             daily total {total}")
        scores = []
        if entry.anxiety is not None:
            scores.append(f"anxiety {entry.anxiety} ({Metric.ANXIETY.unit_text})")
        if entry.mood is not None:
            scores.append(f"mood {entry.mood} ({Metric.MOOD.unit_text})")
        total_value = metric_value(entry, Metric.TOTAL)
        if entry.symptoms and total_value is not None:
            scores.append(f"symptom total {symptom_total_text(entry)} ({Metric.TOTAL.unit_text})")
        if scores:
            lines.append("Rated today: " + "; ".join(scores))
        note = entry.note.strip()
        if note:
            first, *rest = note.splitlines()
            lines.append(f"Note: {terminal_safe_line(first)}{' …' if rest else ''}")
        return "\n".join(lines) or "Logged today."

    def focus_content(self) -> None:
        self.query_one("#today-scroll").focus()

    def action_log_today(self) -> None:
        self.post_message(self.OpenDay(self.today))

    def action_log_yesterday(self) -> None:
        self.post_message(self.OpenDay(self.session.yesterday))
