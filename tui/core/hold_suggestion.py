"""When the log suggests holding the current dose (a suggestion only; nothing is changed).

The rule (docs/DOMAIN.md §5, Maudsley's "too much: allow time to stabilise"):

* Take the latest cut on or before today.
* *Before*: the week before that cut (cut − 7 … cut − 1).
* *Since*: every day since the cut, from the day after it up to today (the cut day itself
  still reflects the old dose, with a long half-life).
* A day counts when anything was logged on it (:attr:`DayEntry.is_logged`, the one
  definition of a logged day); each window needs at least 4 logged days, otherwise there is
  too little to say anything.
* Two figures are watched, each averaged over the days that hold it (:func:`metric_value`):
  the symptom total (sum of the 0–4 ratings) and anxiety (0–10). A hold is suggested when
  either rose by the margin: ``mean_since ≥ mean_before + max(2, mean_before / 4)``.
* It goes away once the person has answered the rise after that cut: held the dose, slowed
  the taper or returned to a stable dose (read from the plan's ``held``/``increase`` steps and
  from the plan's change events).

The answer is a sentence for the person (or None) naming the days compared; the app and
``taper-tui plan`` show it and the person decides, with their prescriber.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry
from tui.core.insights import cut_dates, metric_value
from tui.core.plan_model import Plan, PlanFlag
from tui.core.scales import Metric

WINDOW_DAYS = 7
MIN_LOGGED_DAYS = 4
MIN_RISE_POINTS = 2
MIN_RISE_SHARE = Fraction(1, 4)
WATCHED: tuple[Metric, ...] = (Metric.TOTAL, Metric.ANXIETY)
"""The figures whose rise suggests a hold, in the order the sentence names them."""
ANSWERING_EVENTS = frozenset({"hold", "slow_down", "return_to_stable"})
"""Plan changes that answer a rise: after one of these since the cut, the suggestion goes."""


@dataclass(frozen=True)
class Rise:
    """One watched figure that rose by the margin.

    Attributes:
        metric: The figure (symptom total or anxiety).
        mean_before: Its mean over the days of the week before that hold it.
        mean_since: Its mean over the days since that hold it.
    """

    metric: Metric
    mean_before: Fraction
    mean_since: Fraction

    def describe(self) -> str:
        """``your anxiety (0–10) has averaged 6 since, against 2 before``."""
        return (
            f"your {self.metric.name_text} ({self.metric.unit_text}) averaged {_one_decimal(self.mean_since)} "
            f"against {_one_decimal(self.mean_before)}"
        )


def _one_decimal(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format_decimal(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class HoldSuggestion:
    """The figures behind a suggestion, and the sentence shown.

    Attributes:
        cut_date: The cut it looks at (the latest on or before today).
        before_first: First day of the week before the cut.
        before_last: The day before the cut.
        since_first: The day after the cut.
        since_last: Today.
        logged_before: Logged days in the week before.
        logged_since: Logged days since.
        rises: The watched figures that rose by the margin (at least one).
    """

    cut_date: date
    before_first: date
    before_last: date
    since_first: date
    since_last: date
    logged_before: int
    logged_since: int
    rises: tuple[Rise, ...]

    @property
    def reason(self) -> str:
        """The sentence for the person, naming the days compared."""
        rises = " and ".join(r.describe() for r in self.rises)
        return (
            f"Consider holding the current dose: since the cut on {self.cut_date.isoformat()}, "
            f"{rises}. Compared: {self.logged_since} logged days from "
            f"{self.since_first.isoformat()} to {self.since_last.isoformat()} with {self.logged_before} "
            f"logged days from {self.before_first.isoformat()} to {self.before_last.isoformat()}. "
            "Talk it over with your prescriber; nothing has been changed."
        )


def _mean(days: Sequence[DayEntry], metric: Metric) -> Fraction | None:
    values = [v for e in days if (v := metric_value(e, metric)) is not None]
    if not values:
        return None
    return Fraction(sum(Fraction(v) for v in values), len(values))


def _rose(before: Fraction, since: Fraction) -> bool:
    return since >= before + max(Fraction(MIN_RISE_POINTS), before * MIN_RISE_SHARE)


def answered_dates(plan: Plan | None, events: Iterable[dict[str, Any]]) -> list[date]:
    """Days on which the person answered a rise: a step held longer or raised again in the plan
    (its start date), or a hold / slow down / return to stable event (the day it was asked for)."""
    found = set()
    if plan is not None:
        found |= {s.start for s in plan.steps if s.has(PlanFlag.HELD) or s.has(PlanFlag.INCREASE)}
    for event in events:
        if event.get("kind") in ANSWERING_EVENTS and isinstance(event.get("at"), str):
            try:
                found.add(datetime.fromisoformat(event["at"]).date())
            except ValueError:
                continue  # a damaged trail entry answers nothing; the suggestion errs on showing
    return sorted(found)


def evaluate_hold(
    entries: Iterable[DayEntry], cut_dates: Iterable[date], today: date, answered: Iterable[date] = ()
) -> HoldSuggestion | None:
    """The suggestion with its figures when the rule in the module docstring holds, else None.

    ``answered`` are the days the person held, slowed down or returned to stable
    (:func:`answered_dates`); one on or after the cut removes the suggestion.
    """
    past_cuts = [d for d in cut_dates if d <= today]
    if not past_cuts:
        return None
    cut = max(past_cuts)
    if any(d >= cut for d in answered):
        return None
    before_first, before_last = cut - timedelta(days=WINDOW_DAYS), cut - timedelta(days=1)
    since_first = cut + timedelta(days=1)
    logged = [e for e in entries if e.is_logged]
    before = [e for e in logged if before_first <= e.day <= before_last]
    since = [e for e in logged if since_first <= e.day <= today]
    if len(before) < MIN_LOGGED_DAYS or len(since) < MIN_LOGGED_DAYS:
        return None
    rises = []
    for metric in WATCHED:
        mean_before, mean_since = _mean(before, metric), _mean(since, metric)
        if mean_before is not None and mean_since is not None and _rose(mean_before, mean_since):
            rises.append(Rise(metric, mean_before, mean_since))
    if not rises:
        return None
    return HoldSuggestion(cut, before_first, before_last, since_first, today, len(before), len(since), tuple(rises))


def suggest_hold(
    entries: Iterable[DayEntry], cut_dates: Iterable[date], today: date, answered: Iterable[date] = ()
) -> str | None:
    """A "consider holding" sentence when the log warrants it (see module docstring), else None."""
    found = evaluate_hold(entries, cut_dates, today, answered)
    return None if found is None else found.reason


def suggest_hold_for_plan(
    entries: Sequence[DayEntry], plan: Plan | None, events: Iterable[dict[str, Any]], today: date
) -> str | None:
    """:func:`suggest_hold` for the stored plan and its change events (the app's and CLI's call):
    the cuts are :func:`~tui.core.insights.cut_dates`, the answers :func:`answered_dates`."""
    return suggest_hold(entries, cut_dates(entries, plan, today), today, answered_dates(plan, events))
