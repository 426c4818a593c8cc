"""The prescriber summary as figures and words (pure data): :func:`build_report`.

The report is built once as plain sections (:class:`~tui.exchange.report.model.Report`) and then
rendered (:mod:`tui.exchange.report.render`), so the three formats always say the same thing.
Every figure about symptoms and adherence comes from :mod:`tui.core.insights` (the charts use
the same functions, so the report and the app agree); symptom names, scales and plan flags come
from the one vocabulary in :mod:`tui.core.symptoms`, :mod:`tui.core.scales` and
:class:`~tui.core.plan_model.PlanFlag`. It takes ``today`` as a parameter: nothing here reads
the clock.

Contents: a health-data notice; drug and current dose; start dose and cumulative reduction; the
plan and its projected end; each step so far (planned vs taken, days off plan, holds); the
symptom total in the 7 days before each cut against days 1–7 and 8–14 after; red flags with
dates; adherence; the person's questions; a small text chart of dose and symptoms; the
disclaimer.

**Questions for the prescriber:** any line of a day's note that starts with ``Q:`` or ``?`` is
listed under "Questions for my prescriber", with its date (e.g. a note
``Q: can I hold this step longer?``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tui.core.adherence import adherence
from tui.core.cut_response_curve import sentence, summarise
from tui.core.doses import ZERO, format_decimal, percent
from tui.core.drug_level import ESTIMATE_NOTE, describe_swing, estimate
from tui.core.entry import DayEntry
from tui.core.insights import (
    TOTAL,
    CutResponse,
    WindowMean,
    cut_dates,
    cut_responses,
    daily_dose_series,
    daily_series,
)
from tui.core.intake_text import (
    DAILY_TOTAL,
    logged_daily_total,
    logged_intakes,
    measured_dose,
    step_daily_total,
    step_intakes,
)
from tui.core.plan_model import Plan, PlanFlag, flag_legend
from tui.core.safety import SAFETY_NOTICE
from tui.core.scales import SYMPTOM, TOTAL_SCALE_TEXT
from tui.core.symptoms import symptom_label
from tui.exchange.report.model import Block, Bullets, Preformatted, Report, Section, Table

HEALTH_DATA_NOTICE = "Contains health data: share it only with the people you choose."
QUESTION_PREFIXES = ("q:", "?")
"""A note line starting with one of these (any case) is a question for the prescriber."""
CHART_WEEKS = 12
CHART_BAR_WIDTH = 24
SWING_DAYS = 28
"""The estimated swing is the median over this many recent days (four weeks: recent, yet not one odd day)."""
DEFAULT_CUT_COUNT = 6
"""The days-since-cut sentence speaks of this many recent cuts, as the Chart does at first."""
MAX_LISTED = 12
"""Longer lists (deviations, red flags) show the most recent this many and say how many more."""

_LEFT_OUT = "The {count} earlier {what} are left out to keep this to a page; the CSV export (taper-tui export --format csv) has every day."

REPORTED_FLAGS: tuple[PlanFlag, ...] = (
    PlanFlag.HOLD,
    PlanFlag.HELD,
    PlanFlag.OVER_10,
    PlanFlag.OVER_25_IN_14,
    PlanFlag.INCREASE,
    PlanFlag.STOP,
    PlanFlag.TOO_COARSE,
)
"""The step flags a prescriber is shown (the rest are about measuring, for the person)."""


# -- figures --------------------------------------------------------------------------------


def _mg(value: Decimal | None) -> str:
    return "—" if value is None else f"{format_decimal(value)} mg"


def _mean(window: WindowMean) -> str:
    if window.mean is None:
        return f"— (0/{window.days})" if window.days else "—"
    return f"{window.mean:.1f} ({window.logged_days}/{window.days})"


def _change(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def question_lines(entries: Sequence[DayEntry]) -> list[tuple[date, str]]:
    """Each note line that starts with ``Q:`` or ``?``, with its day, oldest first."""
    found = []
    for entry in sorted(entries, key=lambda e: e.day):
        for line in entry.note.splitlines():
            text = line.strip()
            for prefix in QUESTION_PREFIXES:
                if text.lower().startswith(prefix):
                    question = text[len(prefix) :].strip()
                    if question:
                        found.append((entry.day, question))
                    break
    return found


def _planned_lookup(plan: Plan | None) -> Callable[[date], Decimal | None] | None:
    if plan is None:
        return None
    return lambda day: step.dose_mg if (step := plan.step_on(day)) is not None else None


# -- building -------------------------------------------------------------------------------


def build_report(
    entries: Sequence[DayEntry],
    plan: Plan | None,
    events: Sequence[dict[str, Any]],
    settings: dict[str, Any],
    today: date,
) -> Report:
    """The prescriber summary for the log up to ``today`` (days after it are left out)."""
    entries = sorted((e for e in entries if e.day <= today), key=lambda e: e.day)
    planned = _planned_lookup(plan)
    drug = plan.params.drug if plan else settings.get("drug")
    preamble = (
        HEALTH_DATA_NOTICE,
        f"Prepared {today.isoformat()} from the log kept in taper-tui"
        + (
            f", {entries[0].day.isoformat()} to {entries[-1].day.isoformat()}." if entries else " (nothing logged yet)."
        ),
    )
    sections = [
        _dose_section(entries, plan, drug, settings, today),
        _plan_section(plan, today),
        _steps_section(entries, plan, settings, today),
        _cuts_section(entries, plan, today),
        _cut_curve_section(entries, plan, today),
        _level_swing_section(entries, drug, settings, today),
        _red_flag_section(entries),
        _adherence_section(entries, plan, planned, settings, today),
        _events_section(events),
        _questions_section(entries),
        _chart_section(entries, plan, today),
        Section("Please note", (SAFETY_NOTICE,)),
    ]
    title = f"Taper summary for my prescriber — {drug}" if drug else "Taper summary for my prescriber"
    return Report(title, preamble, tuple(s for s in sections if s is not None))


def _dose_section(
    entries: Sequence[DayEntry], plan: Plan | None, drug: str | None, settings: dict[str, Any], today: date
) -> Section:
    """Drug, the dose today intake by intake in the measured unit, the next cut, the last day
    logged, the start dose and the reduction; every total for a day is labelled as such."""
    formulation = plan.params.formulation if plan else None
    times = tuple(settings.get("intake_times") or ())
    last_dosed = next((e for e in reversed(entries) if e.intakes), None)
    step = plan.step_on(today) if plan else None
    current = step.dose_mg if step else (last_dosed.total_mg if last_dosed else None)
    start: Decimal | None
    if plan:
        start = plan.projection().start_mg
        start_text = f"{DAILY_TOTAL} {_mg(start)} when the plan started on {plan.start.isoformat()}"
    else:
        first_dosed = next((e for e in entries if e.intakes), None)
        start = first_dosed.total_mg if first_dosed else None
        start_text = f"{DAILY_TOTAL} {_mg(start)}, first logged {first_dosed.day.isoformat()}" if first_dosed else "—"
    rows = [("Drug", drug or "not recorded")]
    if step:
        rows.append(("Current dose", f"{step_intakes(step, times)} (planned for {today.isoformat()})"))
        rows.append(("Current daily total", measured_dose(step.dose_mg, step.unit_dose)))
        upcoming = next((s for s in plan.steps if s.start > today), None) if plan else None
        if upcoming is not None:
            rows.append(
                (
                    "Next step",
                    f"from {upcoming.start.isoformat()}: {step_intakes(upcoming, times)} ({step_daily_total(upcoming)})",
                )
            )
    else:
        rows.append(("Current daily total", f"{_mg(current)} (last logged)"))
    if last_dosed:
        rows.append(
            (
                "Last dose logged",
                f"{last_dosed.day.isoformat()}: {logged_intakes(last_dosed.intakes, formulation)} "
                f"({logged_daily_total(last_dosed.total_mg, formulation)})",
            )
        )
    rows.append(("Start dose", start_text))
    if start and current is not None and start > 0:
        rows.append(
            (
                "Reduction so far",
                f"{DAILY_TOTAL} {_mg(start - current)} lower ({format_decimal(percent(start - current, start))} % of the start dose)",
            )
        )
    return Section("Dose", (Table(("", ""), tuple(rows)),))


def _plan_section(plan: Plan | None, today: date) -> Section:
    if plan is None:
        return Section("Plan", ("No taper plan is stored; doses below are as logged.",))
    params = plan.params
    projection = plan.projection()
    done = sum(1 for s in plan.steps if s.start <= today)
    rows = [
        ("Method", str(params.method.value)),
        ("Cut", f"{format_decimal(params.cut_pct)} % per step"),
        (
            "Step length",
            f"{params.step_days} days" + (f", after a {params.hold_days}-day hold" if params.hold_days else ""),
        ),
        ("Measured as", params.formulation.describe()),
        (
            "Projected end",
            f"{projection.end_date.isoformat()} at {_mg(projection.final_mg)} ({projection.steps} steps; {done} started so far)",
        ),
    ]
    return Section("Plan", (Table(("", ""), tuple(rows)),))


def _steps_section(
    entries: Sequence[DayEntry], plan: Plan | None, settings: dict[str, Any], today: date
) -> Section | None:
    """Each step started so far (daily totals, days dosed and off plan) and every intake of each
    step in the measured unit."""
    if plan is None:
        return None
    formulation = plan.params.formulation
    times = tuple(settings.get("intake_times") or ())
    intakes: list[str] = []
    by_day = {e.day: e for e in entries}
    rows = []
    shown_flags: list[str] = []
    deviations: list[str] = []
    for number, step in enumerate(plan.steps, start=1):
        if step.start > today:
            break
        last = min(step.end, today) if number < len(plan.steps) else today
        days = [step.start + timedelta(days=i) for i in range((last - step.start).days + 1)]
        taken = [by_day[d].total_mg for d in days if d in by_day and by_day[d].intakes]
        off = [
            (d, by_day[d].total_mg)
            for d in days
            if d in by_day and by_day[d].intakes and by_day[d].total_mg != step.dose_mg
        ]
        if not taken:
            taken_text = "—"
        elif min(taken) == max(taken):
            taken_text = format_decimal(taken[0])
        else:
            taken_text = f"{format_decimal(min(taken))}–{format_decimal(max(taken))}"
        notes = " ".join(PlanFlag(c).marked for c in step.flag_codes if c in REPORTED_FLAGS)
        rows.append(
            (
                str(number),
                step.start.isoformat(),
                last.isoformat(),
                format_decimal(step.dose_mg),
                taken_text,
                f"{len(taken)}/{len(days)}",
                str(len(off)),
                notes,
            )
        )
        shown_flags += [c for c in step.flag_codes if c in REPORTED_FLAGS]
        intakes.append(f"Step {number} (from {step.start.isoformat()}): {step_intakes(step, times)}")
        deviations += [
            f"{d.isoformat()}: took {logged_intakes(by_day[d].intakes, formulation)} ({DAILY_TOTAL} {_mg(mg)}), "
            f"planned {DAILY_TOTAL} {_mg(step.dose_mg)}"
            for d, mg in off
        ]
    if not rows:
        return Section("Steps so far", (f"The plan starts on {plan.start.isoformat()}.",))
    blocks: list[Block] = [
        Table(
            ("#", "from", "to", "planned mg", "taken mg", "dosed", "off plan", "notes"),
            tuple(rows[-MAX_LISTED:]),
            frozenset({0, 3, 4, 5, 6}),
        ),
        "planned mg, taken mg: the daily total (taken: lowest–highest of the step's days); "
        "dosed: days with a dose logged, of the days in the step; off plan: of those, days whose daily total differs from the plan.",
        "Each intake, as measured:",
        Bullets(tuple(intakes[-MAX_LISTED:])),
    ]
    legend = flag_legend(shown_flags, separator="; ")
    if legend:
        blocks.append(f"Notes: {legend}.")
    if len(rows) > MAX_LISTED:
        blocks.append(_LEFT_OUT.format(count=len(rows) - MAX_LISTED, what="steps"))
    if deviations:
        shown = deviations[-MAX_LISTED:]
        more = len(deviations) - len(shown)
        blocks.append("Days whose daily total differed from the plan:")
        blocks.append(Bullets(tuple(([f"… {more} earlier days off plan"] if more else []) + shown)))
    return Section("Steps so far", tuple(blocks))


def _cuts_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section:
    cuts = cut_dates(entries, plan, today)
    responses: list[CutResponse] = cut_responses(entries, cuts, TOTAL)
    if not responses:
        return Section("Symptoms around each cut", ("No cut has been made yet.",))
    planned = _planned_lookup(plan)
    rows = []
    for response in responses:
        dose = planned(response.cut) if planned else None
        rows.append(
            (
                response.cut.isoformat(),
                format_decimal(dose) if dose is not None else "",
                _mean(response.before),
                _mean(response.days_1_7),
                _change(response.change_1_7),
                _mean(response.days_8_14),
                _change(response.change_8_14),
            )
        )
    blocks: list[Block] = [
        f"Symptom total ({TOTAL_SCALE_TEXT}) as a mean over the logged days "
        "(logged/days in the window): the 7 days before each cut against days 1–7 and 8–14 after it; "
        "to mg: the new daily total.",
        Table(
            ("cut", "to mg", "before", "days 1–7", "change", "days 8–14", "change"),
            tuple(rows[-MAX_LISTED:]),
            frozenset({1, 2, 3, 4, 5, 6}),
        ),
    ]
    if len(rows) > MAX_LISTED:
        blocks.append(_LEFT_OUT.format(count=len(rows) - MAX_LISTED, what="cuts"))
    return Section("Symptoms around each cut", tuple(blocks))


def _cut_curve_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section:
    """The days-since-cut sentence, as the Chart's ``a`` mode says it (the last 6 cuts, symptom total)."""
    summary = summarise(entries, cut_dates(entries, plan, today), TOTAL, DEFAULT_CUT_COUNT)
    return Section("How each cut lands", (sentence(summary, whose="my"),))


def _level_swing_section(
    entries: Sequence[DayEntry], drug: str | None, settings: Mapping[str, Any], today: date
) -> Section | None:
    """The estimated daily trough-to-peak swing over the last :data:`SWING_DAYS` dosed days, with
    what it is and is not; left out when no medicine is named or its half-life is not on file."""
    if not drug:
        return None
    first = today - timedelta(days=SWING_DAYS - 1)
    days = [e.day for e in entries if first <= e.day <= today and e.intakes]
    result = estimate(entries, drug, days, tuple(settings.get("intake_times") or ()))
    swing = None if result is None else describe_swing(result)
    if swing is None:
        return None
    return Section("Estimated level between doses", (f"{swing} (the last {SWING_DAYS} days).", ESTIMATE_NOTE))


def _red_flag_section(entries: Sequence[DayEntry]) -> Section:
    found = [
        f"{e.day.isoformat()}: "
        + ", ".join(f"{symptom_label(k)} ({e.symptoms[k]}/{SYMPTOM.high})" for k in e.red_flags)
        for e in entries
        if e.red_flags
    ]
    if not found:
        return Section("Red flags", ("None logged (seizure, confusion, hallucinations, suicidal thoughts).",))
    shown = found[-MAX_LISTED:]
    more = len(found) - len(shown)
    return Section("Red flags", (Bullets(tuple(([f"… {more} earlier days"] if more else []) + shown)),))


def _adherence_section(
    entries: Sequence[DayEntry],
    plan: Plan | None,
    planned: Callable[[date], Decimal | None] | None,
    settings: dict[str, Any],
    today: date,
) -> Section:
    intakes = settings.get("intakes_per_day") or (len(plan.params.split) if plan and plan.params.split else None)
    start = plan.start if plan else None
    summary = adherence(
        entries, planned, start=start if start and start <= today else None, end=today, intakes_per_day=intakes
    )
    if summary is None or summary.days_logged == 0:
        return Section("Adherence", ("Nothing logged in this period.",))
    items = [
        f"Days logged: {summary.days_logged} of {summary.days_in_range} ({summary.start.isoformat()} to {summary.end.isoformat()})"
    ]
    items.append(f"Days with a dose logged: {summary.days_with_dose}")
    if summary.days_compared:
        items.append(
            f"Dose as planned on {summary.days_as_planned} of {summary.days_compared} days "
            f"({summary.days_below_plan} below plan, {summary.days_above_plan} above)"
        )
    if summary.intakes_missed is not None:
        items.append(
            f"Doses missed: {summary.intakes_missed} (intakes short of {intakes} a day, on days with a dose logged)"
        )
    return Section("Adherence", (Bullets(tuple(items)),))


def _events_section(events: Sequence[dict[str, Any]]) -> Section | None:
    changes = [e for e in events if e.get("kind") not in ("import", "create") and e.get("effective")]
    if not changes:
        return None
    items = []
    for event in changes[-MAX_LISTED:]:
        reason = f": {event['reason']}" if event.get("reason") else ""
        items.append(f"{event['effective']}: {str(event['kind']).replace('_', ' ')}{reason}")
    return Section("Plan changes", (Bullets(tuple(items)),))


def _questions_section(entries: Sequence[DayEntry]) -> Section:
    questions = question_lines(entries)
    if not questions:
        return Section(
            "Questions for my prescriber", ("None noted. (Start a line of a day's note with Q: or ? to list it here.)",)
        )
    return Section("Questions for my prescriber", (Bullets(tuple(f"{d.isoformat()}: {q}" for d, q in questions)),))


def _chart_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section | None:
    if not entries:
        return None
    first_monday = today - timedelta(days=today.weekday() + 7 * (CHART_WEEKS - 1))
    start = max(first_monday, entries[0].day - timedelta(days=entries[0].day.weekday()))
    doses = daily_dose_series(entries, start, today)
    totals = daily_series(entries, TOTAL, start, today)
    cuts = set(cut_dates(entries, plan, today))
    weeks = []
    week = start
    while week <= today:
        days = [week + timedelta(days=i) for i in range(7) if week + timedelta(days=i) <= today]
        dose_values = [v for d in days if (v := doses.on(d)) is not None]
        total_values = [t for d in days if (t := totals.on(d)) is not None]
        dose = sum(dose_values, ZERO) / len(dose_values) if dose_values else None
        mean_total = sum(total_values) / len(total_values) if total_values else None
        weeks.append((week, dose, mean_total, any(d in cuts for d in days)))
        week += timedelta(days=7)
    top_dose = max((w[1] for w in weeks if w[1] is not None), default=ZERO)
    top_total = max((w[2] for w in weeks if w[2] is not None), default=0.0)
    half = CHART_BAR_WIDTH // 2
    lines = [f"{'week of':<10} {'dose mg (#)':<{half + 6}} {'symptom total (*)':<{half + 6}} cut"]
    for week, dose, total, has_cut in weeks:
        dose_bar = "" if dose is None or top_dose == 0 else "#" * max(1, round(float(dose / top_dose) * half))
        total_bar = "" if total is None or top_total == 0 else "*" * round(total / top_total * half)
        dose_text = "  —" if dose is None else f"{float(dose):>5.2f}"
        total_text = "  —" if total is None else f"{total:>5.1f}"
        lines.append(
            f"{week.isoformat():<10} {dose_text:>5} {dose_bar:<{half}} {total_text:>5} {total_bar:<{half}} {'<' if has_cut else ''}".rstrip()
        )
    return Section(
        f"The last {len(weeks)} weeks (weekly means of the logged days)",
        (
            Preformatted(tuple(lines)),
            f"Legend: # daily total in mg, * symptom total ({TOTAL_SCALE_TEXT}), each scaled to its largest week; "
            "the cut column marks weeks with a cut; — nothing logged.",
        ),
    )
