"""Crisis lines by region, and the right line first for what the person logged.

The one place crisis numbers live: onboarding, Help, the crisis panel, ``taper-tui log`` and the
report all ask :func:`lines_for`. A wrong number in a crisis is worse than none, so every line
carries the public page it was checked against (:attr:`CrisisLine.source`) and how it was
checked (:attr:`CrisisLine.checked`); change a number only together with both.

Order matters when someone is frightened and reads only the first line:

- a seizure, confusion/delirium or hallucinations/psychosis is a medical emergency (withdrawal
  seizures and delirium can be life-threatening): the **emergency number** comes first;
- suicidal thoughts or self-harm: the **suicide and crisis line** comes first, the emergency
  number right after it;
- otherwise (Help, onboarding) the region's own order: crisis line, advice, emergency.

"My own lines" (region :data:`OWN`) are the person's list (a prescriber's out-of-hours number,
a local crisis team), stored in the settings under :data:`OWN_LINES_SETTING` and read back with
:func:`parse_own_lines`; they are data, shown as typed, never run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from tui.core.settings import Settings
from tui.core.symptoms import DEFAULT_SYMPTOMS, RED_FLAG_KEYS
from tui.core.validation import ValidationError


class Kind(IntEnum):
    """What a line is for; the value is its place in a region's default order."""

    CRISIS = 1
    """A suicide and crisis line: someone to talk to now."""
    ADVICE = 2
    """Urgent medical or mental-health advice that is not an emergency service."""
    REFERRAL = 3
    """Information and referral to treatment (not counselling)."""
    EMERGENCY = 4
    """The emergency number: ambulance, police."""


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


@dataclass(frozen=True)
class CrisisLine:
    """One line: what to dial, what it is for, when it answers, and where that was checked."""

    name: str
    number: str
    """As it is dialled, spaced as the service writes it (``116 123``, ``1-800-662-4357``)."""
    how: str
    """``call``, ``call or text`` …"""
    purpose: str
    """What the line is for, in a few words."""
    kind: Kind
    hours: str | None = None
    """When the line answers, if limited; None means every hour of every day."""
    text: str | None = None
    """A text-message number when it differs from :attr:`number`."""
    source: str = ""
    """The primary public page the number was checked against."""
    checked: str = ""
    """How it was checked, or that it could not be (see the module docstring)."""

    def describe(self) -> str:
        """One line to print: ``Samaritans: call 116 123 — to talk, about anything (24/7)``."""
        reach = f"{self.how} {self.number}"
        if self.text:
            reach += f", text {self.text}"
        return f"{self.name}: {reach} — {self.purpose} ({self.hours or '24/7'})"


@dataclass(frozen=True)
class Region:
    """A region the person can choose: its code, a name to show, and its lines in default order."""

    code: str
    name: str
    lines: tuple[CrisisLine, ...]


OWN = "OWN"
"""The region code for "my own lines"."""
OWN_LINES_SETTING = "own_crisis_lines"
"""Settings key holding the person's own lines: a list of ``{name, number, purpose}`` strings."""
DEFAULT_REGION = "US"
"""The region used when none is set (the settings' default)."""

_SEARCHED = "checked: the page's own text read through a stored copy"
_SECONDARY = "not checked on the service's own site; matches several official and press pages"

REGIONS: dict[str, Region] = {
    region.code: region
    for region in (
        Region(
            "US",
            "United States",
            (
                CrisisLine(
                    "988 Suicide & Crisis Lifeline",
                    "988",
                    "call or text",
                    "suicidal thoughts, any emotional, mental-health or substance-use crisis",
                    Kind.CRISIS,
                    source="https://988lifeline.org/",
                    checked="checked against state health department pages (health.wyo.gov, cdcr.ca.gov); "
                    "988lifeline.org itself not reached",
                ),
                CrisisLine(
                    "SAMHSA National Helpline",
                    "1-800-662-4357",
                    "call",
                    "treatment referral and information, not counselling (TTY 1-800-487-4889)",
                    Kind.REFERRAL,
                    source="https://www.samhsa.gov/find-help/national-helpline",
                    checked=_SEARCHED,
                ),
                CrisisLine(
                    "Emergency",
                    "911",
                    "call",
                    "a seizure, confusion, or any danger to life",
                    Kind.EMERGENCY,
                    source="https://www.911.gov/",
                    checked="not checked (the national emergency number)",
                ),
            ),
        ),
        Region(
            "UK",
            "United Kingdom",
            (
                CrisisLine(
                    "Samaritans",
                    "116 123",
                    "call",
                    "to talk, about anything, free",
                    Kind.CRISIS,
                    source="https://www.samaritans.org/how-we-can-help/contact-samaritan/",
                    checked=_SEARCHED,
                ),
                CrisisLine(
                    "NHS 111",
                    "111",
                    "call",
                    "urgent medical advice; in England choose the mental health option in a crisis",
                    Kind.ADVICE,
                    source="https://111.nhs.uk/",
                    checked="checked against NHS trust and surgery pages (shsc.nhs.uk and others); "
                    "111.nhs.uk itself not reached",
                ),
                CrisisLine(
                    "Emergency",
                    "999",
                    "call",
                    "a seizure, confusion, or any danger to life",
                    Kind.EMERGENCY,
                    source="https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
                    checked='checked against NHS surgery pages ("call 999 or go to A&E")',
                ),
            ),
        ),
        Region(
            "IE",
            "Ireland",
            (
                CrisisLine(
                    "Samaritans",
                    "116 123",
                    "call",
                    "to talk, about anything, free",
                    Kind.CRISIS,
                    source="https://www.samaritans.org/ireland/how-we-can-help/contact-samaritan/",
                    checked="checked: Samaritans Ireland news page on samaritans.org (free helpline 116 123)",
                ),
                CrisisLine(
                    "Pieta",
                    "1800 247 247",
                    "call",
                    "suicide and self-harm crisis support, free",
                    Kind.CRISIS,
                    text="51444 (text HELP)",
                    source="https://www.pieta.ie/",
                    checked=_SECONDARY + " (text number not checked)",
                ),
                CrisisLine(
                    "Emergency",
                    "112 or 999",
                    "call",
                    "a seizure, confusion, or any danger to life",
                    Kind.EMERGENCY,
                    source="https://www.gov.ie/",
                    checked="not checked (the national emergency numbers)",
                ),
            ),
        ),
        Region(
            "CA",
            "Canada",
            (
                CrisisLine(
                    "9-8-8 Suicide Crisis Helpline",
                    "988",
                    "call or text",
                    "suicidal thoughts or serious emotional distress, English and French",
                    Kind.CRISIS,
                    source="https://988.ca/",
                    checked="checked against the Mental Health Commission of Canada and CMHA pages; 988.ca not reached",
                ),
                CrisisLine(
                    "Emergency",
                    "911",
                    "call",
                    "a seizure, confusion, or any danger to life",
                    Kind.EMERGENCY,
                    source="https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/",
                    checked='checked: "If it is an emergency, call 9-1-1" on the page named',
                ),
            ),
        ),
        Region(
            "AU",
            "Australia",
            (
                CrisisLine(
                    "Lifeline",
                    "13 11 14",
                    "call",
                    "crisis support and suicide prevention",
                    Kind.CRISIS,
                    text="0477 13 11 14",
                    source="https://www.lifeline.org.au/",
                    checked="checked: a Lifeline centre's FAQ (lifelineh2h.org.au); text number from press pages",
                ),
                CrisisLine(
                    "Suicide Call Back Service",
                    "1300 659 467",
                    "call",
                    "counselling for anyone feeling suicidal or worried about someone",
                    Kind.CRISIS,
                    source="https://www.suicidecallbackservice.org.au/",
                    checked=_SECONDARY,
                ),
                CrisisLine(
                    "Emergency",
                    "000",
                    "call",
                    "a seizure, confusion, or any danger to life",
                    Kind.EMERGENCY,
                    source="https://www.triplezero.gov.au/",
                    checked='checked: "If you are in immediate danger call 000" on the Lifeline centre\'s FAQ',
                ),
            ),
        ),
    )
}
"""The regions offered, by code; "my own lines" (:data:`OWN`) is added by :func:`region_choices`."""


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

NO_OWN_LINES = CrisisLine(
    "Emergency",
    "your local emergency number",
    "call",
    "you chose your own lines but have not added any yet — add them in Settings",
    Kind.EMERGENCY,
)
"""Shown for :data:`OWN` while the person's list is empty: never an empty crisis panel."""


def lines_for(
    region: str | None, situation: Situation = Situation.GENERAL, own_lines: Iterable[CrisisLine] = ()
) -> tuple[CrisisLine, ...]:
    """The lines to show for ``region`` (a code, any case; unknown or None → :data:`DEFAULT_REGION`),
    the right one first for ``situation`` (the rest keep their order)."""
    code = (region or DEFAULT_REGION).strip().upper()
    if code == OWN:
        lines = tuple(own_lines) or (NO_OWN_LINES,)
    else:
        lines = REGIONS.get(code, REGIONS[DEFAULT_REGION]).lines
    first = _FIRST.get(situation)
    if first is None:
        return lines
    # A stable sort: the kinds that go first move to the top in their order, the rest keep theirs.
    return tuple(sorted(lines, key=lambda line: first.index(line.kind) if line.kind in first else len(first)))


def parse_own_lines(raw: object, field: str = OWN_LINES_SETTING) -> tuple[CrisisLine, ...]:
    """The person's own lines from their stored form (a list of ``{name, number, purpose}``).

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
        if not name.strip() or not number.strip():
            raise ValidationError(where, item, "a line needs a name and a number")
        lines.append(CrisisLine(name.strip(), number.strip(), "call", purpose.strip() or "my own line", Kind.CRISIS))
    return tuple(lines)


def own_lines_record(lines: Iterable[CrisisLine]) -> list[dict[str, Any]]:
    """The stored form of the person's own lines (what :func:`parse_own_lines` reads back)."""
    return [{"name": line.name, "number": line.number, "purpose": line.purpose} for line in lines]


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
