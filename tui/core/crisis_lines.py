"""Crisis lines by region, and the right line first for what the person logged.

Onboarding, Help, the crisis panel, ``taper-tui log`` and the report all ask :func:`lines_for`
(or :func:`crisis_lines_for`). The numbers themselves, each with the page it was checked
against, live in :mod:`tui.core.crisis_numbers` (re-exported here: ``REGIONS``,
``CrisisLine``, ``Kind``, ``Region``, ``DEFAULT_REGION``).

Order matters when someone is frightened and reads only the first line:

- a seizure, confusion/delirium or hallucinations/psychosis is a medical emergency (withdrawal
  seizures and delirium can be life-threatening): the **emergency number** comes first;
- suicidal thoughts or self-harm: the **suicide and crisis line** comes first, the emergency
  number right after it;
- otherwise (Help, onboarding) the region's own order: crisis line, advice, emergency.

"My own lines" (region :data:`OWN`) are the person's list (a prescriber's out-of-hours number,
a local crisis team), typed in through :func:`own_line` (which names a bad field and its value),
stored in the settings under :data:`OWN_LINES_SETTING` and read back with :func:`parse_own_lines`.
They are shown after the region's lines (or, for "my own lines", before the local emergency
line); they are data, shown as typed through the terminal-safe path, never run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

# Re-exported (``as``): callers import every crisis-line name from this one module.
from tui.core.crisis_numbers import DEFAULT_REGION as DEFAULT_REGION
from tui.core.crisis_numbers import REGIONS as REGIONS
from tui.core.crisis_numbers import CrisisLine as CrisisLine
from tui.core.crisis_numbers import Kind as Kind
from tui.core.crisis_numbers import Region as Region
from tui.core.settings import Settings
from tui.core.symptoms import DEFAULT_SYMPTOMS, RED_FLAG_KEYS
from tui.core.validation import ValidationError


class Situation(StrEnum):
    """Why the lines are shown, which decides the first line."""

    GENERAL = "general"
    EMERGENCY = "emergency"
    """A seizure, confusion/delirium or hallucinations/psychosis was logged."""
    SUICIDAL = "suicidal"
    """Suicidal thoughts or self-harm was logged."""


EMERGENCY_SYMPTOMS = frozenset({"seizure", "confusion", "hallucinations"})
"""Red-flag symptom keys (:mod:`tui.core.symptoms`) that put the emergency number first."""
SUICIDAL_SYMPTOMS = frozenset({"suicidal_thoughts"})
"""Red-flag symptom keys that put the suicide and crisis line first."""


OWN = "OWN"
"""The region code for "my own lines"."""
OWN_LINES_SETTING = "own_crisis_lines"
"""Settings key holding the person's own lines: a list of ``{name, number, purpose}`` strings."""


def region_choices() -> list[tuple[str, str]]:
    """``(code, name)`` for a region picker (onboarding, settings, ``--region``), own lines last."""
    return [(region.code, region.name) for region in REGIONS.values()] + [(OWN, "My own lines")]


def situation_for(symptom_keys: Iterable[str]) -> Situation:
    """The situation for the red-flag symptoms logged (keys rated above 0).

    An emergency symptom wins over suicidal thoughts: both lines are shown, the emergency first.
    """
    keys = set(symptom_keys)
    if keys & EMERGENCY_SYMPTOMS:
        return Situation.EMERGENCY
    if keys & SUICIDAL_SYMPTOMS:
        return Situation.SUICIDAL
    return Situation.GENERAL


_FIRST = {Situation.EMERGENCY: (Kind.EMERGENCY, Kind.CRISIS), Situation.SUICIDAL: (Kind.CRISIS, Kind.EMERGENCY)}
"""The kinds that go first for a situation, in order; every other line keeps its place after them."""

LOCAL_EMERGENCY = CrisisLine(
    "Emergency",
    "your local emergency number",
    "call",
    "a seizure, confusion, or any danger to life",
    Kind.EMERGENCY,
)
"""Shown after the person's own lines when they chose "my own lines": an emergency line stays."""

NO_OWN_LINES = CrisisLine(
    "Emergency",
    "your local emergency number",
    "call",
    "you chose your own lines but have not added any yet — add them in Help with r",
    Kind.EMERGENCY,
)
"""Shown for :data:`OWN` while the person's list is empty: never an empty crisis panel."""

OWN_NAME = "Name"
OWN_NUMBER = "Number"
OWN_PURPOSE = "What it is for"
"""The labels of an own line's three fields: a message about a field names it by its label."""

OWN_DEFAULT_PURPOSE = "my own line"
"""Shown as what a line is for when the person left it empty (stored as empty)."""

OWN_LIMITS = {OWN_NAME: 60, OWN_NUMBER: 40, OWN_PURPOSE: 80}
"""Longest text for each field, in characters (one line of the crisis panel at 80 columns)."""

_NUMBER = re.compile(r"[0-9A-Za-z +()./#*-]+")
"""What a number to call or text may hold: digits, letters (a keyword to text, 1-800-TALK),
spaces and the usual separators."""


def own_line(name: str, number: str, purpose: str = "") -> CrisisLine:
    """One of the person's own lines from what they typed (surrounding spaces dropped).

    Raises :class:`ValidationError` naming the field by its label (:data:`OWN_NAME` …) and the
    value: an empty name or number, one without a digit, a control character (never sent to a
    terminal, and never in a number anyone can dial), or text longer than :data:`OWN_LIMITS`.
    """
    typed = {OWN_NAME: name.strip(), OWN_NUMBER: number.strip(), OWN_PURPOSE: purpose.strip()}
    for label, value in typed.items():
        if any(unicodedata.category(char) in ("Cc", "Cf") for char in value):
            raise ValidationError(label, value, "use plain text, without control characters")
        if len(value) > OWN_LIMITS[label]:
            raise ValidationError(label, value, f"use at most {OWN_LIMITS[label]} characters")
    if not typed[OWN_NAME]:
        raise ValidationError(OWN_NAME, name, "type who the line reaches, e.g. Dr Lee out of hours")
    if not typed[OWN_NUMBER]:
        raise ValidationError(OWN_NUMBER, number, "type the number to call or text, e.g. 0161 555 0101")
    if not _NUMBER.fullmatch(typed[OWN_NUMBER]) or not any(char.isdigit() for char in typed[OWN_NUMBER]):
        raise ValidationError(
            OWN_NUMBER,
            number,
            "use digits, with spaces, + - ( ) if you like, and a word to text if there is one, e.g. 0161 555 0101",
        )
    purpose = typed[OWN_PURPOSE] or OWN_DEFAULT_PURPOSE
    # hours="": when the person's line answers is not known, so no "24/7" is claimed for it
    return CrisisLine(typed[OWN_NAME], typed[OWN_NUMBER], "call", purpose, Kind.CRISIS, hours="")


def lines_for(
    region: str | None, situation: Situation = Situation.GENERAL, own_lines: Iterable[CrisisLine] = ()
) -> tuple[CrisisLine, ...]:
    """The lines to show for ``region`` (a code, any case; unknown or None → :data:`DEFAULT_REGION`),
    with the person's ``own_lines`` after the region's, the right one first for ``situation`` (the
    rest keep their order). For :data:`OWN` the own lines come first, then the local emergency
    line, so an emergency always has one."""
    code = (region or DEFAULT_REGION).strip().upper()
    own = tuple(own_lines)
    if code == OWN:
        lines = (*own, LOCAL_EMERGENCY) if own else (NO_OWN_LINES,)
    else:
        lines = REGIONS.get(code, REGIONS[DEFAULT_REGION]).lines + own
    first = _FIRST.get(situation)
    if first is None:
        return lines
    # A stable sort: the kinds that go first move to the top in their order, the rest keep theirs.
    return tuple(sorted(lines, key=lambda line: first.index(line.kind) if line.kind in first else len(first)))


def parse_own_lines(raw: object, field: str = OWN_LINES_SETTING) -> tuple[CrisisLine, ...]:
    """The person's own lines from their stored form (a list of ``{name, number, purpose}``),
    each checked as when it was typed (:func:`own_line`).

    Raises :class:`ValidationError` naming the entry for anything else, so a hand-edited
    settings file is reported, never silently dropped.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValidationError(field, raw, "use a list of {name, number, purpose}")
    lines = []
    for index, item in enumerate(raw):
        where = f"{field}[{index}]"
        if not isinstance(item, dict) or set(item) - {"name", "number", "purpose"}:
            raise ValidationError(where, item, "use {name, number, purpose}, each a text")
        name, number, purpose = (item.get(key, "") for key in ("name", "number", "purpose"))
        if not all(isinstance(value, str) for value in (name, number, purpose)):
            raise ValidationError(where, item, "name, number and purpose are texts")
        try:
            lines.append(own_line(name, number, purpose))
        except ValidationError as error:
            raise ValidationError(where, item, f"{error.field.lower()}: {error.allowed}") from None
    return tuple(lines)


def own_lines_record(lines: Iterable[CrisisLine]) -> list[dict[str, Any]]:
    """The stored form of the person's own lines (what :func:`parse_own_lines` reads back)."""
    return [
        {
            "name": line.name,
            "number": line.number,
            "purpose": "" if line.purpose == OWN_DEFAULT_PURPOSE else line.purpose,
        }
        for line in lines
    ]


_RED_FLAG_BY_NAME = {s.label.lower(): s.key for s in DEFAULT_SYMPTOMS if s.red_flag}


def red_flag_keys(flagged: Iterable[str]) -> list[str]:
    """The red-flag symptom keys in ``flagged`` (keys, or labels in any case, as callers pass them)."""
    keys = []
    for item in flagged:
        key = item if item in RED_FLAG_KEYS else _RED_FLAG_BY_NAME.get(item.strip().lower())
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def crisis_lines_for(
    settings: Settings | str | None, situation: Situation = Situation.GENERAL
) -> tuple[CrisisLine, ...]:
    """The lines for the person's region (a :class:`Settings`, or just a region code), ordered
    for ``situation``. A damaged own-lines setting never empties the list: the emergency line stays."""
    if not isinstance(settings, Settings):
        return lines_for(settings, situation)
    try:
        own = parse_own_lines(settings.extra.get(OWN_LINES_SETTING))
    except ValidationError:
        own = ()
    return lines_for(settings.region, situation, own)
