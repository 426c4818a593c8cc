"""The crisis lines of each region, each with the public page it was checked against.

A wrong number in a crisis is worse than none, so every line carries the page it was checked
against (:attr:`CrisisLine.source`) and how it was checked (:attr:`CrisisLine.checked`); change
a number only together with both. Which lines are shown, and in which order, is decided in
:mod:`tui.core.crisis_lines`; this module is the checked data and its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


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
    """When the line answers, if limited; None means every hour of every day; ``""`` means not
    known (the person's own lines), and then nothing is said about it."""
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
        when = "" if self.hours == "" else f" ({self.hours or '24/7'})"
        return f"{self.name}: {reach} — {self.purpose}{when}"


@dataclass(frozen=True)
class Region:
    """A region the person can choose: its code, a name to show, and its lines in default order."""

    code: str
    name: str
    lines: tuple[CrisisLine, ...]


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
