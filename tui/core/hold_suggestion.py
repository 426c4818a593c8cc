"""When the log suggests holding the current dose (a suggestion only; nothing is changed).

The rule (DOMAIN.md §5, Maudsley's "too much: allow time to stabilise"):

* Take the latest cut on or before today.
* *Before*: the 7 days before that cut (cut − 7 … cut − 1).
* *Since*: the most recent 7 days since the cut (from the later of the cut date and
  today − 6, up to today).
* Only days with at least one symptom rated count as logged; each window needs at least
  4 logged days, otherwise there is too little to say anything.
* Suggest a hold when the mean total symptom score since the cut is at least the mean before
  it plus the larger of 2 points and 25 % of that mean:
  ``mean_since ≥ mean_before + max(2, mean_before / 4)``.

The answer is a sentence for the person (or None); the app and ``taper-tui plan`` show it and
the person decides, with their prescriber.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Iterable

from tui.core.doses import format_decimal
from tui.core.entry import DayEntry

WINDOW_DAYS = 7
MIN_LOGGED_DAYS = 4
MIN_RISE_POINTS = 2
MIN_RISE_SHARE = Fraction(1, 4)


@dataclass(frozen=True)
class HoldSuggestion:
    """The figures behind a suggestion, and the sentence shown."""

    cut_date: date
    mean_before: Fraction
    mean_since: Fraction
    days_before: int
    days_since: int

    @property
    def reason(self) -> str:
        def show(value: Fraction) -> str:
            return format_decimal((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))

        return (
            f"Consider holding the current dose: your symptom total has averaged {show(self.mean_since)} "
            f"over {self.days_since} logged days since the cut on {self.cut_date.isoformat()}, against "
            f"{show(self.mean_before)} over {self.days_before} logged days in the week before it. "
            "Talk it over with your prescriber; nothing has been changed."
        )


def _mean_in(entries: Iterable[DayEntry], first: date, last: date) -> tuple[Fraction | None, int]:
    totals = [e.symptom_total for e in entries if first <= e.day <= last and e.symptoms]
    if not totals:
        return None, 0
    return Fraction(sum(totals), len(totals)), len(totals)


def evaluate_hold(entries: Iterable[DayEntry], cut_dates: Iterable[date], today: date) -> HoldSuggestion | None:
    """The suggestion with its figures when the rule in the module docstring holds, else None."""
    past_cuts = [d for d in cut_dates if d <= today]
    if not past_cuts:
        return None
    cut = max(past_cuts)
    days = list(entries)
    mean_before, days_before = _mean_in(days, cut - timedelta(days=WINDOW_DAYS), cut - timedelta(days=1))
    since_first = max(cut, today - timedelta(days=WINDOW_DAYS - 1))
    mean_since, days_since = _mean_in(days, since_first, today)
    if mean_before is None or mean_since is None or days_before < MIN_LOGGED_DAYS or days_since < MIN_LOGGED_DAYS:
        return None
    if mean_since < mean_before + max(Fraction(MIN_RISE_POINTS), mean_before * MIN_RISE_SHARE):
        return None
    return HoldSuggestion(cut, mean_before, mean_since, days_before, days_since)


def suggest_hold(entries: Iterable[DayEntry], cut_dates: Iterable[date], today: date) -> str | None:
    """A "consider holding" sentence when the log warrants it (see module docstring), else None."""
    found = evaluate_hold(entries, cut_dates, today)
    return None if found is None else found.reason
