"""The person's settings as a typed, validated value.

Settings are stored as one plain JSON document (see :meth:`Settings.to_record`); a file from
an older version, with fewer keys, still opens (missing keys take their defaults), and keys
this version does not know are carried along untouched (:attr:`Settings.extra`), so nothing in
the file is lost by a save. A hand-edited value of the wrong shape is refused with a message
naming the setting — ``custom_symptoms: "abc"`` must never become the symptoms a, b and c.

Code reads the settings by attribute (``settings.region``, ``settings.intake_times``), never by
key: a misspelt setting is then a type error, not a silent ``None``. Only the store and the JSON
export and import deal in the stored document.

:func:`planned_intakes` joins the plan's intakes for a day with the usual times set here;
:func:`proposed_times` and :func:`parse_times` are how those times are offered and read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from tui.core.entry import Intake
from tui.core.plan_fields import MAX_INTAKES, TIMES, PlanInputError, Text, field_text
from tui.core.plan_model import Plan
from tui.core.validation import ValidationError


def _names(name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise ValidationError(f"settings.{name}", value, 'use a list of names, e.g. ["Jaw clenching"]')
    return tuple(value)


def _times(name: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(item, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", item) for item in value
    ):
        raise ValidationError(f"settings.{name}", value, 'use a list of 24-hour times, e.g. ["08:00", "20:00"]')
    return tuple(value)


def _region(name: str, value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}", value):
        raise ValidationError(f"settings.{name}", value, "use a region code such as US, UK or AU")
    return value


def _drug(name: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"settings.{name}", value, "use a drug name, or null")
    return value


def _intakes(name: str, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_INTAKES:
        raise ValidationError(f"settings.{name}", value, f"use a whole number from 1 to {MAX_INTAKES}, or null")
    return value


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"settings.{name}", value, "use true or false")
    return value


_CHECKS = {
    "custom_symptoms": _names,
    "hidden_symptoms": _names,
    "region": _region,
    "drug": _drug,
    "intakes_per_day": _intakes,
    "intake_times": _times,
    "onboarded": _flag,
}
"""Each setting's check: it returns the typed value or raises ValidationError naming the setting."""


@dataclass(frozen=True)
class Settings:
    """What the person chose; every field has a default, so an empty document is valid."""

    custom_symptoms: tuple[str, ...] = ()
    """Symptoms the person added, as they typed them (e.g. "Jaw clenching")."""
    hidden_symptoms: tuple[str, ...] = ()
    """Keys of listed symptoms the person hid (red flags are never hidden from the Log)."""
    region: str = "US"
    """Region code choosing the crisis lines shown (US by default)."""
    drug: str | None = None
    """The medicine named at first run, before any plan exists."""
    intakes_per_day: int | None = None
    """Doses a day named at first run (1 to 6), before any plan exists."""
    intake_times: tuple[str, ...] = ()
    """The usual time of each intake, ``HH:MM``, in intake order (may be empty)."""
    onboarded: bool = False
    """True once the first-run questions were answered or skipped."""
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Stored keys this version does not know, kept as they were."""

    @classmethod
    def from_record(cls, record: Mapping[str, Any] | None) -> Settings:
        """Settings from the stored document; ValidationError names the first bad setting."""
        record = record or {}
        if not isinstance(record, Mapping):
            raise ValidationError("settings", record, "use an object of settings")
        known: dict[str, Any] = {name: check(name, record[name]) for name, check in _CHECKS.items() if name in record}
        extra = {key: value for key, value in record.items() if key not in _CHECKS}
        return cls(**known, extra=extra)

    def changed(self, **changes: Any) -> Settings:
        """A copy with some settings changed, each checked as when read from the file; keys this
        version does not know (from an import) are carried in :attr:`extra`."""
        known: dict[str, Any] = {name: _CHECKS[name](name, value) for name, value in changes.items() if name in _CHECKS}
        unknown = {key: value for key, value in changes.items() if key not in _CHECKS}
        return replace(self, **known, extra={**self.extra, **unknown})

    def to_record(self) -> dict[str, Any]:
        """The stored document: plain JSON values, known settings first, then the unknown ones."""
        record: dict[str, Any] = {}
        for item in fields(self):
            if item.name == "extra":
                continue
            value = getattr(self, item.name)
            record[item.name] = list(value) if isinstance(value, tuple) else value
        return {**record, **{key: value for key, value in self.extra.items() if key not in record}}


def planned_intakes(plan: Plan | None, settings: Settings, day: date) -> tuple[Intake, ...]:
    """The intakes the plan sets for ``day``, each with its usual time from the settings when
    the person gave one for that intake; ``()`` without a plan or before it starts."""
    step = plan.step_on(day) if plan is not None else None
    if step is None:
        return ()
    times = settings.intake_times
    return tuple(Intake(mg, times[i] if i < len(times) else None) for i, mg in enumerate(step.intake_mg))


# ----- usual intake times --------------------------------------------------------------------


def proposed_times(count: int) -> tuple[str, ...]:
    """Usual times for ``count`` intakes: spread evenly from 08:00 to 20:00, on the half hour.

    1: 08:00 · 2: 08:00, 20:00 · 3: 08:00, 14:00, 20:00 · 4: 08:00, 12:00, 16:00, 20:00 …
    """
    if count <= 1:
        return ("08:00",)
    first, span = 8 * 60, 12 * 60
    times = []
    for index in range(count):
        minutes = first + round(span * index / (count - 1) / 30) * 30
        times.append(f"{minutes // 60:02d}:{minutes % 60:02d}")
    return tuple(times)


def parse_times(text: Text, count: int) -> tuple[str, ...]:
    """``08:00, 20:00`` → one HH:MM per intake (``,`` or ``;`` between); empty → ``()``."""
    raw = field_text(text, TIMES)
    parts = [part.strip() for part in re.split(r"[,;]", raw) if part.strip()]
    times = []
    for part in parts:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", part)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise PlanInputError(TIMES, raw, f"use 24-hour times HH:MM, e.g. {', '.join(proposed_times(count))}")
        times.append(f"{int(match.group(1)):02d}:{match.group(2)}")
    if times and len(times) != count:
        raise PlanInputError(TIMES, raw, f"give one time per intake ({count}), e.g. {', '.join(proposed_times(count))}")
    return tuple(times)
