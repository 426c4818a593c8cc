"""A day in the log: what was taken, how it felt, and how it is written to the file.

A :class:`DayEntry` is keyed by its date. Its plain-data form (:meth:`DayEntry.to_record`) is
the one stored in the data file and exported, with doses and hours as exact decimal strings.

An intake names its drug only when it is not the plan's own (docs/DOMAIN.md §3.12: the diazepam
taken during a crossover from clonazepam): ``None`` is the plan's drug, so every day of a plan
without a crossover — and every file written before intakes could name a drug — is stored and
exported byte for byte as before. A named drug is stored as the drug, never as a brand typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from tui.core.doses import ZERO, format_decimal
from tui.core.drugs import DRUGS, find_drug
from tui.core.scales import ANXIETY, MOOD, SLEEP_QUALITY, SYMPTOM
from tui.core.symptoms import red_flags_in, symptom_key
from tui.core.validation import (
    ValidationError,
    check_day_in_range,
    parse_int,
    parse_mg,
    parse_note,
    parse_phase,
    parse_sleep_hours,
    parse_time,
)

ENTRY_FIELDS = ("date", "intakes", "anxiety", "mood", "sleep_hours", "sleep_quality", "symptoms", "phase", "note")
"""Record keys in the order they are written (stable, so diffs of the data file stay small)."""
_KNOWN_FIELDS = frozenset(ENTRY_FIELDS)
_INTAKE_FIELDS = frozenset({"time", "mg", "drug"})


def intake_drug(name: str, field_name: str = "drug") -> str:
    """The stored name of a drug typed or read for an intake (a brand finds its drug:
    ``Valium`` → ``diazepam``); ValidationError naming ``field_name`` for a drug not in the table."""
    drug = find_drug(name)
    if drug is None:
        raise ValidationError(field_name, name, f"use a drug taper-tui knows: {', '.join(sorted(DRUGS))}")
    return drug.key


@dataclass(frozen=True, slots=True)
class Intake:
    """One dose taken: an exact amount in mg, if known the clock time, and its drug when that is
    not the plan's own (see the module docstring)."""

    mg: Decimal
    time: str | None = None
    drug: str | None = None
    """The drug's stored name (``diazepam``) when not the plan's own drug; ``None``: the plan's."""

    def to_record(self) -> dict[str, Any]:
        """``{"time", "mg"}``, and ``"drug"`` only when the intake names one (older files' shape otherwise)."""
        record: dict[str, Any] = {"time": self.time, "mg": format_decimal(self.mg)}
        if self.drug is not None:
            record["drug"] = self.drug
        return record

    def describe(self) -> str:
        """``0.25 mg @ 08:00`` or ``0.25 mg`` (``diazepam 5 mg @ 20:00`` when it names its drug)."""
        text = f"{format_decimal(self.mg)} mg"
        if self.drug is not None:
            text = f"{self.drug} {text}"
        return f"{text} @ {self.time}" if self.time else text

    def of_plan(self, plan_drug: str) -> Intake:
        """This intake as stored under a plan of ``plan_drug``: its drug named only when it is another."""
        return self if self.drug != plan_drug else replace(self, drug=None)


_DRUG_PREFIX = re.compile(r"\s*([A-Za-z][A-Za-z -]*?)\s*:(.*)", re.DOTALL)
"""``diazepam:5@20:00``: a drug's name (letters first, so ``0.25@08:00`` is never read as one) and a colon."""


def dose_spec(intake: Intake) -> str:
    """``[DRUG:]MG[@HH:MM]``, as ``taper-tui log --dose`` takes it (:func:`split_dose_spec`) and the
    days CSV writes it: ``0.25@08:00``, ``diazepam:5@20:00``."""
    amount = f"{format_decimal(intake.mg)}@{intake.time}" if intake.time else format_decimal(intake.mg)
    return f"{intake.drug}:{amount}" if intake.drug else amount


def split_dose_spec(spec: str) -> tuple[str | None, str]:
    """``diazepam:5@20:00`` → ``("diazepam", "5@20:00")``; ``(None, spec)`` when no drug is named.
    The drug is as typed: which drugs a day may hold is the plan's to say."""
    named = _DRUG_PREFIX.fullmatch(spec)
    return (None, spec) if named is None else (named.group(1), named.group(2))


def parse_intake(spec: str, field_name: str = "dose") -> Intake:
    """Parse ``MG`` or ``MG@HH:MM`` (as typed after ``--dose``, its drug split off first)."""
    mg_text, _, time_text = spec.partition("@")
    mg = parse_mg(mg_text, field_name)
    when = parse_time(time_text, f"{field_name} time") if time_text.strip() else None
    return Intake(mg=mg, time=when)


@dataclass(frozen=True, slots=True)
class DayEntry:
    """Everything logged for one day. ``None`` means "not logged", never zero."""

    day: date
    intakes: tuple[Intake, ...] = ()
    anxiety: int | None = None
    mood: int | None = None
    sleep_hours: Decimal | None = None
    sleep_quality: int | None = None
    symptoms: dict[str, int] = field(default_factory=dict)
    phase: str | None = None
    note: str = ""

    @property
    def total_mg(self) -> Decimal:
        """All intakes of the day added up, exactly."""
        return sum((i.mg for i in self.intakes), ZERO)

    @property
    def symptom_total(self) -> int:
        """Sum of all symptom ratings (0–4 each); red flags included."""
        return sum(self.symptoms.values())

    @property
    def red_flags(self) -> list[str]:
        """Red-flag symptoms rated above 0 this day."""
        return sorted(symptom.key for symptom in red_flags_in(self.symptoms))

    @property
    def is_logged(self) -> bool:
        """True when anything at all is logged on the day: the one definition of a *logged day*
        (the hold suggestion, adherence and the chart count days with it)."""
        return not self.is_empty()

    def is_empty(self) -> bool:
        """True when nothing at all is logged (a record is then not worth keeping)."""
        return not (self.intakes or self.symptoms or self.note) and all(
            v is None for v in (self.anxiety, self.mood, self.sleep_hours, self.sleep_quality, self.phase)
        )

    def merged(self, **changes: Any) -> DayEntry:
        """A copy with the given fields replaced (fields not named keep their values)."""
        return replace(self, **changes)

    def to_record(self) -> dict[str, Any]:
        """Plain data for the file and the JSON export, keys in :data:`ENTRY_FIELDS` order."""
        return {
            "date": self.day.isoformat(),
            "intakes": [i.to_record() for i in self.intakes],
            "anxiety": self.anxiety,
            "mood": self.mood,
            "sleep_hours": None if self.sleep_hours is None else format_decimal(self.sleep_hours),
            "sleep_quality": self.sleep_quality,
            "symptoms": {k: self.symptoms[k] for k in sorted(self.symptoms)},
            "phase": self.phase,
            "note": self.note,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DayEntry:
        """Validate and build an entry from plain data; raise :class:`ValidationError` naming the field."""
        if not isinstance(record, dict):
            raise ValidationError("entry", record, "each entry must be an object")
        unknown = record.keys() - _KNOWN_FIELDS
        if unknown:
            raise ValidationError("entry", ", ".join(sorted(unknown)), f"known fields are {', '.join(ENTRY_FIELDS)}")
        raw_date = record.get("date")
        try:
            day = date.fromisoformat(raw_date) if isinstance(raw_date, str) and len(raw_date) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise ValidationError("date", raw_date, "use an ISO date YYYY-MM-DD")
        check_day_in_range(day, "date")
        intakes_raw = record.get("intakes") or []
        if not isinstance(intakes_raw, list):
            raise ValidationError("intakes", intakes_raw, "use a list of {time, mg}")
        intakes = []
        for number, item in enumerate(intakes_raw, start=1):
            if not isinstance(item, dict) or set(item) - _INTAKE_FIELDS or "mg" not in item:
                raise ValidationError(
                    f"intakes[{number}]", item, 'use {"time": "HH:MM" or null, "mg": "0.25"} (and "drug" if another)'
                )
            if not isinstance(item["mg"], str):
                raise ValidationError(
                    f"intakes[{number}].mg", item["mg"], 'write the dose as a decimal string, e.g. "0.25"'
                )
            mg = parse_mg(item["mg"], f"intakes[{number}].mg")
            when = item.get("time")
            drug = item.get("drug")
            if drug is not None and not isinstance(drug, str):
                raise ValidationError(f"intakes[{number}].drug", drug, "write the drug's name as text, e.g. diazepam")
            intakes.append(
                Intake(
                    mg,
                    None if when is None else parse_time(when, f"intakes[{number}].time"),
                    None if drug is None else intake_drug(drug, f"intakes[{number}].drug"),
                )
            )
        sleep = record.get("sleep_hours")
        if sleep is not None and not isinstance(sleep, str):
            raise ValidationError("sleep_hours", sleep, 'write hours as a decimal string, e.g. "6.5"')
        symptoms_raw = record.get("symptoms") or {}
        if not isinstance(symptoms_raw, dict):
            raise ValidationError("symptoms", symptoms_raw, "use an object {name: 0–4}")
        symptoms = {}
        for name, level in symptoms_raw.items():
            key = symptom_key(str(name))
            if not key or key != name:
                raise ValidationError("symptoms", name, "symptom names are lower case words joined by _")
            if not isinstance(level, int) or isinstance(level, bool):
                raise ValidationError(
                    f"symptoms.{name}", level, f"use a whole number from {SYMPTOM.low} to {SYMPTOM.high}"
                )
            symptoms[key] = parse_int(f"symptoms.{name}", level, SYMPTOM.low, SYMPTOM.high)
        note = record.get("note")
        if note is not None and not isinstance(note, str):
            raise ValidationError("note", note, "use text")
        return cls(
            day=day,
            intakes=tuple(intakes),
            anxiety=_optional_int(record, "anxiety", ANXIETY.low, ANXIETY.high),
            mood=_optional_int(record, "mood", MOOD.low, MOOD.high),
            sleep_hours=None if sleep is None else parse_sleep_hours(sleep, "sleep_hours"),
            sleep_quality=_optional_int(record, "sleep_quality", SLEEP_QUALITY.low, SLEEP_QUALITY.high),
            symptoms=symptoms,
            phase=parse_phase(record.get("phase")),
            note=parse_note(note or ""),
        )


def _optional_int(record: dict[str, Any], name: str, low: int, high: int) -> int | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(name, value, f"use a whole number from {low} to {high}")
    return parse_int(name, value, low, high)
