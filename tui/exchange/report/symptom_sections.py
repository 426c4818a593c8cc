"""The report's sections about symptoms and the estimated level: symptoms around each cut, how
each cut lands (the days-since-cut sentence), the estimated inter-dose swing, red flags, and the
weekly text chart of dose and symptoms.

Every figure comes from :mod:`tui.core.insights`, :mod:`tui.core.cut_response_curve` and
:mod:`tui.core.drug_level`, the functions the Chart uses, so the report and the app agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from tui.core.cut_response_curve import sentence, summarise
from tui.core.doses import ZERO, format_decimal
from tui.core.drug_level import ESTIMATE_NOTE, WARM_UP_HALF_LIVES, describe_swing, estimate, half_lives
from tui.core.entry import DayEntry
from tui.core.insights import TOTAL, CutResponse, cut_dates, cut_responses, daily_dose_series, daily_series
from tui.core.intake_drugs import every_intake_logged, intakes_expected
from tui.core.plan_model import Plan
from tui.core.scales import SYMPTOM, TOTAL_SCALE_TEXT
from tui.core.settings import Settings
from tui.core.symptoms import symptom_label
from tui.exchange.report.figures import LEFT_OUT, MAX_LISTED, change_text, mean_text, planned_lookup
from tui.exchange.report.model import Block, Bullets, Preformatted, Section, Table

CHART_WEEKS = 12
CHART_BAR_WIDTH = 24
SWING_DAYS = 28
"""The estimated swing is the median over this many recent days (four weeks: recent, yet not one odd day)."""
DEFAULT_CUT_COUNT = 6
"""The days-since-cut sentence speaks of this many recent cuts, as the Chart does at first."""


def cuts_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section:
    """The symptom total in the week before each cut against days 1–7 and 8–14 after it."""
    cuts = cut_dates(entries, plan, today)
    responses: list[CutResponse] = cut_responses(entries, cuts, TOTAL)
    if not responses:
        return Section("Symptoms around each cut", ("No cut has been made yet.",))
    planned = planned_lookup(plan)
    rows = []
    for response in responses:
        dose = planned(response.cut) if planned else None
        rows.append(
            (
                response.cut.isoformat(),
                format_decimal(dose) if dose is not None else "",
                mean_text(response.before),
                mean_text(response.days_1_7),
                change_text(response.change_1_7),
                mean_text(response.days_8_14),
                change_text(response.change_8_14),
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
        blocks.append(LEFT_OUT.format(count=len(rows) - MAX_LISTED, what="cuts"))
    return Section("Symptoms around each cut", tuple(blocks))


def cut_curve_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section:
    """The days-since-cut sentence, as the Chart's ``a`` mode says it (the last 6 cuts, symptom total)."""
    summary = summarise(entries, cut_dates(entries, plan, today), TOTAL, DEFAULT_CUT_COUNT)
    return Section("How each cut lands", (sentence(summary, whose="my"),))


def level_swing_section(
    entries: Sequence[DayEntry], plan: Plan | None, drug: str | None, settings: Settings, today: date
) -> Section | None:
    """The estimated daily trough-to-peak swing over the last :data:`SWING_DAYS` days, with what
    it is and is not; left out when no medicine is named, its half-life is not on file, or no dose
    was logged in those days.

    Only days whose planned intakes were all logged, with the days before them (the warm-up of
    :data:`~tui.core.drug_level.WARM_UP_HALF_LIVES` of the longest half-life), are estimated: a
    missing log would read as a dose not taken, and one logged intake after an empty log as a
    100 % dip. The days left out are counted in the words."""
    ranges = half_lives(drug) if drug else None
    if not drug or ranges is None:
        return None
    first = today - timedelta(days=SWING_DAYS - 1)
    dosed = [e.day for e in entries if first <= e.day <= today and e.intakes]
    if not dosed:
        return None
    by_day = {e.day: e for e in entries}
    per_day = settings.intakes_per_day

    def complete(day: date) -> bool:
        return every_intake_logged(by_day.get(day), intakes_expected(plan, day, per_day))

    warm_up = math.ceil(WARM_UP_HALF_LIVES * ranges.high / 24)
    days = [d for d in dosed if all(complete(d - timedelta(days=back)) for back in range(warm_up + 1))]
    left_out = len(dosed) - len(days)
    result = estimate(entries, drug, days, settings.intake_times)
    swing = None if result is None or not days else describe_swing(result)
    left_text = f"{left_out} day{'s' if left_out != 1 else ''} left out"
    if swing is None:
        return Section(
            "Estimated level between doses",
            (
                f"Not estimated yet: no day in the last {SWING_DAYS} days had every planned intake logged, with the "
                f"days before it logged too ({left_text}), and a missing log would read as a dip.",
                ESTIMATE_NOTE,
            ),
        )
    why = f"; {left_text}: one of their planned intakes, or of the days before them, was not logged" if left_out else ""
    return Section("Estimated level between doses", (f"{swing} (the last {SWING_DAYS} days{why}).", ESTIMATE_NOTE))


def red_flag_section(entries: Sequence[DayEntry]) -> Section:
    """Each day a red flag was logged, with its rating (the most recent :data:`MAX_LISTED`)."""
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


def chart_section(entries: Sequence[DayEntry], plan: Plan | None, today: date) -> Section | None:
    """A text chart of weekly means: the daily dose and the symptom total, cut weeks marked."""
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
