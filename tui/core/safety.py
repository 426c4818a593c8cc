"""Safety wording shown on first run, in Help and with every red-flag symptom."""

from __future__ import annotations

SAFETY_NOTICE = (
    "taper-tui is a tracking and arithmetic aid, not medical advice. Plan and change your taper "
    "only with your prescriber. Stopping a benzodiazepine suddenly can cause seizures."
)

CRISIS_LINES: dict[str, tuple[str, ...]] = {
    "US": (
        "988 Suicide & Crisis Lifeline: call or text 988",
        "SAMHSA National Helpline: 1-800-662-4357 (TTY 1-800-487-4889; referral, not counselling)",
        "Emergency: 911",
    ),
    "UK": (
        "Samaritans: call 116 123",
        "NHS 111 for urgent advice",
        "Emergency: 999",
    ),
    "EU": ("Emergency: 112",),
}
"""Crisis lines by region (the region is a setting; US is the default)."""


def crisis_lines(region: str | None) -> tuple[str, ...]:
    """The crisis lines for ``region``, falling back to the US lines."""
    return CRISIS_LINES.get((region or "US").upper(), CRISIS_LINES["US"])
