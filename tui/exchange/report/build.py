"""The prescriber summary as figures and words (pure data): :func:`build_report`.

The report is built once as plain sections (:class:`~tui.exchange.report.model.Report`) and then
rendered (:mod:`tui.exchange.report.render`), so the three formats always say the same thing.
Every figure about symptoms and adherence comes from :mod:`tui.core.insights` (the charts use
the same functions, so the report and the app agree); symptom names, scales and plan flags come
from the one vocabulary in :mod:`tui.core.symptoms`, :mod:`tui.core.scales` and
:class:`~tui.core.plan_model.PlanFlag`. It takes ``today`` as a parameter: nothing here reads
the clock.

Contents: a health-data notice; drug and current dose; start dose and cumulative reduction; the
plan and its projected end; the medicine the plan needs in the coming weeks and when the bottle ends; each step so far (planned vs taken, days off plan, holds); the
symptom total in the 7 days before each cut against days 1–7 and 8–14 after; red flags with
dates; adherence; the person's questions; a small text chart of dose and symptoms; the
disclaimer.

The sections live along their seams: the dose, plan and steps here; symptoms, cuts, the
estimated level and the chart in :mod:`.symptom_sections`; adherence, plan changes and the
person's questions in :mod:`.journal_sections`; shared wordings in :mod:`.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tui.core.doses import format_decimal, percent
from tui.core.entry import DayEntry
from tui.core.intake_drugs import (
    DayDose,
    day_against_plan,
    drug_totals_text,
    logged_drug_intakes,
    names_day_drugs,
)
from tui.core.intake_text import (
    DAILY_TOTAL,
    logged_daily_total,
    logged_intakes,
)
from tui.core.measured_forms import drug_forms_text, form_on
from tui.core.plan_model import Plan, PlanFlag, Step, flag_legend
from tui.core.safety import SAFETY_NOTICE
from tui.core.settings import Settings
from tui.core.step_drugs import names_drugs, step_daily_totals, step_diazepam, step_drug_totals, timed_step_intakes
from tui.exchange.report.figures import LEFT_OUT, MAX_LISTED, mg_text, planned_lookup
from tui.exchange.report.journal_sections import adherence_section, events_section, questions_section
from tui.exchange.report.model import Block, Bullets, Report, Section, Table
from tui.exchange.report.supply_section import supply_section
from tui.exchange.report.symptom_sections import (
    chart_section,
    cut_curve_section,
    cuts_section,
    level_swing_section,
    red_flag_section,
)

HEALTH_DATA_NOTICE = "Contains health data: share it only with the people you choose."

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


# -- building -------------------------------------------------------------------------------


def build_report(
    entries: Sequence[DayEntry],
    plan: Plan | None,
    events: Sequence[dict[str, Any]],
    settings: Settings,
    today: date,
) -> Report:
    """The prescriber summary for the log up to ``today`` (days after it are left out)."""
    entries = sorted((e for e in entries if e.day <= today), key=lambda e: e.day)
    planned = planned_lookup(plan)
    drug = plan.params.drug if plan else settings.drug
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
        supply_section(entries, plan, settings, today),
        _steps_section(entries, plan, settings, today),
        cuts_section(entries, plan, today),
        cut_curve_section(entries, plan, today),
        level_swing_section(entries, plan, drug, settings, today),
        red_flag_section(entries),
        adherence_section(entries, plan, planned, settings, today),
        events_section(events),
        questions_section(entries),
        chart_section(entries, plan, today),
        Section("Please note", (SAFETY_NOTICE,)),
    ]
    title = f"Taper summary for my prescriber — {drug}" if drug else "Taper summary for my prescriber"
    return Report(title, preamble, tuple(s for s in sections if s is not None))


def _dose_section(
    entries: Sequence[DayEntry], plan: Plan | None, drug: str | None, settings: Settings, today: date
) -> Section:
    """Drug, the dose today intake by intake in the measured unit, the next cut, the last day
    logged, the start dose and the reduction; every total for a day is labelled as such."""
    times = settings.intake_times
    last_dosed = next((e for e in reversed(entries) if e.intakes), None)
    step = plan.step_on(today) if plan else None
    current = step.dose_mg if step else (last_dosed.total_mg if last_dosed else None)
    start: Decimal | None
    if plan:
        start = plan.projection().start_mg
        named = f"{plan.params.drug} " if plan.params.crosses_over else ""  # two drugs: the start's is said
        start_text = f"{DAILY_TOTAL} {named}{mg_text(start)} when the plan started on {plan.start.isoformat()}"
    else:
        first_dosed = next((e for e in entries if e.intakes), None)
        start = first_dosed.total_mg if first_dosed else None
        start_text = (
            f"{DAILY_TOTAL} {mg_text(start)}, first logged {first_dosed.day.isoformat()}" if first_dosed else "—"
        )
    rows = [("Drug", drug or "not recorded")]
    crossover = plan is not None and step is not None and names_drugs(step)
    if plan and step:
        rows.append(("Current dose", f"{timed_step_intakes(plan, step, times)} (planned for {today.isoformat()})"))
        rows.append(("Current daily total", step_drug_totals(plan, step)))
        equivalent = step_diazepam(plan, step) if crossover else None
        if equivalent is not None:  # two drugs' mg are not one figure
            rows.append(("Current ≈ diazepam", equivalent.describe()))
        upcoming = next((s for s in plan.steps if s.start > today), None)
        if upcoming is not None:
            rows.append(
                (
                    "Next step",
                    f"from {upcoming.start.isoformat()}: {timed_step_intakes(plan, upcoming, times)} "
                    f"({step_daily_totals(plan, upcoming)})",
                )
            )
    else:
        rows.append(("Current daily total", f"{mg_text(current)} (last logged)"))
    if last_dosed and names_day_drugs(plan, last_dosed):
        rows.append(
            (
                "Last dose logged",
                f"{last_dosed.day.isoformat()}: {logged_drug_intakes(plan, last_dosed)} "
                f"({DAILY_TOTAL} {drug_totals_text(plan, last_dosed.intakes)})",
            )
        )
    elif last_dosed:
        formulation = form_on(plan, last_dosed.day)
        rows.append(
            (
                "Last dose logged",
                f"{last_dosed.day.isoformat()}: {logged_intakes(last_dosed.intakes, formulation)} "
                f"({logged_daily_total(last_dosed.total_mg, formulation)})",
            )
        )
    rows.append(("Start dose", start_text))
    if crossover and plan and step:  # docs/DOMAIN.md §3.12: a crossover compares only as ≈ diazepam
        rows += _diazepam_reduction(plan, step)
    elif start and current is not None and start > 0:
        rows.append(
            (
                "Reduction so far",
                f"{DAILY_TOTAL} {mg_text(start - current)} lower ({format_decimal(percent(start - current, start))} % of the start dose)",
            )
        )
    return Section("Dose", (Table(("", ""), tuple(rows)),))


def _diazepam_reduction(plan: Plan, step: Step) -> list[tuple[str, str]]:
    """The reduction since the plan's first day in ≈ diazepam (none when a drug has no figure)."""
    before, now = step_diazepam(plan, plan.steps[0]), step_diazepam(plan, step)
    if before is None or now is None or before.diazepam_mg <= 0:
        return []
    down = before.diazepam_mg - now.diazepam_mg
    return [
        (
            "Reduction so far",
            f"≈ {mg_text(down)} diazepam a day lower ({format_decimal(percent(down, before.diazepam_mg))} % of "
            f"the start's ≈ {mg_text(before.diazepam_mg)}; {now.source})",
        )
    ]


def _planned_cell(plan: Plan, step: Step) -> str:
    """A step's planned daily mg: ``0.75``; after a crossover ``17.5 diazepam``; a crossover stage's
    two drugs as ``≈ 20 diazepam`` (docs/DOMAIN.md §3.12: never one mg figure for two drugs; each
    drug's dose is listed under the table), short enough for 80 columns."""
    if not names_drugs(step):
        return format_decimal(step.dose_mg)
    if step.also is None:
        return f"{format_decimal(step.dose_mg)} {plan.drug_of(step)}"
    equivalent = step_diazepam(plan, step)
    return (
        step_drug_totals(plan, step) if equivalent is None else f"≈ {format_decimal(equivalent.diazepam_mg)} diazepam"
    )


def _off_plan_line(plan: Plan, step: Step, entry: DayEntry, dose: DayDose) -> str:
    """``2027-03-02: took 08:00 0.5 mg = 1 tab (daily total 0.5 mg), planned daily total 0.75 mg``;
    on a day of two drugs each drug's total and the ≈ diazepam both days are compared in."""
    took = logged_drug_intakes(plan, entry)
    if not dose.diazepam:
        total = mg_text(entry.total_mg)
        planned = f"{DAILY_TOTAL} {mg_text(step.dose_mg)}"
        return f"{entry.day.isoformat()}: took {took} ({DAILY_TOTAL} {total}), planned {planned}"
    return (
        f"{entry.day.isoformat()}: took {took} ({DAILY_TOTAL} {drug_totals_text(plan, entry.intakes)}, "
        f"≈ {format_decimal(dose.taken)} mg diazepam), planned {step_daily_totals(plan, step)} "
        f"(≈ {format_decimal(dose.planned)} mg diazepam)"
    )


def _crossover_legend(plan: Plan, today: date) -> list[str]:
    """What ``≈ 20 diazepam`` in the steps table means, with its source, once a stage has begun."""
    sources = sorted(
        {e.source for step in plan.steps if step.also and step.start <= today if (e := step_diazepam(plan, step))}
    )
    return [f"≈ … diazepam: a crossover stage's two drugs as ≈ diazepam ({', '.join(sources)})."] if sources else []


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
        ("Measured as", drug_forms_text(plan)),
        (
            "Projected end",
            f"{projection.end_date.isoformat()} at {mg_text(projection.final_mg)} ({projection.steps} steps; {done} started so far)",
        ),
    ]
    return Section("Plan", (Table(("", ""), tuple(rows)),))


def _steps_section(entries: Sequence[DayEntry], plan: Plan | None, settings: Settings, today: date) -> Section | None:
    """Each step started so far (daily totals, days dosed and off plan) and every intake of each
    step in the measured unit."""
    if plan is None:
        return None
    times = settings.intake_times
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
        dosed = [by_day[d] for d in days if d in by_day and by_day[d].intakes]
        compared = [(entry, dose) for entry in dosed if (dose := day_against_plan(plan, entry)) is not None]
        # The taken column says what the planned one does: ≈ diazepam on a day of two drugs.
        taken = [dose.taken for _entry, dose in compared] or [entry.total_mg for entry in dosed]
        off = [(entry, dose) for entry, dose in compared if not dose.as_planned]
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
                _planned_cell(plan, step),
                taken_text,
                f"{len(taken)}/{len(days)}",
                str(len(off)),
                notes,
            )
        )
        shown_flags += [c for c in step.flag_codes if c in REPORTED_FLAGS]
        intakes.append(f"Step {number} (from {step.start.isoformat()}): {timed_step_intakes(plan, step, times)}")
        deviations += [_off_plan_line(plan, step, entry, dose) for entry, dose in off]
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
        *_crossover_legend(plan, today),
        "Each intake, as measured:",
        Bullets(tuple(intakes[-MAX_LISTED:])),
    ]
    legend = flag_legend(shown_flags, separator="; ")
    if legend:
        blocks.append(f"Notes: {legend}.")
    if len(rows) > MAX_LISTED:
        blocks.append(LEFT_OUT.format(count=len(rows) - MAX_LISTED, what="steps"))
    if deviations:
        shown = deviations[-MAX_LISTED:]
        more = len(deviations) - len(shown)
        blocks.append("Days whose daily total differed from the plan:")
        blocks.append(Bullets(tuple(([f"… {more} earlier days off plan"] if more else []) + shown)))
    return Section("Steps so far", tuple(blocks))
